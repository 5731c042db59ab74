#![no_main]
//! `backend::fuzz::import::accounts_xlsx` under libFuzzer (docs/TESTING.md, "Fuzzing").
libfuzzer_sys::fuzz_target!(|data: &[u8]| backend::fuzz::import::accounts_xlsx(data));
