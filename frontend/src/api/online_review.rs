//! During the review (issue 10): attendance, blind opinions, the leader's distribution, the
//! experts' review forms and their home page.

use shared::online_review::{
    Attendance, AttendanceChange, BlindGrade, BlindOpinion, DistributionUpdate, ExpertReview,
    ExpertTasks, GroupAction, GroupDistribution, ReviewForm, ReviewProgress,
};
use shared::Locale;

use super::applications::content_type;
use super::query::Query;
use super::{
    delete_authed, download_authed, get_authed, post_authed, put_authed, upload_authed, ApiError,
};
use crate::state::session::SessionStore;

/// `GET /api/v1/me/expert-tasks`.
pub async fn tasks(session: &SessionStore, locale: Locale) -> Result<ExpertTasks, ApiError> {
    get_authed(session, "/api/v1/me/expert-tasks", locale).await
}

/// `GET /api/v1/expert-reviews/{id}`.
pub async fn review(
    session: &SessionStore,
    id: i64,
    locale: Locale,
) -> Result<ExpertReview, ApiError> {
    get_authed(session, &format!("/api/v1/expert-reviews/{id}"), locale).await
}

/// `PUT /api/v1/expert-reviews/{id}` (暂存) or `POST …/complete` (完成材料审查).
pub async fn save_review(
    session: &SessionStore,
    id: i64,
    form: &ReviewForm,
    complete: bool,
    locale: Locale,
) -> Result<ExpertReview, ApiError> {
    if complete {
        post_authed(
            session,
            &format!("/api/v1/expert-reviews/{id}/complete"),
            form,
            locale,
        )
        .await
    } else {
        put_authed(
            session,
            &format!("/api/v1/expert-reviews/{id}"),
            form,
            locale,
        )
        .await
    }
}

/// `GET /api/v1/review-groups/{id}/distribution`.
pub async fn distribution(
    session: &SessionStore,
    id: i64,
    locale: Locale,
) -> Result<GroupDistribution, ApiError> {
    get_authed(
        session,
        &format!("/api/v1/review-groups/{id}/distribution"),
        locale,
    )
    .await
}

/// `PUT /api/v1/review-groups/{id}/distribution`.
pub async fn distribute(
    session: &SessionStore,
    id: i64,
    update: &DistributionUpdate,
    locale: Locale,
) -> Result<GroupDistribution, ApiError> {
    put_authed(
        session,
        &format!("/api/v1/review-groups/{id}/distribution"),
        update,
        locale,
    )
    .await
}

/// `POST /api/v1/review-groups/{id}/enter-review` or `…/defense-held`.
pub async fn group_action(
    session: &SessionStore,
    id: i64,
    action: &'static str,
    version: i64,
    locale: Locale,
) -> Result<GroupDistribution, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/review-groups/{id}/{action}"),
        &GroupAction { version },
        locale,
    )
    .await
}

/// `GET /api/v1/review-sessions/{id}/attendance`.
pub async fn attendance(
    session: &SessionStore,
    id: i64,
    locale: Locale,
) -> Result<Attendance, ApiError> {
    get_authed(
        session,
        &format!("/api/v1/review-sessions/{id}/attendance"),
        locale,
    )
    .await
}

/// `POST /api/v1/review-sessions/{id}/attendance/sign-in` or `…/sign-out`.
pub async fn attend(
    session: &SessionStore,
    id: i64,
    change: &AttendanceChange,
    sign_in: bool,
    locale: Locale,
) -> Result<Attendance, ApiError> {
    let verb = if sign_in { "sign-in" } else { "sign-out" };
    post_authed(
        session,
        &format!("/api/v1/review-sessions/{id}/attendance/{verb}"),
        change,
        locale,
    )
    .await
}

/// `GET /api/v1/review-sessions/{id}/blind-opinions`.
pub async fn blind_opinions(
    session: &SessionStore,
    id: i64,
    locale: Locale,
) -> Result<Vec<BlindOpinion>, ApiError> {
    get_authed(
        session,
        &format!("/api/v1/review-sessions/{id}/blind-opinions"),
        locale,
    )
    .await
}

/// `POST /api/v1/review-sessions/{id}/blind-opinions?application_id=&grade=&file_name=&note=`.
pub async fn upload_blind_opinion(
    session: &SessionStore,
    id: i64,
    application_id: i64,
    grade: BlindGrade,
    note: &str,
    file: &web_sys::File,
    locale: Locale,
) -> Result<BlindOpinion, ApiError> {
    let path = Query::new(&format!("/api/v1/review-sessions/{id}/blind-opinions"))
        .with("application_id", application_id)
        .with("grade", grade.as_str())
        .with("file_name", file.name())
        .text("note", note)
        .build();
    upload_authed(session, &path, file, content_type(&file.name()), locale).await
}

/// `DELETE /api/v1/review-sessions/{id}/blind-opinions/{opinion}`.
pub async fn delete_blind_opinion(
    session: &SessionStore,
    id: i64,
    opinion: i64,
    locale: Locale,
) -> Result<(), ApiError> {
    delete_authed(
        session,
        &format!("/api/v1/review-sessions/{id}/blind-opinions/{opinion}"),
        locale,
    )
    .await
}

/// `GET /api/v1/review-sessions/{id}/blind-opinions/{opinion}/content`.
pub async fn blind_opinion_content(
    session: &SessionStore,
    id: i64,
    opinion: i64,
    locale: Locale,
) -> Result<Vec<u8>, ApiError> {
    download_authed(
        session,
        &format!("/api/v1/review-sessions/{id}/blind-opinions/{opinion}/content"),
        locale,
    )
    .await
}

/// `GET /api/v1/applications/{id}/review-progress`.
pub async fn review_progress(
    session: &SessionStore,
    id: i64,
    locale: Locale,
) -> Result<Vec<ReviewProgress>, ApiError> {
    get_authed(
        session,
        &format!("/api/v1/applications/{id}/review-progress"),
        locale,
    )
    .await
}
