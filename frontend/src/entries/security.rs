//! Security and audit (三员分立, issue 8's audiences): the security administrator's business
//! and unit roles and security policy, and the auditor's audit log. Apart from the system
//! administrator's entry, so that neither loads the other's screens.

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::not_found::NotFound;
use crate::pages::portal::system::{
    audit::AuditLog, business_roles::BusinessRoles, security_policy::SecurityPolicyPage,
    unit_roles::UnitRoles,
};
use crate::routes::Route;

/// The security entry.
pub const PAGES: EntryPages = EntryPages {
    entry: SpaEntry::Security,
    page,
};

fn page(route: &Route) -> Html {
    match route {
        Route::BusinessRoles => html! { <BusinessRoles /> },
        Route::UnitRoles => html! { <UnitRoles /> },
        Route::AuditLog => html! { <AuditLog /> },
        Route::SecurityPolicy => html! { <SecurityPolicyPage /> },
        _ => html! { <NotFound /> },
    }
}
