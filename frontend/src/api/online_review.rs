//! During the review (issue 10): attendance, blind opinions, the leader's distribution, the
//! experts' review forms and their home page.

use shared::online_review::{
    Attendance, AttendanceChange, BlindGrade, BlindOpinion, DistributionUpdate, ExpertReview,
    ExpertTasks, GroupAction, GroupDistribution, ReviewForm, ReviewProgress,
};

use super::applications::content_type;
use super::query::Query;
use super::{Api, ApiError};

/// `GET /api/v1/me/expert-tasks`.
pub async fn tasks(api: &Api) -> Result<ExpertTasks, ApiError> {
    api.get("/api/v1/me/expert-tasks").await
}

/// `GET /api/v1/expert-reviews/{id}`.
pub async fn review(api: &Api, id: i64) -> Result<ExpertReview, ApiError> {
    api.get(&format!("/api/v1/expert-reviews/{id}")).await
}

/// `PUT /api/v1/expert-reviews/{id}` (暂存) or `POST …/complete` (完成材料审查).
pub async fn save_review(
    api: &Api,
    id: i64,
    form: &ReviewForm,
    complete: bool,
) -> Result<ExpertReview, ApiError> {
    if complete {
        api.post(&format!("/api/v1/expert-reviews/{id}/complete"), form)
            .await
    } else {
        api.put(&format!("/api/v1/expert-reviews/{id}"), form).await
    }
}

/// `GET /api/v1/review-groups/{id}/distribution`.
pub async fn distribution(api: &Api, id: i64) -> Result<GroupDistribution, ApiError> {
    api.get(&format!("/api/v1/review-groups/{id}/distribution"))
        .await
}

/// `PUT /api/v1/review-groups/{id}/distribution`.
pub async fn distribute(
    api: &Api,
    id: i64,
    update: &DistributionUpdate,
) -> Result<GroupDistribution, ApiError> {
    api.put(&format!("/api/v1/review-groups/{id}/distribution"), update)
        .await
}

/// `POST /api/v1/review-groups/{id}/enter-review` or `…/defense-held`.
pub async fn group_action(
    api: &Api,
    id: i64,
    action: &'static str,
    version: i64,
) -> Result<GroupDistribution, ApiError> {
    api.post(
        &format!("/api/v1/review-groups/{id}/{action}"),
        &GroupAction { version },
    )
    .await
}

/// `GET /api/v1/review-sessions/{id}/attendance`.
pub async fn attendance(api: &Api, id: i64) -> Result<Attendance, ApiError> {
    api.get(&format!("/api/v1/review-sessions/{id}/attendance"))
        .await
}

/// `POST /api/v1/review-sessions/{id}/attendance/sign-in` or `…/sign-out`.
pub async fn attend(
    api: &Api,
    id: i64,
    change: &AttendanceChange,
    sign_in: bool,
) -> Result<Attendance, ApiError> {
    let verb = if sign_in { "sign-in" } else { "sign-out" };
    api.post(
        &format!("/api/v1/review-sessions/{id}/attendance/{verb}"),
        change,
    )
    .await
}

/// `GET /api/v1/review-sessions/{id}/blind-opinions`.
pub async fn blind_opinions(api: &Api, id: i64) -> Result<Vec<BlindOpinion>, ApiError> {
    api.get(&format!("/api/v1/review-sessions/{id}/blind-opinions"))
        .await
}

/// `POST /api/v1/review-sessions/{id}/blind-opinions?application_id=&grade=&file_name=&note=`.
pub async fn upload_blind_opinion(
    api: &Api,
    id: i64,
    application_id: i64,
    grade: BlindGrade,
    note: &str,
    file: &web_sys::File,
) -> Result<BlindOpinion, ApiError> {
    let path = Query::new(&format!("/api/v1/review-sessions/{id}/blind-opinions"))
        .with("application_id", application_id)
        .with("grade", grade.as_str())
        .with("file_name", file.name())
        .text("note", note)
        .build();
    api.upload(&path, file, content_type(&file.name())).await
}

/// `DELETE /api/v1/review-sessions/{id}/blind-opinions/{opinion}`.
pub async fn delete_blind_opinion(api: &Api, id: i64, opinion: i64) -> Result<(), ApiError> {
    api.delete(&format!(
        "/api/v1/review-sessions/{id}/blind-opinions/{opinion}"
    ))
    .await
}

/// `GET /api/v1/review-sessions/{id}/blind-opinions/{opinion}/content`.
pub async fn blind_opinion_content(api: &Api, id: i64, opinion: i64) -> Result<Vec<u8>, ApiError> {
    api.download(&format!(
        "/api/v1/review-sessions/{id}/blind-opinions/{opinion}/content"
    ))
    .await
}

/// `GET /api/v1/applications/{id}/review-progress`.
pub async fn review_progress(api: &Api, id: i64) -> Result<Vec<ReviewProgress>, ApiError> {
    api.get(&format!("/api/v1/applications/{id}/review-progress"))
        .await
}
