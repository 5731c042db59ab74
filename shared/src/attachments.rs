//! Attachments (SPEC §3): files an applicant adds to an application, and the proofs a unit
//! attaches when it recommends applicants. The file itself is streamed by
//! `GET /api/v1/attachments/{id}/content`; these are the records describing it.

use serde::{Deserialize, Serialize};

use crate::{application::Series, Locale};

text_enum! {
    /// Where an attachment belongs.
    AttachmentSection {
        /// The application materials, editable while the application is a draft or returned.
        Materials = "materials", "申报材料", "Application materials";
        /// Materials added during 补充材料 after a failed policy review.
        Supplementary = "supplementary", "补充材料", "Supplementary materials";
        /// A unit's proof for its recommendation (单位证明材料), not tied to one application.
        RecommendationProof = "recommendation_proof", "单位证明材料", "Recommendation proof";
        /// An HRSS's proof of the violation for which it revokes a title (职称撤销).
        RevocationProof = "revocation_proof", "撤销证明材料", "Revocation proof";
    }
}

/// One stored file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub id: i64,
    /// The application it belongs to (none for a unit's recommendation proof).
    pub application_id: Option<i64>,
    /// The unit owning a recommendation proof (none for application attachments).
    pub unit_id: Option<i64>,
    pub section: AttachmentSection,
    /// The kind of material ([`AttachmentCategory`]); none for a unit's recommendation proof.
    #[serde(default)]
    pub category_id: Option<i64>,
    /// What the file is (free text, at most 200 characters; may be empty).
    pub description: String,
    /// The name the file was uploaded with.
    pub file_name: String,
    /// The type detected from the file's content, e.g. `application/pdf`.
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
    /// RFC 3339.
    pub uploaded_at: String,
    pub uploaded_by: i64,
    /// The uploader's display name.
    pub uploaded_by_name: String,
    /// Whether the caller may delete it now.
    pub can_delete: bool,
}

/// The file types accepted, by content (the extension only tells Office formats apart).
pub const ACCEPTED_EXTENSIONS: &[&str] = &[
    "pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
];

/// Most attachments one application may carry.
pub const MAX_PER_APPLICATION: i64 = 50;

/// Longest file name, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 200;

/// Longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 200;

/// A kind of application material (manual §6.2.1: 学历/资历证明, 任职资格证书, …), configured by
/// the system administrator at `/api/v1/attachment-categories`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentCategory {
    pub id: i64,
    /// Stable identifier, e.g. `education`.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Display order (smaller first).
    pub sort: i32,
    /// Offered for new uploads; a disabled kind keeps its files but takes no new ones and is
    /// never required.
    pub enabled: bool,
    /// The series whose applications must carry at least one file of this kind to be submitted.
    pub required_series: Vec<Series>,
}

impl AttachmentCategory {
    /// The name in `locale`.
    pub fn name(&self, locale: Locale) -> &str {
        match locale {
            Locale::ZhCn => &self.name_zh,
            Locale::En => &self.name_en,
        }
    }

    /// Whether an application of `series` must carry a file of this kind.
    pub fn required_for(&self, series: Series) -> bool {
        self.enabled && self.required_series.contains(&series)
    }
}

/// A new kind, or a kind's new content (`POST` / `PUT /api/v1/attachment-categories`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentCategoryInput {
    /// 1–40 characters of `a-z`, `0-9`, `_` (whitespace around them trimmed); unique. Not
    /// changed by an update.
    #[cfg_attr(feature = "openapi", schema(format = "category-code"))]
    pub code: String,
    /// 1–50 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 50, format = "text"))]
    pub name_zh: String,
    /// 1–100 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub name_en: String,
    /// 0–9999.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 9999))]
    pub sort: i32,
    pub enabled: bool,
    /// Series requiring it (no duplicates).
    #[serde(default)]
    pub required_series: Vec<Series>,
}

/// The rule of `submit` both ends apply: the kinds an application of `series` must carry and
/// does not, in display order. `present` are the category ids of its files.
pub fn missing_categories<'a>(
    categories: &'a [AttachmentCategory],
    series: Series,
    present: &[i64],
) -> Vec<&'a AttachmentCategory> {
    let mut missing: Vec<&AttachmentCategory> = categories
        .iter()
        .filter(|c| c.required_for(series) && !present.contains(&c.id))
        .collect();
    missing.sort_by_key(|c| (c.sort, c.id));
    missing
}

/// A category code as typed, as a regular expression (`format: category-code`): whitespace
/// around it, then what [`valid_category_code`] accepts.
pub fn category_code_pattern() -> String {
    let t = crate::rules::TRIMMED;
    format!("^[{t}]*[a-z0-9_]{{1,40}}[{t}]*$")
}

/// Checks a category's code: 1–40 of `a-z`, `0-9`, `_`.
pub fn valid_category_code(code: &str) -> bool {
    (1..=40).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_category_code_pattern_accepts_exactly_the_codes_trimmed() {
        let re = regex::Regex::new(&category_code_pattern()).expect("it compiles");
        for s in crate::rules::every_string(&['a', '0', '_', 'A', '-', ' ', '中'], 4) {
            assert_eq!(re.is_match(&s), valid_category_code(s.trim()), "{s:?}");
        }
        let long = "a".repeat(40);
        assert!(re.is_match(&long) && !re.is_match(&format!("{long}a")));
    }

    fn kind(id: i64, sort: i32, enabled: bool, series: &[Series]) -> AttachmentCategory {
        AttachmentCategory {
            id,
            code: format!("c{id}"),
            name_zh: format!("类{id}"),
            name_en: format!("K{id}"),
            sort,
            enabled,
            required_series: series.to_vec(),
        }
    }

    #[test]
    fn missing_kinds_are_the_enabled_required_ones_without_a_file() {
        let all = [
            kind(1, 20, true, &[Series::Engineering]),
            kind(2, 10, true, &[Series::Engineering, Series::Health]),
            kind(3, 5, false, &[Series::Engineering]),
            kind(4, 1, true, &[]),
        ];
        let ids = |m: Vec<&AttachmentCategory>| m.iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(
            ids(missing_categories(&all, Series::Engineering, &[])),
            [2, 1]
        );
        assert_eq!(
            ids(missing_categories(&all, Series::Engineering, &[2, 4])),
            [1]
        );
        assert_eq!(ids(missing_categories(&all, Series::Health, &[])), [2]);
        assert!(missing_categories(&all, Series::Arts, &[]).is_empty());
    }

    #[test]
    fn codes() {
        assert!(valid_category_code("education_2"));
        for bad in ["", "Edu", "a-b", "学历", &"a".repeat(41)] {
            assert!(!valid_category_code(bad), "{bad}");
        }
    }
}
