//! The `manage` entry of the SPA ([`frontend::entries::manage`]).

fn main() {
    frontend::start(frontend::entries::manage::PAGES);
}
