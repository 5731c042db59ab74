//! The `security` entry of the SPA ([`frontend::entries::security`]).

fn main() {
    frontend::start(frontend::entries::security::PAGES);
}
