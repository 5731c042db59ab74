//! Votes (manual §6.2.10.6–§6.2.10.8): `/api/v1/review-groups/{id}/group-vote…`,
//! `/api/v1/review-sessions/{id}/committee-vote…`, `…/tally`, `…/vote-sheet…`,
//! `/api/v1/tally-results…` and `/api/v1/vote-rules`. The rules live in `crate::votes`.

pub mod committee;
pub mod group;
pub mod results;
pub mod rules;

use shared::Module;

/// Unit-side modules that read a session's votes (the organising unit and the HRSS above).
pub const UNIT_VOTES: &[Module] = &[
    Module::CommitteeVote,
    Module::TallyResults,
    Module::Sessions,
];
