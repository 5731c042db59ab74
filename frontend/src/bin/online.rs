//! The `online` entry of the SPA ([`frontend::entries::online`]).

fn main() {
    frontend::start(frontend::entries::online::PAGES);
}
