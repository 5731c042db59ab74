#![no_main]
//! `backend::fuzz::ids::id_number` under libFuzzer (docs/TESTING.md, "Fuzzing").
libfuzzer_sys::fuzz_target!(|data: &[u8]| backend::fuzz::ids::id_number(data));
