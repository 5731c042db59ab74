#![no_main]
//! `backend::fuzz::sniff::sniff` under libFuzzer (docs/TESTING.md, "Fuzzing").
libfuzzer_sys::fuzz_target!(|data: &[u8]| backend::fuzz::sniff::sniff(data));
