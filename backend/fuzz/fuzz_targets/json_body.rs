#![no_main]
//! `backend::fuzz::json::json_body` under libFuzzer (docs/TESTING.md, "Fuzzing").
libfuzzer_sys::fuzz_target!(|data: &[u8]| backend::fuzz::json::json_body(data));
