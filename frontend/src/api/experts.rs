//! `/api/v1/experts`, `/api/v1/pool-members` (专家库), `/api/v1/me/expert-profile` (专家个人信息),
//! `/api/v1/pool-updates` (专家库更新备案) and `/api/v1/expert-recommendations` (专家推荐).

use serde::Deserialize;
use shared::expert_pool::{
    CreatePoolUpdate, CreateRecommendation, ExpertDetail, ExpertEdit, IntegrityRecordRequest,
    InviteAnswer, InviteRequest, PoolDecision, PoolMember, PoolStatusChange, PoolUpdate,
    PreEntryRequest, ProfileInput, Recommendation, RecommendationFile,
};

use super::applications::content_type;
use super::bulk::BulkRowError;
use super::query::Query;
use super::{Api, ApiError};

/// The answer of a bulk pre-entry (the backend's `experts::bulk::BulkReport`): when `ok` is
/// false nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PoolBulkReport {
    /// Every row passed (and, unless a dry run, was pre-entered).
    pub ok: bool,
    /// Data rows read.
    pub rows: usize,
    /// Memberships created (0 on a dry run or a failure).
    pub created: usize,
    /// Every failure.
    pub errors: Vec<BulkRowError>,
}

/// `POST /api/v1/experts`.
pub async fn pre_enter(api: &Api, request: &PreEntryRequest) -> Result<PoolMember, ApiError> {
    api.post("/api/v1/experts", request).await
}

/// `POST /api/v1/experts/bulk?committee_id=…&dry_run=…` with the CSV or XLSX file as the body:
/// all rows or none.
pub async fn bulk_pre_enter(
    api: &Api,
    committee_id: i64,
    file: &web_sys::Blob,
    content_type: &'static str,
    dry_run: bool,
) -> Result<PoolBulkReport, ApiError> {
    let path = Query::new("/api/v1/experts/bulk")
        .with("committee_id", committee_id)
        .with("dry_run", dry_run)
        .build();
    api.upload(&path, file, content_type).await
}

/// `PATCH /api/v1/experts/{id}`: the person's pre-entry fields, with the version read.
pub async fn edit(api: &Api, id: i64, request: &ExpertEdit) -> Result<ExpertDetail, ApiError> {
    api.patch(&format!("/api/v1/experts/{id}"), request).await
}

/// `POST /api/v1/experts/{id}/integrity-record`: 违规; the person leaves every pool.
pub async fn record_integrity(
    api: &Api,
    id: i64,
    request: &IntegrityRecordRequest,
) -> Result<ExpertDetail, ApiError> {
    api.post(&format!("/api/v1/experts/{id}/integrity-record"), request)
        .await
}

/// `POST /api/v1/pool-members/{id}/invite`.
pub async fn invite(api: &Api, id: i64, version: i64) -> Result<InviteAnswer, ApiError> {
    let body = InviteRequest { version };
    api.post(&format!("/api/v1/pool-members/{id}/invite"), &body)
        .await
}

/// `POST /api/v1/pool-members/{id}/status`.
pub async fn set_status(
    api: &Api,
    id: i64,
    request: &PoolStatusChange,
) -> Result<PoolMember, ApiError> {
    api.post(&format!("/api/v1/pool-members/{id}/status"), request)
        .await
}

/// `GET /api/v1/me/expert-profile`.
pub async fn my_profile(api: &Api) -> Result<ExpertDetail, ApiError> {
    api.get("/api/v1/me/expert-profile").await
}

/// `GET /api/v1/me/expert-profile/units?q=…`: units to declare as 回避单位.
pub async fn profile_units(api: &Api, q: &str) -> Result<Vec<shared::auth::UnitRef>, ApiError> {
    let path = format!(
        "/api/v1/me/expert-profile/units?q={}",
        super::query::encode(q)
    );
    api.get(&path).await
}

/// `PUT /api/v1/me/expert-profile`.
pub async fn save_profile(api: &Api, request: &ProfileInput) -> Result<ExpertDetail, ApiError> {
    api.put("/api/v1/me/expert-profile", request).await
}

/// `POST /api/v1/pool-updates`.
pub async fn file_update(api: &Api, request: &CreatePoolUpdate) -> Result<PoolUpdate, ApiError> {
    api.post("/api/v1/pool-updates", request).await
}

/// `POST /api/v1/pool-updates/{id}/decision`.
pub async fn decide_update(
    api: &Api,
    id: i64,
    decision: &PoolDecision,
) -> Result<PoolUpdate, ApiError> {
    api.post(&format!("/api/v1/pool-updates/{id}/decision"), decision)
        .await
}

/// `POST /api/v1/expert-recommendations`.
pub async fn recommend(
    api: &Api,
    request: &CreateRecommendation,
) -> Result<Recommendation, ApiError> {
    api.post("/api/v1/expert-recommendations", request).await
}

/// `POST /api/v1/expert-recommendations/{id}/decision`.
pub async fn decide_recommendation(
    api: &Api,
    id: i64,
    decision: &PoolDecision,
) -> Result<Recommendation, ApiError> {
    api.post(
        &format!("/api/v1/expert-recommendations/{id}/decision"),
        decision,
    )
    .await
}

/// `GET /api/v1/expert-recommendations/{id}/files`: the proof files.
pub async fn recommendation_files(api: &Api, id: i64) -> Result<Vec<RecommendationFile>, ApiError> {
    api.get(&recommendation_files_path(id)).await
}

/// `POST /api/v1/expert-recommendations/{id}/files?file_name=`: one proof file.
pub async fn upload_recommendation_file(
    api: &Api,
    id: i64,
    file: &web_sys::File,
) -> Result<RecommendationFile, ApiError> {
    let path = Query::new(&recommendation_files_path(id))
        .with("file_name", file.name())
        .build();
    api.upload(&path, file, content_type(&file.name())).await
}

/// `DELETE /api/v1/expert-recommendations/{id}/files/{file}`.
pub async fn delete_recommendation_file(api: &Api, id: i64, file: i64) -> Result<(), ApiError> {
    let path = format!("{}/{file}", recommendation_files_path(id));
    api.delete(&path).await
}

/// `GET /api/v1/expert-recommendations/{id}/files/{file}/content`: the file's bytes.
pub async fn recommendation_file_content(
    api: &Api,
    id: i64,
    file: i64,
) -> Result<Vec<u8>, ApiError> {
    let path = format!("{}/{file}/content", recommendation_files_path(id));
    api.download(&path).await
}

fn recommendation_files_path(id: i64) -> String {
    format!("/api/v1/expert-recommendations/{id}/files")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bulk_report_reads_as_the_api_writes_it() {
        let body = r#"{"ok":false,"rows":2,"created":0,"errors":[
            {"row":3,"field":"phone","code":"validation_failed","message":"字段 phone：电话须为 5-20 位数字"}]}"#;
        let report: PoolBulkReport = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
        assert!(!report.ok);
        assert_eq!(report.errors[0].row, 3);
        assert_eq!(report.errors[0].field.as_deref(), Some("phone"));
    }
}
