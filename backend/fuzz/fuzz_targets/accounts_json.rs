#![no_main]
//! `backend::fuzz::import::accounts_json` under libFuzzer (docs/TESTING.md, "Fuzzing").
libfuzzer_sys::fuzz_target!(|data: &[u8]| backend::fuzz::import::accounts_json(data));
