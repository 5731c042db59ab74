//! The `portal` entry of the SPA ([`frontend::entries::portal`]).

fn main() {
    frontend::start(frontend::entries::portal::PAGES);
}
