#![no_main]
//! `backend::fuzz::ids::phone` under libFuzzer (docs/TESTING.md, "Fuzzing").
libfuzzer_sys::fuzz_target!(|data: &[u8]| backend::fuzz::ids::phone(data));
