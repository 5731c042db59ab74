//! 我的证书 (`GET /api/v1/my/certificates`): the applicant's own certificates on the page they
//! land on (个人职称申报), each with 打印 to its A4 page.

use shared::certificates::Certificate;
use yew::prelude::*;

use crate::api;
use crate::components::nav_link::NavLink;
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{t, use_i18n, Key};
use crate::kit::list::{col, static_table, text_col};
use crate::kit::tags::{status_tag, Status};
use crate::routes::Route;

/// The panel (`my-certificates`, table `my-certificates-table`, `row-<id>`, `print-<id>`).
#[component]
pub fn MyCertificates() -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let loaded = use_load(
        (),
        move |()| async move { api::certificates::mine(&api).await },
    );
    let body = match &loaded.state {
        Load::Loading => {
            html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> }
        }
        Load::Failed(e) => crate::components::table::load_error(&i18n, e, &loaded.reload),
        Load::Ready(rows) if rows.is_empty() => html! {
            <p class="empty-state" data-testid="my-certificates-empty">{ i18n.t(Key::CertMineEmpty) }</p>
        },
        Load::Ready(rows) => {
            let columns = vec![
                text_col(i18n.t(Key::CertNumber), |c: &Certificate| &c.number).class("cell-mono"),
                col(i18n.t(Key::CertQualification), move |c: &Certificate| {
                    html! { <>{ &c.qualification }<span class="muted cell-sub">{ format!("{} · {}", c.series.label(locale), c.level.label(locale)) }</span></> }
                }),
                text_col(i18n.t(Key::CertCommittee), |c: &Certificate| &c.committee),
                text_col(i18n.t(Key::CertApprovalDate), |c: &Certificate| {
                    &c.approval_date
                })
                .class("cell-time"),
                col(i18n.t(Key::StatusLabel), move |c: &Certificate| {
                    status_tag(locale, Status::Certificate(c.status), None)
                }),
                col(i18n.t(Key::Actions), move |c: &Certificate| {
                    html! {
                        <NavLink to={Route::CertificatePrint { id: c.id }} classes="link-button" testid={format!("print-{}", c.id)}>
                            { t(locale, Key::KitPrint) }
                        </NavLink>
                    }
                }),
            ];
            static_table(
                locale,
                "my-certificates-table",
                Some(i18n.t(Key::CertMine)),
                &columns,
                rows,
            )
        }
    };
    html! {
        <section class="panel no-print cert-mine" data-testid="my-certificates" aria-labelledby="my-certificates-title">
            <h2 class="panel-title" id="my-certificates-title">{ i18n.t(Key::CertMine) }</h2>
            { body }
        </section>
    }
}
