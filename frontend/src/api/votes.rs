//! Votes (issue 11, manual §6.2.10.6–§6.2.10.8): `/api/v1/review-groups/{id}/group-vote…`
//! (组内投票), `/api/v1/review-sessions/{id}/committee-vote…` (评委会投票), `…/tally`
//! (统票), `…/vote-sheet` (评审表决表) and `/api/v1/vote-rules` (表决规则). The tally results
//! list goes through the kit's `ListPage` (`/api/v1/tally-results`).

use shared::sessions::VersionOnly;
use shared::votes::{CastAnswer, CommitteeVote, GroupVote, VoteRequest, VoteRules, VoteSheet};

use super::{Api, ApiError};

/// `GET /api/v1/review-groups/{id}/group-vote`.
pub async fn group_vote(api: &Api, id: i64) -> Result<GroupVote, ApiError> {
    api.get(&format!("/api/v1/review-groups/{id}/group-vote"))
        .await
}

/// `POST /api/v1/review-groups/{id}/group-vote/{open|close}` (进入组内投票 / 组内统票).
pub async fn group_vote_action(
    api: &Api,
    id: i64,
    action: GroupVoteAction,
    version: i64,
) -> Result<GroupVote, ApiError> {
    api.post(
        &format!("/api/v1/review-groups/{id}/group-vote/{}", action.segment()),
        &VersionOnly { version },
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
    api: &Api,
    id: i64,
    request: &VoteRequest,
) -> Result<CastAnswer, ApiError> {
    api.post(
        &format!("/api/v1/review-groups/{id}/group-vote/votes"),
        request,
    )
    .await
}

/// `GET /api/v1/review-sessions/{id}/committee-vote`.
pub async fn committee_vote(api: &Api, id: i64) -> Result<CommitteeVote, ApiError> {
    api.get(&format!("/api/v1/review-sessions/{id}/committee-vote"))
        .await
}

/// `POST /api/v1/review-sessions/{id}/committee-vote/open` (进入评委会投票).
pub async fn open_committee_vote(
    api: &Api,
    id: i64,
    version: i64,
) -> Result<CommitteeVote, ApiError> {
    api.post(
        &format!("/api/v1/review-sessions/{id}/committee-vote/open"),
        &VersionOnly { version },
    )
    .await
}

/// `POST /api/v1/review-sessions/{id}/committee-vote/ballots` (the secret ballot).
pub async fn cast_ballots(
    api: &Api,
    id: i64,
    request: &VoteRequest,
) -> Result<CastAnswer, ApiError> {
    api.post(
        &format!("/api/v1/review-sessions/{id}/committee-vote/ballots"),
        request,
    )
    .await
}

/// `POST /api/v1/review-sessions/{id}/tally` (统票): answers the vote sheet.
pub async fn tally(api: &Api, id: i64, version: i64) -> Result<VoteSheet, ApiError> {
    api.post(
        &format!("/api/v1/review-sessions/{id}/tally"),
        &VersionOnly { version },
    )
    .await
}

/// `GET /api/v1/review-sessions/{id}/vote-sheet` (评审表决表).
pub async fn vote_sheet(api: &Api, id: i64) -> Result<VoteSheet, ApiError> {
    api.get(&format!("/api/v1/review-sessions/{id}/vote-sheet"))
        .await
}

/// The path of the vote sheet's XLSX (`GET …/vote-sheet/export`, fetched by the kit's export
/// button).
pub fn vote_sheet_export_path(id: i64) -> String {
    format!("/api/v1/review-sessions/{id}/vote-sheet/export")
}

/// `GET /api/v1/vote-rules` (the system administrator).
pub async fn rules(api: &Api) -> Result<VoteRules, ApiError> {
    api.get("/api/v1/vote-rules").await
}

/// `PUT /api/v1/vote-rules`.
pub async fn save_rules(api: &Api, body: &VoteRules) -> Result<VoteRules, ApiError> {
    api.put("/api/v1/vote-rules", body).await
}
