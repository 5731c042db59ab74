//! The title workflow's management screens, split from the title entry (issue 8):
//! title.committees (评委会 filings) and title.accounts (personal accounts, policy reviewers),
//! and 统计分析 of the applications (`/dashboards/…`).
//! Used by the departments that run an evaluation year, not by applicants, who load only the
//! title entry. Publicity has its own entry.

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::dashboards::applications::ApplicationsDashboardPage;
use crate::pages::not_found::NotFound;
use crate::pages::portal::system::accounts::{Accounts, Scope};
use crate::pages::portal::system::bulk_import::BulkImport;
use crate::pages::title::accounts::policy_reviewers::PolicyReviewers;
use crate::pages::title::committees::filings::Filings;
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
        Route::AuthorityApply => html! { <Filings key="apply" audit=false /> },
        Route::AuthorityAudit => html! { <Filings key="audit" audit=true /> },
        Route::DashboardApplications => html! { <ApplicationsDashboardPage /> },
        _ => html! { <NotFound /> },
    }
}
