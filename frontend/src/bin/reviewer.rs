//! The `reviewer` entry of the SPA ([`frontend::entries::reviewer`]).

fn main() {
    frontend::start(frontend::entries::reviewer::PAGES);
}
