//! The two UI and message languages: Chinese first, English second.

use serde::{Deserialize, Serialize};

/// A supported language. `ZhCn` is the default everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Locale {
    /// 简体中文 (default).
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Locale {
    /// Every supported locale, default first.
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag (`zh-CN`, `en`).
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    /// Parses a stored tag; anything unknown is `None`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let lower = tag.trim().to_ascii_lowercase();
        if lower == "zh" || lower.starts_with("zh-") || lower.starts_with("zh_") {
            Some(Locale::ZhCn)
        } else if lower == "en" || lower.starts_with("en-") || lower.starts_with("en_") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// Picks the locale for an `Accept-Language` header value: the supported language with the
    /// highest quality wins; ties keep header order; no match gives the default (Chinese).
    pub fn negotiate(accept_language: &str) -> Locale {
        let mut best: Option<(Locale, u16)> = None;
        for part in accept_language.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default();
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(1000, parse_quality);
            if quality == 0 {
                continue;
            }
            if let Some(locale) = Locale::from_tag(tag) {
                if best.is_none_or(|(_, q)| quality > q) {
                    best = Some((locale, quality));
                }
            }
        }
        best.map(|(l, _)| l).unwrap_or_default()
    }
}

/// `q` values in thousandths, so that comparison needs no floats; malformed values count as 0.
fn parse_quality(q: &str) -> u16 {
    let q = q.trim();
    let (int, frac) = q.split_once('.').unwrap_or((q, ""));
    let whole: u16 = match int {
        "1" => 1000,
        "0" | "" => 0,
        _ => return 0,
    };
    let mut thousandths = 0u16;
    let mut scale = 100u16;
    for c in frac.chars().take(3) {
        let Some(d) = c.to_digit(10) else { return 0 };
        // `to_digit(10)` is at most 9, so the cast cannot truncate.
        thousandths += d as u16 * scale;
        scale /= 10;
    }
    (whole + thousandths).min(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_prefers_quality_then_order_and_defaults_to_chinese() {
        let cases = [
            ("", Locale::ZhCn),
            ("fr-FR", Locale::ZhCn),
            ("en", Locale::En),
            ("en-US,en;q=0.9", Locale::En),
            ("zh-CN,zh;q=0.9,en;q=0.8", Locale::ZhCn),
            ("en;q=0.5, zh-TW;q=0.8", Locale::ZhCn),
            ("zh;q=0.1, en;q=0.9", Locale::En),
            ("en;q=0, de", Locale::ZhCn),
            ("fr, en;q=0.3", Locale::En),
            ("en;q=garbage", Locale::ZhCn),
        ];
        for (header, expected) in cases {
            assert_eq!(Locale::negotiate(header), expected, "header {header:?}");
        }
    }

    #[test]
    fn tags_round_trip() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
        }
        assert_eq!(Locale::from_tag("ja"), None);
    }
}
