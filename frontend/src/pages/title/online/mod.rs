//! 线上评审 (issue 10, manual §6.2.10): the review sessions (评委会管理: groups, counts, the
//! draw, positions, settings) and, during the review (§6.2.10.2–§6.2.10.5), the expert's home
//! and review form, the leader's distribution, the organising unit's attendance sheet and blind
//! opinions; then the votes (§6.2.10.6–§6.2.10.8, issue 11): 组内投票, 评委会投票, the
//! 评审表决表 print view and 统票结果.

pub mod attendance;
pub mod ballot;
pub mod blind_opinions;
pub mod committee_vote;
pub mod distribution;
pub mod draw_record;
pub mod filing;
pub mod filings;
pub mod group_vote;
pub mod review_form;
pub mod session;
pub mod session_dialogs;
pub mod sessions;
pub mod tally_results;
pub mod tasks;
pub mod vote_sheet;

use yew::prelude::*;

use crate::api::ApiError;
use crate::i18n::{Key, Locale};

/// The outcome line of an action: a success text or the API's error message (with its code).
pub fn outcome(locale: Locale, result: &Option<Result<Key, ApiError>>) -> Html {
    match result {
        None => html! {},
        Some(Ok(key)) => html! {
            <p class="alert alert-success" role="status" data-testid="or-ok">{ crate::i18n::t(locale, *key) }</p>
        },
        Some(Err(e)) => html! {
            <p class="alert alert-error" role="alert" data-testid="or-error" data-code={e.code()}>{ e.message(locale) }</p>
        },
    }
}
