//! The title workflow: title.review (own applications, the editor, the detail, the stage
//! queues, publicity), title.committees, and title.accounts (personal accounts, policy
//! reviewers).

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::not_found::NotFound;
use crate::pages::portal::system::accounts::{Accounts, Scope};
use crate::pages::portal::system::bulk_import::BulkImport;
use crate::pages::title::accounts::policy_reviewers::PolicyReviewers;
use crate::pages::title::committees::filings::Filings;
use crate::pages::title::review::application_detail::ApplicationDetail;
use crate::pages::title::review::application_form::ApplicationForm;
use crate::pages::title::review::application_list::{ApplicationList, ListMode};
use crate::pages::title::review::publicity::{PublicityBatchPage, PublicityBatches};
use crate::pages::title::review::publicity_rules;
use crate::pages::title::review::unit_started::{UnitStartNew, UnitStartedList};
use crate::routes::Route;

/// The title-workflow entry.
pub const PAGES: EntryPages = EntryPages {
    entry: SpaEntry::Title,
    page,
};

fn page(route: &Route) -> Html {
    match route {
        Route::PersonalAccounts => html! { <Accounts key="personal" scope={Scope::Personal} /> },
        Route::PersonalImport => {
            html! { <BulkImport key="personal-import" scope={Scope::Personal} /> }
        }
        Route::PolicyReviewers => html! { <PolicyReviewers /> },
        Route::MyApplications => html! { <ApplicationList key="mine" mode={ListMode::Mine} /> },
        Route::NewApplication => html! { <ApplicationForm key="new" id={None::<i64>} /> },
        Route::EditApplication { id } => {
            html! { <ApplicationForm key={format!("edit-{id}")} id={Some(*id)} /> }
        }
        Route::ApplicationDetail { id } => {
            html! { <ApplicationDetail key={id.to_string()} id={*id} /> }
        }
        Route::Queue { stage } => match shared::workflow::Stage::parse(stage) {
            Some(stage) => {
                html! { <ApplicationList key={stage.as_str()} mode={ListMode::Queue(stage)} /> }
            }
            None => html! { <NotFound /> },
        },
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
        Route::UnitStarted => html! { <UnitStartedList /> },
        Route::UnitStartNew => html! { <UnitStartNew /> },
        _ => html! { <NotFound /> },
    }
}
