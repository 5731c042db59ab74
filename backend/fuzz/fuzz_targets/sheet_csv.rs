#![no_main]
//! `backend::fuzz::import::sheet_csv` under libFuzzer (docs/TESTING.md, "Fuzzing").
libfuzzer_sys::fuzz_target!(|data: &[u8]| backend::fuzz::import::sheet_csv(data));
