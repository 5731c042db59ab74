//! Values as people read them: times in China time (UTC+8, whatever the browser's zone),
//! masked ID numbers, file sizes.

pub use shared::ids::mask_id_number as mask_id;

/// China's offset from UTC in minutes.
pub const CHINA: i64 = 480;

/// `2026-11-27 03:07:33`, China time; the input itself if it cannot be read.
pub fn china_time(rfc3339: &str) -> String {
    at_offset(rfc3339, CHINA).unwrap_or_else(|| rfc3339.to_owned())
}

/// `2026-11-27`, China time.
pub fn china_date(rfc3339: &str) -> String {
    let time = china_time(rfc3339);
    time.get(..10).map_or(time.clone(), str::to_owned)
}

/// Today in China (`YYYY-MM-DD`), from the browser's clock.
pub fn china_today() -> String {
    let millis = wasm_bindgen_futures::js_sys::Date::now();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "milliseconds since 1970 fit an i64"
    )]
    let minutes = (millis / 60_000.0) as i64 + CHINA;
    let (y, m, d) = civil_from_days(minutes.div_euclid(1440));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `1.5 MB`, `12 KB`, `800 B`.
pub fn file_size(bytes: i64) -> String {
    const KB: i64 = 1024;
    if bytes < KB {
        format!("{bytes} B")
    } else if bytes < KB * KB {
        format!("{} KB", bytes.div_euclid(KB))
    } else {
        let tenths = bytes * 10 / (KB * KB);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// `rfc3339` shifted to `offset` minutes east of UTC, as `YYYY-MM-DD HH:MM:SS`.
pub fn at_offset(rfc3339: &str, offset: i64) -> Option<String> {
    let (date, rest) = rfc3339.split_once('T')?;
    let (y, m, d) = parse_date(date)?;
    let time = rest.get(..8)?;
    let mut parts = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, min, s) = (parts.next()??, parts.next()??, parts.next()??);
    // The zone after the seconds (and any fraction): Z or ±HH:MM.
    let zone = rest[8..].trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let zone_minutes = match zone {
        "Z" | "z" => 0,
        _ => {
            let sign = match zone.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let hours: i64 = zone.get(1..3)?.parse().ok()?;
            let mins: i64 = zone.get(4..6)?.parse().ok()?;
            sign * (hours * 60 + mins)
        }
    };
    let total = days_from_civil(y, m, d) * 1440 + h * 60 + min - zone_minutes + offset;
    let (days, minute_of_day) = (total.div_euclid(1440), total.rem_euclid(1440));
    let (y, m, d) = civil_from_days(days);
    Some(format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{s:02}",
        minute_of_day / 60,
        minute_of_day % 60
    ))
}

/// The start of the day `date` (`YYYY-MM-DD`) at `offset` minutes east of UTC, as RFC 3339
/// (`next` days later when `next` is 1: the exclusive end of a day range).
pub fn day_bound(date: &str, offset: i64, next: i64) -> Option<String> {
    let (y, m, d) = parse_date(date)?;
    let (y, m, d) = civil_from_days(days_from_civil(y, m, d) + next);
    let sign = if offset < 0 { '-' } else { '+' };
    let abs = offset.abs();
    Some(format!(
        "{y:04}-{m:02}-{d:02}T00:00:00{sign}{:02}:{:02}",
        abs / 60,
        abs % 60
    ))
}

pub(crate) fn parse_date(date: &str) -> Option<(i64, i64, i64)> {
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some((y, m, d))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// `n` with thousands separators (332,500).
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_totals_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(332_500), "332,500");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn utc_stamps_move_to_the_local_zone_across_days_and_years() {
        assert_eq!(
            at_offset("2026-11-26T19:07:33.123456+00:00", 480).as_deref(),
            Some("2026-11-27 03:07:33")
        );
        assert_eq!(
            at_offset("2026-12-31T20:00:00Z", 480).as_deref(),
            Some("2027-01-01 04:00:00")
        );
        assert_eq!(
            at_offset("2024-03-01T01:00:00+08:00", 0).as_deref(),
            Some("2024-02-29 17:00:00")
        );
        assert_eq!(at_offset("yesterday", 0), None);
    }

    #[test]
    fn day_bounds_carry_the_zone_and_roll_over_months() {
        assert_eq!(
            day_bound("2026-11-26", 480, 0).as_deref(),
            Some("2026-11-26T00:00:00+08:00")
        );
        assert_eq!(
            day_bound("2026-02-28", -300, 1).as_deref(),
            Some("2026-03-01T00:00:00-05:00")
        );
        assert_eq!(day_bound("2026-13-01", 0, 0), None);
        assert_eq!(day_bound("", 0, 0), None);
    }

    #[test]
    fn china_time_ignores_the_browser_zone_and_sizes_read_well() {
        assert_eq!(china_time("2026-12-31T20:00:00Z"), "2027-01-01 04:00:00");
        assert_eq!(china_date("2026-12-31T20:00:00Z"), "2027-01-01");
        assert_eq!(china_time("soon"), "soon");
        assert_eq!(file_size(800), "800 B");
        assert_eq!(file_size(12 * 1024 + 5), "12 KB");
        assert_eq!(file_size(1024 * 1024 * 3 / 2), "1.5 MB");
        assert_eq!(file_size(3 * 1024 * 1024 + 400 * 1024), "3.3 MB");
        assert_eq!(
            mask_id("110101199001011234"),
            shared::ids::mask_id_number("110101199001011234")
        );
    }
}
