//! The `experts` entry of the SPA ([`frontend::entries::experts`]).

fn main() {
    frontend::start(frontend::entries::experts::PAGES);
}
