//! `/api/v1/units` and `/api/v1/org/tree`: the organisation (组织机构管理, 单位创建).

use shared::org::{CreateUnitRequest, CreatedUnit, OrgNode, Unit, UpdateUnitRequest};
use shared::{Page, UnitKind, UnitLevel};

use super::query::Query;
use super::{Api, ApiError};

/// The filters of the unit list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitFilter {
    /// Name contains.
    pub q: String,
    /// Kind.
    pub kind: Option<UnitKind>,
    /// Level.
    pub level: Option<UnitLevel>,
    /// Enabled or disabled only.
    pub enabled: Option<bool>,
    /// 1-based page.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}

impl Default for UnitFilter {
    fn default() -> Self {
        UnitFilter {
            q: String::new(),
            kind: None,
            level: None,
            enabled: None,
            page: 1,
            per_page: 20,
        }
    }
}

impl UnitFilter {
    /// The request path.
    pub fn path(&self) -> String {
        Query::new("/api/v1/units")
            .text("q", &self.q)
            .opt("kind", self.kind)
            .opt("level", self.level)
            .opt("enabled", self.enabled)
            .with("page", self.page)
            .with("per_page", self.per_page)
            .build()
    }
}

/// `GET /api/v1/units`: the caller's unit and the units below it.
pub async fn list(api: &Api, filter: &UnitFilter) -> Result<Page<Unit>, ApiError> {
    api.get(&filter.path()).await
}

/// Every unit the caller sees that fits in one page of 100 (pickers: parent, unit filter).
pub async fn all(api: &Api) -> Result<Vec<Unit>, ApiError> {
    let filter = UnitFilter {
        per_page: 100,
        ..UnitFilter::default()
    };
    list(api, &filter).await.map(|page| page.items)
}

/// `POST /api/v1/units`.
pub async fn create(api: &Api, request: &CreateUnitRequest) -> Result<CreatedUnit, ApiError> {
    api.post("/api/v1/units", request).await
}

/// `PATCH /api/v1/units/{id}`.
pub async fn update(api: &Api, id: i64, request: &UpdateUnitRequest) -> Result<Unit, ApiError> {
    api.patch(&format!("/api/v1/units/{id}"), request).await
}

/// `GET /api/v1/org/tree`: the caller's jurisdiction, `depth` levels deep, with accounts.
pub async fn tree(api: &Api, depth: u8) -> Result<OrgNode, ApiError> {
    let path = Query::new("/api/v1/org/tree").with("depth", depth).build();
    api.get(&path).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_sends_what_is_set() {
        assert_eq!(
            UnitFilter::default().path(),
            "/api/v1/units?page=1&per_page=20"
        );
        let filter = UnitFilter {
            q: "中学".into(),
            kind: Some(UnitKind::Employer),
            level: Some(UnitLevel::County),
            enabled: Some(false),
            page: 3,
            per_page: 20,
        };
        assert_eq!(
            filter.path(),
            "/api/v1/units?q=%E4%B8%AD%E5%AD%A6&kind=employer&level=county&enabled=false&page=3&per_page=20"
        );
    }
}
