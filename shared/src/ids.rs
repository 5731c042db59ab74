//! Checked identifiers: the unified social credit code of a unit (GB 32100-2015) and the
//! resident ID number of a person (GB 11643-1999). Parse, don't validate: a value of these
//! types has passed its checksum.

use serde::{Deserialize, Serialize};

const CREDIT_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A unified social credit code (统一社会信用代码), 18 characters with a check character.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

impl CreditCode {
    /// Parses and checks a code (upper-cased, trimmed).
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let code = raw.trim().to_ascii_uppercase();
        if code.len() != 18 {
            return Err("统一社会信用代码须为 18 位 / must have 18 characters");
        }
        let body = &code.as_bytes()[..17];
        if body.iter().any(|c| !CREDIT_ALPHABET.contains(c)) {
            return Err("统一社会信用代码含有无效字符 / contains invalid characters");
        }
        let expected = Self::check_char(&code[..17]).ok_or("统一社会信用代码无效 / invalid")?;
        if code.as_bytes()[17] != expected {
            return Err("统一社会信用代码校验位错误 / wrong check character");
        }
        Ok(CreditCode(code))
    }

    /// The check character for the first 17 characters.
    pub fn check_char(first17: &str) -> Option<u8> {
        let mut sum = 0_u32;
        for (c, w) in first17.bytes().zip(CREDIT_WEIGHTS) {
            let value = CREDIT_ALPHABET.iter().position(|&a| a == c)?;
            sum += u32::try_from(value).ok()? * w;
        }
        if first17.len() != 17 {
            return None;
        }
        let check = (31 - sum % 31) % 31;
        CREDIT_ALPHABET.get(check as usize).copied()
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CreditCode {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        CreditCode::parse(&value)
    }
}

impl From<CreditCode> for String {
    fn from(value: CreditCode) -> Self {
        value.0
    }
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8] = b"10X98765432";

/// A resident ID number (居民身份证号码): 18 characters, a real birth date, a check character.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdNumber(String);

impl IdNumber {
    /// Parses and checks a number (trailing `x` upper-cased).
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let id = raw.trim().to_ascii_uppercase();
        let b = id.as_bytes();
        if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
            return Err(
                "身份证号须为 18 位，前 17 位为数字 / must be 18 characters, the first 17 digits",
            );
        }
        let num = |r: std::ops::Range<usize>| id[r].parse::<u32>().unwrap_or(0);
        let (year, month, day) = (num(6..10), num(10..12), num(12..14));
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        if !(1900..=2100).contains(&year) || day == 0 || day > days {
            return Err("身份证号中的出生日期无效 / the birth date is not valid");
        }
        if Self::check_char(&id[..17]) != Some(b[17]) {
            return Err("身份证号校验位错误 / wrong check character");
        }
        Ok(IdNumber(id))
    }

    /// The check character for the first 17 digits.
    pub fn check_char(first17: &str) -> Option<u8> {
        if first17.len() != 17 {
            return None;
        }
        let mut sum = 0_u32;
        for (c, w) in first17.bytes().zip(ID_WEIGHTS) {
            sum += u32::from(c.checked_sub(b'0').filter(|d| *d <= 9)?) * w;
        }
        ID_CHECK.get((sum % 11) as usize).copied()
    }

    /// The number.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `5201**********1234`: the first 4 and last 4 characters, the rest masked.
    pub fn masked(&self) -> String {
        mask_id_number(&self.0)
    }

    /// The birth date it encodes, `YYYY-MM-DD`.
    pub fn birth_date(&self) -> String {
        format!("{}-{}-{}", &self.0[6..10], &self.0[10..12], &self.0[12..14])
    }

    /// The 17th character is odd for men, even for women.
    pub fn is_male(&self) -> bool {
        self.0.as_bytes()[16] % 2 == 1
    }
}

/// Masks a stored ID number for display: first 4 and last 4 characters kept. Anything that is
/// not 18 characters long is masked entirely.
pub fn mask_id_number(raw: &str) -> String {
    match (raw.get(..4), raw.get(14..)) {
        (Some(head), Some(tail)) if raw.len() == 18 => format!("{head}{}{tail}", "*".repeat(10)),
        _ => "*".repeat(raw.chars().count().min(18)),
    }
}

impl TryFrom<String> for IdNumber {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        IdNumber::parse(&value)
    }
}

impl From<IdNumber> for String {
    fn from(value: IdNumber) -> Self {
        value.0
    }
}

