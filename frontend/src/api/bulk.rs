//! What the two bulk uploads (`POST /api/v1/accounts/bulk`, `POST /api/v1/experts/bulk`) share
//! on the wire: the file's content type and one broken rule of one row.

use serde::Deserialize;
use shared::ErrorCode;

/// One broken rule of one row of a bulk upload.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BulkRowError {
    /// The sheet's row number (header = 1).
    pub row: u32,
    /// The column's wire name; none when the rule is about the whole row.
    #[serde(default)]
    pub field: Option<String>,
    /// Stable code.
    pub code: ErrorCode,
    /// What is wrong, in the request's language.
    pub message: String,
}

/// The content type the API expects for a file, by its name; `None` for anything but CSV and
/// XLSX.
pub fn upload_type(file_name: &str) -> Option<&'static str> {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        Some("text/csv")
    } else if lower.ends_with(".xlsx") {
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_sent_by_their_extension() {
        assert_eq!(upload_type("人员.CSV"), Some("text/csv"));
        assert_eq!(
            upload_type("a.b.xlsx"),
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        );
        assert_eq!(upload_type("old.xls"), None);
        assert_eq!(upload_type("csv"), None);
    }

    #[test]
    fn a_row_error_may_name_no_field() {
        let body = r#"[{"row":3,"field":"phone","code":"validation_failed","message":"x"},
            {"row":4,"field":null,"code":"conflict","message":"y"},
            {"row":5,"code":"conflict","message":"z"}]"#;
        let errors: Vec<BulkRowError> =
            serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(errors[0].field.as_deref(), Some("phone"));
        assert_eq!(errors[1].field, None);
        assert_eq!(errors[2].code, ErrorCode::Conflict);
    }
}
