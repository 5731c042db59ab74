//! The title workflow's application screens (title.review): own applications, the editor, the
//! detail, the stage queues and the unit-started applications. Publicity, committees and
//! accounts are the `manage` entry ([`super::manage`], split off in issue 8); the certificates
//! under `/title/certificates/…` are the `certificates` entry ([`super::certificates`]).

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::not_found::NotFound;
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
        _ => html! { <NotFound /> },
    }
}
