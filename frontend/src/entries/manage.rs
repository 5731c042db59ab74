//! The title workflow's management screens, split from the title entry (issue 8): publicity
//! (title.review's 公示 batches), title.committees (评委会 filings) and title.accounts
//! (personal accounts, policy reviewers). Used by the departments that run an evaluation year,
//! not by applicants and unit clerks, who load only the title entry.

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::not_found::NotFound;
use crate::pages::portal::system::accounts::{Accounts, Scope};
use crate::pages::portal::system::bulk_import::BulkImport;
use crate::pages::title::accounts::policy_reviewers::PolicyReviewers;
use crate::pages::title::committees::filings::Filings;
use crate::pages::title::review::publicity::{PublicityBatchPage, PublicityBatches};
use crate::pages::title::review::publicity_rules;
use crate::routes::Route;

/// The management entry.
pub const PAGES: EntryPages = EntryPages {
    entry: SpaEntry::Manage,
    page,
};

fn page(route: &Route) -> Html {
    match route {
        Route::PersonalAccounts => html! { <Accounts key="personal" scope={Scope::Personal} /> },
        Route::PersonalImport => {
            html! { <BulkImport key="personal-import" scope={Scope::Personal} /> }
        }
        Route::PolicyReviewers => html! { <PolicyReviewers /> },
        Route::Publicity { kind } => match publicity_rules::parse_kind(kind) {
            Some(kind) => html! { <PublicityBatches key={kind.as_str()} {kind} /> },
            None => html! { <NotFound /> },
        },
        Route::PublicityBatch { kind, id } => match publicity_rules::parse_kind(kind) {
            Some(kind) => {
                html! { <PublicityBatchPage key={format!("{kind}-{id}")} {kind} id={*id} /> }
            }
            None => html! { <NotFound /> },
        },
        Route::AuthorityApply => html! { <Filings key="apply" audit=false /> },
        Route::AuthorityAudit => html! { <Filings key="audit" audit=true /> },
        _ => html! { <NotFound /> },
    }
}
