//! The `certificates` entry of the SPA ([`frontend::entries::certificates`]).

fn main() {
    frontend::start(frontend::entries::certificates::PAGES);
}
