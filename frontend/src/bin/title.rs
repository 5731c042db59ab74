//! The `title` entry of the SPA ([`frontend::entries::title`]).

fn main() {
    frontend::start(frontend::entries::title::PAGES);
}
