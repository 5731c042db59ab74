//! Administration by the system administrator and the unit administrators: portal.system
//! (organisation, users and their import, extended users), config.units (units, affiliation),
//! the attachment categories, the work calendar, the session and vote rules, the certificate
//! numbering and the accounts dashboard (账号统计分析). The roles, the security policy and the audit log are the security entry's
//! (三员分立).

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::config::attachment_categories::AttachmentCategories;
use crate::pages::config::{affiliation::Affiliation, units::Units};
use crate::pages::dashboards::accounts::AccountsDashboardPage;
use crate::pages::not_found::NotFound;
use crate::pages::portal::system::accounts::{Accounts, Scope};
use crate::pages::portal::system::{
    bulk_import::BulkImport, calendar::WorkCalendar,
    certificate_numbering::CertificateNumberingPage, org_tree::OrgTree,
    review_rules::ReviewRulesPage,
};
use crate::routes::Route;

/// The administration entry.
pub const PAGES: EntryPages = EntryPages {
    entry: SpaEntry::Admin,
    page,
};

fn page(route: &Route) -> Html {
    match route {
        Route::OrgStructure => html! { <OrgTree /> },
        // Keyed by screen: moving between two account screens starts the second afresh
        // (its own filters), instead of reusing the first one's state.
        Route::Users => html! { <Accounts key="users" scope={Scope::Users} /> },
        Route::UsersImport => html! { <BulkImport key="users-import" scope={Scope::Users} /> },
        Route::ExtendedUsers => html! { <Accounts key="extended" scope={Scope::Extended} /> },
        Route::Units => html! { <Units /> },
        Route::Affiliation => html! { <Affiliation /> },
        Route::Calendar => html! { <WorkCalendar /> },
        Route::AttachmentCategories => html! { <AttachmentCategories /> },
        Route::ReviewRules => html! { <ReviewRulesPage /> },
        Route::CertificateNumbering => html! { <CertificateNumberingPage /> },
        Route::AccountsDashboard => html! { <AccountsDashboardPage /> },
        _ => html! { <NotFound /> },
    }
}
