//! `/api/v1/notices` (站内通知): the caller's notices (listed by the inbox page), the unread
//! count the top bar shows, and marking notices read; `/api/v1/todos`, the home page's to-dos
//! beside the queues.

use shared::notices::{NoticeSummary, Todo};

use super::{Api, ApiError, Method};

/// The list endpoint (`unread`, `kind`, `page`, `per_page`; no export).
pub const LIST: &str = "/api/v1/notices";

/// `GET /api/v1/notices/summary`: how many are unread. The top bar asks on its own (on a
/// timer, after a route change), never for the user: the request neither counts as activity
/// nor renews the session, so a quiet tab still reaches the idle timeout, and a refused token
/// leaves the count as it was until the user's next action renews it.
pub async fn summary(api: &Api) -> Result<NoticeSummary, ApiError> {
    api.get_in_background(SUMMARY).await
}

/// `POST /api/v1/notices/{id}/read` (204; reading it again changes nothing).
pub async fn read(api: &Api, id: i64) -> Result<(), ApiError> {
    api.send(Method::Post, &format!("{LIST}/{id}/read"), &|| Ok(None))
        .await
        .map(drop)
}

/// `POST /api/v1/notices/read-all`: the unread count after (0).
pub async fn read_all(api: &Api) -> Result<NoticeSummary, ApiError> {
    api.post_action(&format!("{LIST}/read-all")).await
}

/// `GET /api/v1/todos`: what waits for the caller: its queues, then the rest (the home page).
pub async fn todos(api: &Api) -> Result<Vec<Todo>, ApiError> {
    api.get("/api/v1/todos").await
}

const SUMMARY: &str = "/api/v1/notices/summary";
