#![no_main]
//! `backend::fuzz::json::path` under libFuzzer (docs/TESTING.md, "Fuzzing").
libfuzzer_sys::fuzz_target!(|data: &[u8]| backend::fuzz::json::path(data));
