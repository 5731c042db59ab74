//! The title workflow's application screens (title.review): own applications, the editor, the
//! detail, the stage queues, the unit-started applications, and the certificates (issue 12:
//! the unit's list, backfill, import and the A4 print page). Publicity, committees and accounts
//! are the `manage` entry ([`super::manage`], split off in issue 8).

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::not_found::NotFound;
use crate::pages::title::certificates::import::CertificateImport;
use crate::pages::title::certificates::list::{CertMode, CertificateList};
use crate::pages::title::certificates::print::CertificatePrint;
use crate::pages::title::review::application_detail::ApplicationDetail;
use crate::pages::title::review::application_form::ApplicationForm;
use crate::pages::title::review::application_list::{ApplicationList, ListMode};
use crate::pages::title::review::unit_started::{UnitStartNew, UnitStartedList};
use crate::routes::Route;

/// The title-workflow entry.
pub const PAGES: EntryPages = EntryPages {
    entry: SpaEntry::Title,
    page,
};

fn page(route: &Route) -> Html {
    match route {
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
        Route::UnitStarted => html! { <UnitStartedList /> },
        Route::UnitStartNew => html! { <UnitStartNew /> },
        // 职称/职业资格证书管理 (issue 12)
        Route::CertificateVerify => {
            html! { <CertificateList key="verify" mode={CertMode::Verify} /> }
        }
        Route::CertificateBackfill => {
            html! { <CertificateList key="backfill" mode={CertMode::Backfill} /> }
        }
        Route::CertificateImport => html! { <CertificateImport /> },
        Route::CertificatePrint { id } => {
            html! { <CertificatePrint key={id.to_string()} id={*id} /> }
        }
        _ => html! { <NotFound /> },
    }
}
