//! The audit log's times (browser zone); everything else shows China time from
//! [`crate::kit::format`], where the date arithmetic lives.

use crate::kit::format::at_offset;
pub use crate::kit::format::day_bound;

/// `2026-11-26 19:07:33` in the browser's time zone; the input itself if it cannot be read.
pub fn local_time(rfc3339: &str) -> String {
    at_offset(rfc3339, browser_offset_minutes()).unwrap_or_else(|| rfc3339.to_owned())
}

/// The browser's offset from UTC in minutes (east positive: China is +480).
pub fn browser_offset_minutes() -> i64 {
    let minutes = wasm_bindgen_futures::js_sys::Date::new_0().get_timezone_offset();
    -(minutes as i64)
}
