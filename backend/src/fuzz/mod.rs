//! Fuzz targets: plain functions over bytes (or a structured input) that panic when an
//! invariant of the code under test breaks. Nothing here runs in the server; the module is
//! compiled for the tests and under the `fuzz` feature.
//!
//! On this project's stable toolchain the targets are driven by `proptest` (the tests of each
//! submodule): random bytes, structured generators, the committed seed corpus under
//! `backend/fuzz/corpus/<target>/` replayed on every run, and the named regression tests of
//! the crashes found. `FUZZ_CASES` sets the cases per generator (default [`DEFAULT_CASES`]);
//! `docs/TESTING.md` ("Fuzzing") has the short and the long run. A `cargo fuzz` crate on a
//! machine with nightly calls the same functions from its `fuzz_target!`s.

pub mod ids;
pub mod import;
pub mod json;
pub mod sniff;
pub mod template;

/// Cases per generator when `FUZZ_CASES` is not set: seconds for all targets together.
pub const DEFAULT_CASES: u32 = 256;

/// The cases per generator: `FUZZ_CASES`, or [`DEFAULT_CASES`].
pub fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// The input split the way a fuzzer's bytes are: the first byte picks among `n` choices, the
/// rest is the payload.
pub fn pick(data: &[u8], n: usize) -> (usize, &[u8]) {
    match data.split_first() {
        Some((first, rest)) if n > 0 => (usize::from(*first) % n, rest),
        _ => (0, data),
    }
}

#[cfg(test)]
pub mod corpus {
    //! The committed seed corpus, replayed through a target on every test run.

    use std::path::PathBuf;

    /// `backend/fuzz/corpus/<target>/`.
    pub fn dir(target: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/corpus")
            .join(target)
    }

    /// Every file of the target's corpus, by name; at least one, or the corpus went missing.
    pub fn files(target: &str) -> Vec<(String, Vec<u8>)> {
        let dir = dir(target);
        let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| {
                let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
                (path.display().to_string(), bytes)
            })
            .collect();
        out.sort();
        assert!(!out.is_empty(), "the corpus of {target} is empty");
        out
    }

    /// Runs `target` on every corpus file, naming the file that fails.
    pub fn replay(target: &str, run: fn(&[u8])) {
        for (name, bytes) in files(target) {
            let outcome = std::panic::catch_unwind(|| run(&bytes));
            assert!(outcome.is_ok(), "{target}: corpus file {name} fails");
        }
    }

    /// A target over bytes.
    pub type Target = fn(&[u8]);

    /// Every target by the name of its corpus directory and of its `cargo fuzz` target
    /// (`backend/fuzz/fuzz_targets/<name>.rs`).
    pub const TARGETS: &[(&str, Target)] = &[
        ("accounts_csv", super::import::accounts_csv),
        ("accounts_json", super::import::accounts_json),
        ("accounts_xlsx", super::import::accounts_xlsx),
        ("credit_code", super::ids::credit_code),
        ("failure_template", super::template::failure_template_bytes),
        ("id_number", super::ids::id_number),
        ("json_body", super::json::json_body),
        ("path", super::json::path),
        ("phone", super::ids::phone),
        ("query", super::json::query),
        ("sheet_csv", super::import::sheet_csv),
        ("sheet_xlsx", super::import::sheet_xlsx),
        ("sniff", super::sniff::sniff),
    ];

    /// The names of the entries of `dir` (files without their extension).
    fn names(dir: &std::path::Path) -> Vec<String> {
        let mut out: Vec<String> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| {
                let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
            .collect();
        out.sort();
        out
    }

    /// Every corpus file of every target replays, and the targets here, the corpus directories
    /// and the `cargo fuzz` targets are the same list (a new target cannot miss its replay).
    #[test]
    fn every_corpus_replays_through_its_target() {
        let listed: Vec<String> = TARGETS.iter().map(|(name, _)| (*name).to_owned()).collect();
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz");
        assert_eq!(names(&root.join("corpus")), listed, "corpus directories");
        assert_eq!(
            names(&root.join("fuzz_targets")),
            listed,
            "cargo fuzz targets"
        );
        for (name, run) in TARGETS {
            replay(name, *run);
        }
    }

    /// The proptest configuration of a fuzz generator: [`super::cases`] cases.
    pub fn config() -> proptest::test_runner::Config {
        proptest::test_runner::Config {
            cases: super::cases(),
            ..proptest::test_runner::Config::default()
        }
    }
}
