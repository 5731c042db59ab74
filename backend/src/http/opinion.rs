//! The opinion of a decision (approve / reject with an opinion): trimmed, required to reject,
//! bounded.

use crate::error::ApiError;

/// Longest opinion of a decision.
pub const MAX_DECISION_OPINION: usize = 500;

/// The cleaned opinion; 422 `validation_failed` naming `opinion` when a rejection has none or
/// it is too long.
pub fn decision_opinion(raw: Option<&str>, approve: bool) -> Result<Option<String>, ApiError> {
    let opinion = raw
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_owned);
    if !approve && opinion.is_none() {
        return Err(ApiError::validation(
            "opinion",
            "审核不通过时必须填写意见",
            "is required when rejecting",
        ));
    }
    if opinion
        .as_ref()
        .is_some_and(|o| o.chars().count() > MAX_DECISION_OPINION)
    {
        return Err(ApiError::validation(
            "opinion",
            "不能超过 500 个字符",
            "must have at most 500 characters",
        ));
    }
    Ok(opinion)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejections_need_an_opinion() {
        assert!(decision_opinion(None, false).is_err());
        assert!(decision_opinion(Some("  "), false).is_err());
        assert_eq!(
            decision_opinion(Some(" 同意 "), true)
                .ok()
                .flatten()
                .as_deref(),
            Some("同意")
        );
        assert_eq!(decision_opinion(None, true).ok().flatten(), None);
        assert!(decision_opinion(Some(&"字".repeat(501)), true).is_err());
    }
}
