//! `/api/v1/audit`: the audit log (审计日志), its CSV export and the chain check.

use shared::org::{AuditEntry, AuditVerification};
use shared::Page;

use super::query::Query;
use super::{Api, ApiError};

/// Whether an audited event succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// `success`
    Success,
    /// `failure`
    Failure,
}

impl Outcome {
    /// The wire text.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failure => "failure",
        }
    }

    /// Parses the wire text.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "success" => Some(Outcome::Success),
            "failure" => Some(Outcome::Failure),
            _ => None,
        }
    }
}

/// The filters of the audit log; `from` and `to` are already API bounds (RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditFilter {
    /// Actor username, exactly.
    pub actor: String,
    /// Action, exactly, or a prefix ending in `.`.
    pub action: String,
    /// Outcome.
    pub outcome: Option<Outcome>,
    /// From (inclusive).
    pub from: Option<String>,
    /// To (exclusive).
    pub to: Option<String>,
    /// 1-based page.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}

impl Default for AuditFilter {
    fn default() -> Self {
        AuditFilter {
            actor: String::new(),
            action: String::new(),
            outcome: None,
            from: None,
            to: None,
            page: 1,
            per_page: 20,
        }
    }
}

impl AuditFilter {
    fn query(&self, path: &str) -> Query {
        Query::new(path)
            .text("actor", &self.actor)
            .text("action", &self.action)
            .opt("outcome", self.outcome.map(Outcome::as_str))
            .opt("from", self.from.as_deref())
            .opt("to", self.to.as_deref())
    }

    /// The list request path.
    pub fn path(&self) -> String {
        self.query("/api/v1/audit")
            .with("page", self.page)
            .with("per_page", self.per_page)
            .build()
    }

    /// The export path: the same filters, every page.
    pub fn export_path(&self) -> String {
        self.query("/api/v1/audit/export").build()
    }
}

/// `GET /api/v1/audit`.
pub async fn list(api: &Api, filter: &AuditFilter) -> Result<Page<AuditEntry>, ApiError> {
    api.get(&filter.path()).await
}

/// `GET /api/v1/audit/export`: the CSV file's bytes.
pub async fn export(api: &Api, filter: &AuditFilter) -> Result<Vec<u8>, ApiError> {
    api.download(&filter.export_path()).await
}

/// `POST /api/v1/audit/verify`.
pub async fn verify(api: &Api) -> Result<AuditVerification, ApiError> {
    api.post_action("/api/v1/audit/verify").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_and_export_share_the_filters() {
        let filter = AuditFilter {
            actor: "county_emp_admin".into(),
            action: "auth.".into(),
            outcome: Some(Outcome::Failure),
            from: Some("2026-01-01T00:00:00+08:00".into()),
            to: None,
            page: 2,
            per_page: 20,
        };
        assert_eq!(
            filter.path(),
            "/api/v1/audit?actor=county_emp_admin&action=auth.&outcome=failure&from=2026-01-01T00%3A00%3A00%2B08%3A00&page=2&per_page=20"
        );
        assert_eq!(
            filter.export_path(),
            "/api/v1/audit/export?actor=county_emp_admin&action=auth.&outcome=failure&from=2026-01-01T00%3A00%3A00%2B08%3A00"
        );
        assert_eq!(Outcome::parse("failure"), Some(Outcome::Failure));
        assert_eq!(Outcome::parse("x"), None);
    }
}
