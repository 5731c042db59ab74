//! The certificates (职称/职业资格证书管理, issue 12): `/title/certificates/…` — 证书核验,
//! 证书补录, 职称证书导入 and the A4 print page. Split from the title entry by audience (the
//! clerks who keep certificates), so that the title entry stays within its budget; the holder
//! reaches the print page from 我的证书 in the title entry by a full page load.

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::not_found::NotFound;
use crate::pages::title::certificates::import::CertificateImport;
use crate::pages::title::certificates::list::{CertMode, CertificateList};
use crate::pages::title::certificates::print::CertificatePrint;
use crate::routes::Route;

/// The certificates entry.
pub const PAGES: EntryPages = EntryPages {
    entry: SpaEntry::Certificates,
    page,
};

fn page(route: &Route) -> Html {
    match route {
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
