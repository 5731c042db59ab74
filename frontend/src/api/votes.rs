//! Votes (issue 11, manual §6.2.10.6–§6.2.10.8): `/api/v1/review-groups/{id}/group-vote…`
//! (组内投票), `/api/v1/review-sessions/{id}/committee-vote…` (评委会投票), `…/tally`
//! (统票), `…/vote-sheet` (评审表决表) and `/api/v1/vote-rules` (表决规则). The tally results
//! list goes through the kit's `ListPage` (`/api/v1/tally-results`).

use shared::sessions::VersionOnly;
use shared::votes::{CastAnswer, CommitteeVote, GroupVote, VoteRequest, VoteRules, VoteSheet};
use shared::Locale;

use super::{get_authed, post_authed, put_authed, ApiError};
use crate::state::session::SessionStore;

/// `GET /api/v1/review-groups/{id}/group-vote`.
pub async fn group_vote(
    session: &SessionStore,
    id: i64,
    locale: Locale,
) -> Result<GroupVote, ApiError> {
    get_authed(
        session,
        &format!("/api/v1/review-groups/{id}/group-vote"),
        locale,
    )
    .await
}

/// `POST /api/v1/review-groups/{id}/group-vote/{open|close}` (进入组内投票 / 组内统票).
pub async fn group_vote_action(
    session: &SessionStore,
    id: i64,
    action: GroupVoteAction,
    version: i64,
    locale: Locale,
) -> Result<GroupVote, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/review-groups/{id}/group-vote/{}", action.segment()),
        &VersionOnly { version },
        locale,
    )
    .await
}

/// The leader's two actions on a group vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupVoteAction {
    /// 进入组内投票.
    Open,
    /// 组内统票.
    Close,
}

impl GroupVoteAction {
    fn segment(self) -> &'static str {
        match self {
            GroupVoteAction::Open => "open",
            GroupVoteAction::Close => "close",
        }
    }
}

/// `POST /api/v1/review-groups/{id}/group-vote/votes`.
pub async fn cast_group_votes(
    session: &SessionStore,
    id: i64,
    request: &VoteRequest,
    locale: Locale,
) -> Result<CastAnswer, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/review-groups/{id}/group-vote/votes"),
        request,
        locale,
    )
    .await
}

/// `GET /api/v1/review-sessions/{id}/committee-vote`.
pub async fn committee_vote(
    session: &SessionStore,
    id: i64,
    locale: Locale,
) -> Result<CommitteeVote, ApiError> {
    get_authed(
        session,
        &format!("/api/v1/review-sessions/{id}/committee-vote"),
        locale,
    )
    .await
}

/// `POST /api/v1/review-sessions/{id}/committee-vote/open` (进入评委会投票).
pub async fn open_committee_vote(
    session: &SessionStore,
    id: i64,
    version: i64,
    locale: Locale,
) -> Result<CommitteeVote, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/review-sessions/{id}/committee-vote/open"),
        &VersionOnly { version },
        locale,
    )
    .await
}

/// `POST /api/v1/review-sessions/{id}/committee-vote/ballots` (the secret ballot).
pub async fn cast_ballots(
    session: &SessionStore,
    id: i64,
    request: &VoteRequest,
    locale: Locale,
) -> Result<CastAnswer, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/review-sessions/{id}/committee-vote/ballots"),
        request,
        locale,
    )
    .await
}

/// `POST /api/v1/review-sessions/{id}/tally` (统票): answers the vote sheet.
pub async fn tally(
    session: &SessionStore,
    id: i64,
    version: i64,
    locale: Locale,
) -> Result<VoteSheet, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/review-sessions/{id}/tally"),
        &VersionOnly { version },
        locale,
    )
    .await
}

/// `GET /api/v1/review-sessions/{id}/vote-sheet` (评审表决表).
pub async fn vote_sheet(
    session: &SessionStore,
    id: i64,
    locale: Locale,
) -> Result<VoteSheet, ApiError> {
    get_authed(
        session,
        &format!("/api/v1/review-sessions/{id}/vote-sheet"),
        locale,
    )
    .await
}

/// The path of the vote sheet's XLSX (`GET …/vote-sheet/export`, fetched by the kit's export
/// button).
pub fn vote_sheet_export_path(id: i64) -> String {
    format!("/api/v1/review-sessions/{id}/vote-sheet/export")
}

/// `GET /api/v1/vote-rules` (the system administrator).
pub async fn rules(session: &SessionStore, locale: Locale) -> Result<VoteRules, ApiError> {
    get_authed(session, "/api/v1/vote-rules", locale).await
}

/// `PUT /api/v1/vote-rules`.
pub async fn save_rules(
    session: &SessionStore,
    body: &VoteRules,
    locale: Locale,
) -> Result<VoteRules, ApiError> {
    put_authed(session, "/api/v1/vote-rules", body, locale).await
}
