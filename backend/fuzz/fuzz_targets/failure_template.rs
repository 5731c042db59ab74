#![no_main]
//! `backend::fuzz::template::failure_template_bytes` under libFuzzer (docs/TESTING.md, "Fuzzing").
libfuzzer_sys::fuzz_target!(|data: &[u8]| backend::fuzz::template::failure_template_bytes(data));
