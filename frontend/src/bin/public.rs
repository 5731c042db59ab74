//! The `public` entry of the SPA ([`frontend::entries::public`]).

fn main() {
    frontend::entries::public::start();
}