/// The shape of a unified social credit code as a regular expression (`format: credit-code`
/// in the OpenAPI document): 18 characters of the code's alphabet, either case, whitespace
/// around them allowed. Every code [`CreditCode::parse`] accepts matches it; the check character
/// it also verifies is not a pattern's to state.
pub fn credit_code_shape_pattern() -> String {
    let t = crate::rules::TRIMMED;
    format!("^[{t}]*[0-9A-HJ-NP-RTUWXYa-hj-np-rtuwxy]{{18}}[{t}]*$")
}

/// The shape of a resident ID number as a regular expression (`format: id-number`): 17 digits
/// and a digit or `X` (either case), whitespace around them allowed. Every number
/// [`IdNumber::parse`] accepts matches it; the birth date and the check character it also
/// verifies are not a pattern's to state.
pub fn id_number_shape_pattern() -> String {
    let t = crate::rules::TRIMMED;
    format!("^[{t}]*[0-9]{{17}}[0-9Xx][{t}]*$")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid value always matches its shape pattern, and a value refused for its length or
    /// characters never does (strings near the right length over a small alphabet).
    #[test]
    fn the_shape_patterns_hold_every_valid_value_and_no_misshapen_one() {
        let id = regex::Regex::new(&id_number_shape_pattern()).expect("compiles");
        let code = regex::Regex::new(&credit_code_shape_pattern()).expect("compiles");
        let alphabet = ['1', '9', 'x', 'X', 'A', 'I', ' ', '中'];
        let mut seed: u64 = 7;
        let mut checked = 0;
        for body in ["11010519491231002", "91350100M000100Y4"] {
            for _ in 0..20_000 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let mut s: String = body.to_owned();
                // Change a character, drop one, add one, or leave it; then a last character.
                let at = (seed >> 33) as usize % body.len();
                let pick = alphabet[(seed >> 40) as usize % alphabet.len()];
                match (seed >> 50) % 4 {
                    0 => s.replace_range(at..=at, &pick.to_string()),
                    1 => s.insert(at, pick),
                    2 => {
                        s.remove(at);
                    }
                    _ => {}
                }
                let last = alphabet[(seed >> 56) as usize % alphabet.len()];
                for s in [format!("{s}{last}"), format!(" {s}{last}\t")] {
                    match IdNumber::parse(&s) {
                        Ok(_) => assert!(id.is_match(&s), "{s:?}"),
                        Err(e) if e.starts_with("身份证号须为 18 位") => {
                            assert!(!id.is_match(&s), "{s:?}")
                        }
                        Err(_) => {}
                    }
                    match CreditCode::parse(&s) {
                        Ok(_) => assert!(code.is_match(&s), "{s:?}"),
                        Err(e) if e.contains("18 位") || e.contains("无效字符") => {
                            assert!(!code.is_match(&s), "{s:?}")
                        }
                        Err(_) => {}
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked >= 80_000);
        // With the right check characters, both forms of a valid value match.
        let check = IdNumber::check_char("11010519491231002").map(char::from);
        assert_eq!(check, Some('X'));
        assert!(id.is_match("11010519491231002x") && id.is_match(" 11010519491231002X "));
        assert!(code.is_match("91350100m000100y43"));
    }

    #[test]
    fn credit_codes() {
        // A published example code.
        assert!(CreditCode::parse("91350100M000100Y43").is_ok());
        assert!(CreditCode::parse("91350100m000100y43").is_ok());
        assert!(CreditCode::parse("91350100M000100Y44").is_err());
        assert!(CreditCode::parse("91350100M000100Y4").is_err());
        assert!(CreditCode::parse("91350100I000100Y43").is_err());
    }

    #[test]
    fn id_numbers() {
        let body = "11010519491231002";
        let check = IdNumber::check_char(body).map(char::from).unwrap_or('?');
        assert_eq!(check, 'X');
        let id = IdNumber::parse(&format!("{body}x")).map_err(|e| e.to_owned());
        assert_eq!(
            id.as_ref().map(|i| i.masked()),
            Ok("1101**********002X".to_owned())
        );
        assert!(
            IdNumber::parse("110105194912310021").is_err(),
            "wrong check"
        );
        assert!(
            IdNumber::parse("11010519490230002X").is_err(),
            "30 February"
        );
        assert!(IdNumber::parse("1101051949123100").is_err(), "short");
    }
}
