//! The failure-publicity template (`publicity::template::failure`).

use chrono::NaiveDate;
use shared::application::{Level, Series};

use crate::publicity::{
    rules::{check_content, check_title},
    template::{failure, FailureFacts},
};

/// Stand-ins for the free text, in a private-use character no input holds.
const UNIT: &str = "\u{E000}U\u{E000}";
const ADDRESS: &str = "\u{E000}A\u{E000}";
const PHONE: &str = "\u{E000}P\u{E000}";

/// The template on any facts. It never panics; the unit, address and phone are copied in
/// literally (the text with them equals the text with stand-ins, stand-ins then replaced: no
/// input is read as a placeholder or changes the text around it); no placeholder (`{…}`,
/// `XX`) is left; and when the facts pass the rules of their own inputs (a unit name of 1–100
/// characters, an address of 1–200 without control characters, a valid phone), the title and
/// content pass the checks a typed title and content get, unchanged — the generated text is
/// stored without them.
pub fn failure_template(f: &FailureFacts) {
    let t = failure(f);
    let free = [Some(&f.unit), f.address.as_ref(), Some(&f.phone)];
    if free.iter().flatten().all(|s| !s.contains('\u{E000}')) {
        let stand_in = failure(&FailureFacts {
            unit: UNIT.to_owned(),
            address: f.address.as_ref().map(|_| ADDRESS.to_owned()),
            phone: PHONE.to_owned(),
            ..f.clone()
        });
        for text in [&stand_in.title, &stand_in.content] {
            assert!(!text.contains(['{', '}']) && !text.contains("XX"), "{text}");
        }
        let fill = |s: &str| {
            s.replace(UNIT, &f.unit)
                .replace(ADDRESS, f.address.as_deref().unwrap_or_default())
                .replace(PHONE, &f.phone)
        };
        assert_eq!(fill(&stand_in.title), t.title);
        assert_eq!(fill(&stand_in.content), t.content);
    }
    let unit_ok = f.unit.trim() == f.unit && (1..=100).contains(&f.unit.chars().count());
    let address_ok = f.address.as_ref().is_none_or(|a| {
        a.trim() == a && (1..=200).contains(&a.chars().count()) && !a.contains(char::is_control)
    });
    let phone_ok = shared::rules::Phone::parse(&f.phone).is_ok() && f.phone.trim() == f.phone;
    if unit_ok && address_ok && phone_ok {
        assert_eq!(check_title(&t.title).ok().as_ref(), Some(&t.title));
        assert_eq!(check_content(&t.content).ok().as_ref(), Some(&t.content));
    }
}

/// The facts from bytes: series, level and year from the first three, four dates as day
/// offsets from 2026-01-01 from the next eight, then unit, address and phone separated by
/// `0xFF` (a byte UTF-8 never holds).
pub fn facts(data: &[u8]) -> FailureFacts {
    let byte = |i: usize| data.get(i).copied().unwrap_or(0);
    let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let date = |i: usize| {
        let offset = i16::from_le_bytes([byte(3 + 2 * i), byte(4 + 2 * i)]);
        base.checked_add_signed(chrono::Duration::days(i64::from(offset)))
            .unwrap_or(base)
    };
    let mut text = data.get(11..).unwrap_or_default().split(|b| *b == 0xFF);
    let mut next = || String::from_utf8_lossy(text.next().unwrap_or_default()).into_owned();
    let (unit, address, phone) = (next(), next(), next());
    FailureFacts {
        unit,
        year: 1990 + i32::from(byte(2) % 120),
        series: Series::ALL.get(usize::from(byte(0))).copied(),
        levels: Level::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| byte(1) & (1 << i) != 0)
            .map(|(_, l)| *l)
            .collect(),
        period_start: date(0),
        period_end: date(1),
        supplement_deadline: date(2),
        paper_deadline: date(3),
        address: (!address.is_empty()).then_some(address),
        phone,
    }
}

/// [`failure_template`] on the facts read from any bytes.
pub fn failure_template_bytes(data: &[u8]) {
    failure_template(&facts(data));
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::fuzz::corpus;

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (i32::from(i16::MIN)..i32::from(i16::MAX)).prop_map(|d| {
            NaiveDate::from_ymd_opt(2026, 1, 1)
                .and_then(|b| b.checked_add_signed(chrono::Duration::days(i64::from(d) * 10)))
                .unwrap_or_default()
        })
    }

    /// Facts as the server builds them: a unit name as units are created, an address and a
    /// phone as `deadlines::resolve` accepts them; and sometimes anything at all.
    fn facts_strategy() -> impl Strategy<Value = FailureFacts> {
        (
            prop_oneof![
                "[^ \\t\\n\\r]([^\\t\\n]{0,98}[^ \\t\\n\\r])?",
                "\\PC{1,4}\\{start\\}XX\\{phone\\}\\PC{0,4}",
                ".{0,120}",
            ],
            -10_000_i32..10_000,
            prop::option::of(prop::sample::select(Series::ALL.to_vec())),
            prop::sample::subsequence(Level::ALL.to_vec(), 0..=Level::ALL.len()),
            (any_date(), any_date(), any_date(), any_date()),
            prop::option::of(prop_oneof![
                "[^ \\p{Cc}]([^\\p{Cc}]{0,198}[^ \\p{Cc}])?",
                "\\PC{0,3}\\{address\\}\\PC{0,3}",
                ".{0,210}",
            ]),
            prop_oneof!["1[3-9][0-9]{9}", "0[0-9]{2,3}-[0-9]{7,8}", ".{0,20}"],
        )
            .prop_map(
                |(unit, year, series, levels, dates, address, phone)| FailureFacts {
                    unit,
                    year,
                    series,
                    levels,
                    period_start: dates.0,
                    period_end: dates.1,
                    supplement_deadline: dates.2,
                    paper_deadline: dates.3,
                    address,
                    phone,
                },
            )
    }

    proptest! {
        #![proptest_config(corpus::config())]

        #[test]
        fn failure_template_on_any_facts(f in facts_strategy()) {
            failure_template(&f);
        }

        #[test]
        fn failure_template_on_any_bytes(data in prop::collection::vec(any::<u8>(), 0..64)) {
            failure_template_bytes(&data);
        }
    }
}
