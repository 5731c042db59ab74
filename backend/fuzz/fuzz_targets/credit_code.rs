#![no_main]
//! `backend::fuzz::ids::credit_code` under libFuzzer (docs/TESTING.md, "Fuzzing").
libfuzzer_sys::fuzz_target!(|data: &[u8]| backend::fuzz::ids::credit_code(data));
