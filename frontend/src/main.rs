//! The SPA's entry: starts the application of the library.

fn main() {
    frontend::start();
}
