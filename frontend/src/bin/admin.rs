//! The `admin` entry of the SPA ([`frontend::entries::admin`]).

fn main() {
    frontend::start(frontend::entries::admin::PAGES);
}
