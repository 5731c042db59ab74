//! Text fields of request bodies: one check ([`shared::rules::text`]: trimmed, 1–`max`
//! characters, no control characters but tab and line breaks) and one wording of its refusal.
//! A field checked here says `format = "text"` and its `max_length` in its schema; the OpenAPI
//! document adds the exact pattern ([`shared::rules::text_pattern`]).

use shared::rules::{self, Rule};

use crate::error::ApiError;

/// A required text: the trimmed value, or 422 `validation_failed` naming `field`.
pub fn required(field: &str, raw: &str, max: usize) -> Result<String, ApiError> {
    rules::text(raw, 1, max)
        .map(str::to_owned)
        .map_err(|rule| match rule {
            Rule::ControlChars => ApiError::validation(field, &rule.zh(), &rule.en()),
            _ => ApiError::validation(
                field,
                &format!("不能为空且不超过 {max} 个字符"),
                &format!("must have 1-{max} characters"),
            ),
        })
}

/// An optional text: empty (after trimming) is allowed, anything else is [`required`]'s.
pub fn optional(field: &str, raw: &str, max: usize) -> Result<String, ApiError> {
    if raw.trim().is_empty() {
        Ok(String::new())
    } else {
        required(field, raw, max)
    }
}

#[cfg(test)]
mod tests {
    use shared::ErrorCode;

    use super::*;

    #[test]
    fn required_text_is_trimmed_bounded_and_free_of_controls() {
        assert_eq!(required("name", "  示范  ", 6).expect("ok"), "示范");
        // The maximum counts the characters as sent, as a schema's `maxLength` does.
        assert!(required("name", "  示范  ", 5).is_err());
        assert_eq!(required("name", "a\tb\nc", 5).expect("ok"), "a\tb\nc");
        for bad in ["", " \u{3000} ", "abcdef", "a\u{1}b"] {
            let err = required("name", bad, 5).expect_err(bad);
            assert_eq!(err.code(), ErrorCode::ValidationFailed, "{bad:?}");
        }
        assert_eq!(optional("note", "  ", 5).expect("ok"), "");
        assert!(optional("note", "a\u{7f}", 5).is_err());
    }
}
