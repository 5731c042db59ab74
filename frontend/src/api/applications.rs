//! `/api/v1/applications`: the applicant's content, the workflow actions, lists, the timeline,
//! attachments and the committees an HRSS may assign.

use shared::application::{
    ActionFields, ActionRequest, Application, ApplicationInput, ApplicationSummary,
    BatchActionRequest, BatchActionResponse, BatchItem, ForwardTarget, Level, Series,
    TimelineEvent, UpdateApplicationRequest,
};
use shared::committees::Committee;
use shared::workflow::{Action, Stage};
use shared::Page;

use super::query::Query;
use super::{Api, ApiError};

/// The filters of an application list (a queue, the applicant's own list, a home count).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppFilter {
    /// Only this stage.
    pub stage: Option<Stage>,
    /// Review year.
    pub year: Option<i32>,
    /// Series.
    pub series: Option<Series>,
    /// Level.
    pub level: Option<Level>,
    /// Name or whole ID number.
    pub q: String,
    /// Only what the caller must act on now.
    pub todo: bool,
    /// 1-based page.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}

impl Default for AppFilter {
    fn default() -> Self {
        AppFilter {
            stage: None,
            year: None,
            series: None,
            level: None,
            q: String::new(),
            todo: false,
            page: 1,
            per_page: 20,
        }
    }
}

impl AppFilter {
    /// The request path.
    pub fn path(&self) -> String {
        Query::new("/api/v1/applications")
            .opt("stage", self.stage)
            .opt("year", self.year)
            .opt("series", self.series)
            .opt("level", self.level)
            .text("q", &self.q)
            .opt("todo", self.todo.then_some(true))
            .with("page", self.page)
            .with("per_page", self.per_page)
            .build()
    }
}

/// `GET /api/v1/applications`.
pub async fn list(api: &Api, filter: &AppFilter) -> Result<Page<ApplicationSummary>, ApiError> {
    api.get(&filter.path()).await
}

/// `GET /api/v1/applications/{id}`.
pub async fn get(api: &Api, id: i64) -> Result<Application, ApiError> {
    api.get(&format!("/api/v1/applications/{id}")).await
}

/// `POST /api/v1/applications`: a new draft.
pub async fn create(api: &Api, input: &ApplicationInput) -> Result<Application, ApiError> {
    api.post("/api/v1/applications", input).await
}

/// `PUT /api/v1/applications/{id}`.
pub async fn update(
    api: &Api,
    id: i64,
    version: i64,
    input: &ApplicationInput,
) -> Result<Application, ApiError> {
    let body = UpdateApplicationRequest {
        version,
        application: input.clone(),
    };
    api.put(&format!("/api/v1/applications/{id}"), &body).await
}

/// `GET /api/v1/applications/{id}/timeline`.
pub async fn timeline(api: &Api, id: i64) -> Result<Vec<TimelineEvent>, ApiError> {
    api.get(&format!("/api/v1/applications/{id}/timeline"))
        .await
}

/// `POST /api/v1/applications/{id}/actions`.
pub async fn act(api: &Api, id: i64, request: &ActionRequest) -> Result<Application, ApiError> {
    api.post(&format!("/api/v1/applications/{id}/actions"), request)
        .await
}

/// `POST /api/v1/applications/actions`: one action on many applications.
pub async fn act_batch(
    api: &Api,
    action: Action,
    items: Vec<BatchItem>,
    opinion: Option<String>,
    fields: ActionFields,
) -> Result<BatchActionResponse, ApiError> {
    let body = BatchActionRequest {
        action,
        items,
        opinion,
        fields,
    };
    api.post("/api/v1/applications/actions", &body).await
}

/// `GET /api/v1/applications/forward-target?ids=`: where 审核通过 of these applications goes
/// from the caller's unit, and the committees it may assign every one of them to.
pub async fn forward_target(api: &Api, ids: &[i64]) -> Result<ForwardTarget, ApiError> {
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    let path = Query::new("/api/v1/applications/forward-target")
        .with("ids", ids.join(","))
        .build();
    api.get(&path).await
}

/// `GET /api/v1/committees/assignable`: the committees an HRSS may assign this application to.
pub async fn assignable_committees(
    api: &Api,
    series: Series,
    level: Level,
    specialty: &str,
) -> Result<Vec<Committee>, ApiError> {
    let path = Query::new("/api/v1/committees/assignable")
        .with("series", series)
        .with("level", level)
        .with("specialty", specialty)
        .build();
    api.get(&path).await
}

