//! The identifier parsers of `shared`: resident ID number, unified social credit code, phone.

use shared::{
    ids::{mask_id_number, CreditCode, IdNumber},
    rules::Phone,
};

/// `IdNumber::parse` and `mask_id_number` on any text. A parsed number is 18 characters,
/// re-parses to itself (also written with a lower-case `x`), encodes a real birth date and
/// masks to its first 4 and last 4 characters; no mask ever shows characters 5–14.
pub fn id_number(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    let masked = mask_id_number(&raw);
    assert!(masked.chars().count() <= 18, "mask longer than a number");
    if raw.len() == 18 {
        assert!(
            masked.get(4..14) == Some("**********") || masked.chars().all(|c| c == '*'),
            "the middle of {raw:?} shows in {masked:?}"
        );
    } else {
        assert!(
            masked.chars().all(|c| c == '*'),
            "{raw:?} shows in {masked:?}"
        );
    }
    let Ok(id) = IdNumber::parse(&raw) else {
        return;
    };
    let s = id.as_str();
    assert_eq!(s.len(), 18);
    assert_eq!(s, raw.trim().to_ascii_uppercase());
    assert_eq!(IdNumber::parse(s).as_ref(), Ok(&id));
    assert_eq!(IdNumber::parse(&s.to_ascii_lowercase()).as_ref(), Ok(&id));
    let birth = chrono::NaiveDate::parse_from_str(&id.birth_date(), "%Y-%m-%d");
    assert!(birth.is_ok(), "{s}: birth date {}", id.birth_date());
    let masked = id.masked();
    assert_eq!(masked, format!("{}**********{}", &s[..4], &s[14..]));
    let _ = id.is_male();
}

/// `CreditCode::parse` on any text: a parsed code is 18 characters of the code alphabet, upper
/// case, re-parses to itself and ends with its own check character.
pub fn credit_code(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    let _ = CreditCode::check_char(&raw);
    let Ok(code) = CreditCode::parse(&raw) else {
        return;
    };
    let s = code.as_str();
    assert_eq!(s.len(), 18);
    assert_eq!(s, raw.trim().to_ascii_uppercase());
    assert!(s
        .bytes()
        .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()));
    assert_eq!(CreditCode::parse(s).as_ref(), Ok(&code));
    assert_eq!(
        CreditCode::check_char(&s[..17]),
        s.as_bytes().get(17).copied()
    );
}

/// `Phone::parse` on any text: an accepted number is the trimmed input, digits and at most two
/// inner hyphens, a mobile of 11 digits or a landline of 10–12 starting with 0, and the serde
/// form accepts exactly what `parse` accepts.
pub fn phone(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    let parsed = Phone::parse(&raw);
    let via_serde: Result<Phone, _> = serde_json::from_value(serde_json::json!(raw));
    assert_eq!(parsed.is_ok(), via_serde.is_ok(), "{raw:?}");
    let Ok(phone) = parsed else {
        return;
    };
    let s = phone.as_str();
    assert_eq!(s, raw.trim());
    assert!(s.bytes().all(|b| b.is_ascii_digit() || b == b'-'), "{s:?}");
    assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"));
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    let mobile = digits == 11 && s.starts_with('1') && !s.contains('-');
    let landline = s.starts_with('0') && (10..=12).contains(&digits);
    assert!(mobile || landline, "{s:?}");
    assert_eq!(Phone::parse(s).as_ref(), Ok(&phone));
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::fuzz::corpus;

    /// A valid ID number: a region, a real birth date 1900–2100, a sequence, its check.
    fn valid_id() -> impl Strategy<Value = String> {
        (100_000_u32..999_999, 0_i64..73_048, 0_u32..1000).prop_map(|(region, day, seq)| {
            let base = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
            let birth = base + chrono::Duration::days(day);
            let body = format!("{region}{}{seq:03}", birth.format("%Y%m%d"));
            let check = IdNumber::check_char(&body).map(char::from).unwrap_or('?');
            format!("{body}{check}")
        })
    }

    /// A valid credit code: 17 characters of the alphabet and its check character.
    fn valid_credit_code() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(b"0123456789ABCDEFGHJKLMNPQRTUWXY".to_vec()),
            17,
        )
        .prop_map(|body| {
            let body = String::from_utf8(body).unwrap_or_default();
            let check = CreditCode::check_char(&body).map(char::from).unwrap_or('?');
            format!("{body}{check}")
        })
    }

    proptest! {
        #![proptest_config(corpus::config())]

        #[test]
        fn id_number_on_any_bytes(data in prop::collection::vec(any::<u8>(), 0..40)) {
            id_number(&data);
        }

        #[test]
        fn id_number_on_any_text(raw in "\\PC{0,24}") {
            id_number(raw.as_bytes());
        }

        #[test]
        fn a_valid_id_number_parses_and_one_changed_character_does_not(
            id in valid_id(),
            at in 0_usize..18,
            to in prop::sample::select(b"0123456789X".to_vec()),
        ) {
            id_number(id.as_bytes());
            prop_assert!(IdNumber::parse(&id).is_ok(), "{}", id);
            let padded = format!(" {} ", id.to_lowercase());
            prop_assert!(IdNumber::parse(&padded).is_ok(), "{:?}", padded);
            let mut bytes = id.clone().into_bytes();
            prop_assume!(bytes[at] != to);
            bytes[at] = to;
            let changed = String::from_utf8(bytes).unwrap_or_default();
            id_number(changed.as_bytes());
            prop_assert!(IdNumber::parse(&changed).is_err(), "{} accepted", changed);
        }

        #[test]
        fn credit_code_on_any_text(raw in "\\PC{0,24}") {
            credit_code(raw.as_bytes());
        }

        #[test]
        fn credit_code_on_any_bytes(data in prop::collection::vec(any::<u8>(), 0..40)) {
            credit_code(&data);
        }

        #[test]
        fn a_valid_credit_code_parses_and_one_changed_character_does_not(
            code in valid_credit_code(),
            at in 0_usize..18,
            to in prop::sample::select(b"0123456789ABCDEFGHJKLMNPQRTUWXY".to_vec()),
        ) {
            credit_code(code.as_bytes());
            prop_assert!(CreditCode::parse(&code.to_lowercase()).is_ok(), "{}", code);
            let mut bytes = code.clone().into_bytes();
            prop_assume!(bytes[at] != to);
            bytes[at] = to;
            let changed = String::from_utf8(bytes).unwrap_or_default();
            credit_code(changed.as_bytes());
            prop_assert!(CreditCode::parse(&changed).is_err(), "{} accepted", changed);
        }

        #[test]
        fn phone_on_any_bytes(data in prop::collection::vec(any::<u8>(), 0..24)) {
            phone(&data);
        }

        #[test]
        fn phone_on_phone_like_text(raw in "[ ]?[01]?[0-9-]{0,14}[ ]?") {
            phone(raw.as_bytes());
        }
    }
}
