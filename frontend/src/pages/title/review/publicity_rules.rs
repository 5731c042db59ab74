//! The plain rules behind the publicity, committee and calendar screens: which module a
//! publicity kind belongs to, status colours, period dates in China time and the working-day
//! hint. Free of components, so they are tested on the host.

use shared::publicity::PublicityKind;
use shared::{Locale, Module};

use crate::i18n::{fill, t, Key};
use crate::kit::format::{civil_from_days, days_from_civil, parse_date};

/// The fewest working days of a publicity period (人社部第40号令), as the API checks it.
pub const MIN_WORKING_DAYS: i64 = 5;

/// The module whose screen lists batches of `kind`.
pub fn module_of(kind: PublicityKind) -> Module {
    match kind {
        PublicityKind::Application => Module::ApplicationPublicity,
        PublicityKind::Nominee => Module::NomineePublicity,
        PublicityKind::Failure => Module::FailurePublicity,
        PublicityKind::Result => Module::ResultPublicity,
    }
}

/// The kind a publicity module lists, if it is one.
pub fn kind_of(module: Module) -> Option<PublicityKind> {
    PublicityKind::ALL
        .iter()
        .copied()
        .find(|&k| module_of(k) == module)
}

/// The kind named in a route (its wire name).
pub fn parse_kind(text: &str) -> Option<PublicityKind> {
    PublicityKind::parse(text)
}

/// The day `ms` (milliseconds since the epoch) falls on in China (UTC+8), `YYYY-MM-DD`: the
/// server counts "today" there.
pub fn china_day(ms: f64) -> String {
    // Truncation is intended: whole days since the epoch.
    let days = ((ms / 1000.0 + 8.0 * 3600.0) / 86_400.0).floor() as i64;
    day_text(days)
}

/// Today in China.
pub fn china_today() -> String {
    china_day(wasm_bindgen_futures::js_sys::Date::now())
}

fn day_text(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `date` plus `n` days (negative goes back); `None` if `date` is not `YYYY-MM-DD`.
pub fn add_days(date: &str, n: i64) -> Option<String> {
    let (y, m, d) = parse_date(date)?;
    Some(day_text(days_from_civil(y, m, d) + n))
}

/// The last day a review authority starting on `from` may run to: 36 months later (the end
/// of the month when that day does not exist) less one day, as the API computes it.
pub fn latest_validity_end(from: &str) -> Option<String> {
    let (y, m, d) = parse_date(from)?;
    let (y, m) = (y + 3, m);
    let last = (1..=d)
        .rev()
        .find(|&day| {
            let (cy, cm, cd) = civil_from_days(days_from_civil(y, m, day));
            (cy, cm, cd) == (y, m, day)
        })
        .unwrap_or(1);
    Some(day_text(days_from_civil(y, m, last) - 1))
}

/// The day of the week of `date`: 0 Sunday … 6 Saturday.
pub fn weekday(date: &str) -> Option<usize> {
    let (y, m, d) = parse_date(date)?;
    // 1970-01-01 was a Thursday.
    usize::try_from((days_from_civil(y, m, d) + 4).rem_euclid(7)).ok()
}

/// The key of a day of the week (0 Sunday).
pub fn weekday_key(day: usize) -> Key {
    const KEYS: [Key; 7] = [
        Key::WeekSun,
        Key::WeekMon,
        Key::WeekTue,
        Key::WeekWed,
        Key::WeekThu,
        Key::WeekFri,
        Key::WeekSat,
    ];
    KEYS[day % 7]
}

/// Whether `until` is within three years of `from` (less a day) and not before it.
pub fn validity_ok(from: &str, until: &str) -> bool {
    match (parse_date(until), latest_validity_end(from)) {
        (Some(_), Some(last)) => from <= until && until <= last.as_str(),
        _ => false,
    }
}

/// The live hint under a period: "共 N 个工作日", with the 40号令 warning when short.
pub fn working_days_text(locale: Locale, days: i64) -> (String, bool) {
    let count = fill(t(locale, Key::PubWorkingDays), &days.to_string());
    if days < MIN_WORKING_DAYS {
        (
            format!("{count}{}", t(locale, Key::PubWorkingDaysShort)),
            true,
        )
    } else {
        (count, false)
    }
}

/// Splits "a，b, c" into trimmed, non-empty specialties (ASCII and full-width commas, 、).
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_module_and_back() {
        for &kind in PublicityKind::ALL {
            assert_eq!(kind_of(module_of(kind)), Some(kind));
            assert_eq!(parse_kind(kind.as_str()), Some(kind));
        }
        assert_eq!(
            module_of(PublicityKind::Application),
            Module::ApplicationPublicity
        );
        assert_eq!(
            kind_of(Module::FailurePublicity),
            Some(PublicityKind::Failure)
        );
        assert_eq!(
            PublicityKind::Nominee.stage(),
            shared::Stage::NomineePublicity
        );
        assert_eq!(kind_of(Module::Password), None);
        assert_eq!(parse_kind("nope"), None);
    }

    #[test]
    fn today_is_counted_in_china() {
        // 2026-11-26T21:47:52Z is already the 27th in Beijing.
        assert_eq!(china_day(1_795_729_672_000.0), "2026-11-27");
        // 2026-11-26T10:00:00Z is still the 26th.
        assert_eq!(china_day(1_795_687_200_000.0), "2026-11-26");
    }

    #[test]
    fn days_add_across_months_and_years() {
        assert_eq!(add_days("2026-12-28", 8).as_deref(), Some("2027-01-05"));
        assert_eq!(add_days("2024-03-01", -1).as_deref(), Some("2024-02-29"));
        assert_eq!(add_days("bad", 1), None);
    }

    #[test]
    fn validity_is_at_most_three_years_less_a_day() {
        assert_eq!(
            latest_validity_end("2026-01-01").as_deref(),
            Some("2028-12-31")
        );
        assert_eq!(
            latest_validity_end("2026-07-15").as_deref(),
            Some("2029-07-14")
        );
        // 29 February: the end of February three years later, less a day.
        assert_eq!(
            latest_validity_end("2024-02-29").as_deref(),
            Some("2027-02-27")
        );
        assert!(validity_ok("2026-01-01", "2028-12-31"));
        assert!(!validity_ok("2026-01-01", "2029-01-01"));
        assert!(!validity_ok("2026-01-01", "2025-12-31"));
        assert!(!validity_ok("2026-01-01", ""));
    }

    #[test]
    fn the_working_day_hint_warns_below_five() {
        let (text, short) = working_days_text(Locale::ZhCn, 4);
        assert!(short);
        assert!(text.starts_with("共 4 个工作日"), "{text}");
        assert!(text.contains("5"), "{text}");
        let (text, short) = working_days_text(Locale::ZhCn, 5);
        assert!(!short);
        assert_eq!(text, "共 5 个工作日");
        assert_eq!(working_days_text(Locale::En, 6).0, "6 working days");
    }

    #[test]
    fn weekdays_follow_the_calendar() {
        assert_eq!(weekday("2026-10-01"), Some(4));
        assert_eq!(weekday("2026-10-10"), Some(6));
        assert_eq!(weekday("2024-02-29"), Some(4));
        assert_eq!(weekday("x"), None);
        assert_eq!(weekday_key(6), Key::WeekSat);
    }

    #[test]
    fn lists_split_on_any_comma() {
        assert_eq!(
            split_list(" 数学，语文, 英语、 ,物理 "),
            vec!["数学", "语文", "英语", "物理"]
        );
        assert!(split_list(" , ").is_empty());
    }
}