/// The active committees of the unit `employer` itself for this series and level (self-review
/// authority, 自主评审): `GET /api/v1/committees?series=&level=` narrowed to the unit.
pub async fn own_committees(
    api: &Api,
    employer: i64,
    series: Series,
    level: Level,
) -> Result<Vec<Committee>, ApiError> {
    let path = Query::new("/api/v1/committees")
        .with("series", series)
        .with("level", level)
        .with("per_page", 100)
        .build();
    let page: Page<Committee> = api.get(&path).await?;
    Ok(page
        .items
        .into_iter()
        .filter(|c| c.active && c.unit.id == employer)
        .collect())
}

// ---- Attachments ------------------------------------------------------------------------------

/// Attachments are the shared DTOs of the attachments API.
pub use shared::attachments::{Attachment, AttachmentSection as Section};

/// `GET /api/v1/applications/{id}/attachments`.
pub async fn attachments(api: &Api, id: i64) -> Result<Vec<Attachment>, ApiError> {
    api.get(&format!("/api/v1/applications/{id}/attachments"))
        .await
}

/// `POST /api/v1/applications/{id}/attachments?section=&category_id=&file_name=&description=`
/// with the file as the body.
pub async fn upload(
    api: &Api,
    id: i64,
    (section, category_id): (Section, Option<i64>),
    file: &web_sys::File,
    description: &str,
) -> Result<Attachment, ApiError> {
    let path = Query::new(&format!("/api/v1/applications/{id}/attachments"))
        .with("section", section.as_str())
        .opt("category_id", category_id)
        .with("file_name", file.name())
        .text("description", description)
        .build();
    api.upload(&path, file, content_type(&file.name())).await
}

/// `GET /api/v1/unit-attachments`: the caller's unit's recommendation proofs (the newest
/// hundred: the server answers a page).
pub async fn unit_attachments(api: &Api) -> Result<Vec<Attachment>, ApiError> {
    let path = Query::new("/api/v1/unit-attachments")
        .with("per_page", "100")
        .build();
    api.get::<Page<Attachment>>(&path)
        .await
        .map(|page| page.items)
}

/// `POST /api/v1/unit-attachments?file_name=` with the file as the body.
pub async fn upload_unit(api: &Api, file: &web_sys::File) -> Result<Attachment, ApiError> {
    let path = Query::new("/api/v1/unit-attachments")
        .with("file_name", file.name())
        .build();
    api.upload(&path, file, content_type(&file.name())).await
}

/// `GET /api/v1/attachments/{id}/content`: the file's bytes.
pub async fn content(api: &Api, id: i64) -> Result<Vec<u8>, ApiError> {
    api.download(&format!("/api/v1/attachments/{id}/content"))
        .await
}

/// `DELETE /api/v1/attachments/{id}`.
pub async fn delete(api: &Api, id: i64) -> Result<(), ApiError> {
    api.delete(&format!("/api/v1/attachments/{id}")).await
}

/// The content type to send a file as, by its extension (the server sniffs the content anyway).
pub fn content_type(file_name: &str) -> &'static str {
    let lower = file_name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "pdf" => "application/pdf",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_sends_what_is_set() {
        let filter = AppFilter {
            stage: Some(Stage::UnitVerification),
            year: Some(2026),
            series: Some(Series::Engineering),
            q: " 张 ".into(),
            todo: true,
            ..AppFilter::default()
        };
        assert_eq!(
            filter.path(),
            "/api/v1/applications?stage=unit_verification&year=2026&series=engineering&q=%E5%BC%A0&todo=true&page=1&per_page=20"
        );
        assert_eq!(
            AppFilter::default().path(),
            "/api/v1/applications?page=1&per_page=20"
        );
    }

    #[test]
    fn attachments_read_as_the_api_writes_them() {
        let body = r#"[{"id":3,"application_id":1,"unit_id":null,"section":"supplementary",
            "description":"学历证书","file_name":"a.pdf","content_type":"application/pdf","size":1234,
            "sha256":"abcdef0123","uploaded_at":"2026-03-01T08:00:00Z","uploaded_by":9,
            "uploaded_by_name":"张三","can_delete":true}]"#;
        let list: Vec<Attachment> = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(list[0].section, Section::Supplementary);
        assert!(list[0].can_delete);
        assert_eq!(content_type("扫描件.JPG"), "image/jpeg");
        assert_eq!(content_type("noext"), "application/octet-stream");
        assert_eq!(Section::parse("materials"), Some(Section::Materials));
    }
}
