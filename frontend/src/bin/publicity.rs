//! The `publicity` entry of the SPA ([`frontend::entries::publicity`]).

fn main() {
    frontend::start(frontend::entries::publicity::PAGES);
}
