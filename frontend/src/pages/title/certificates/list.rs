//! The certificate list of a unit (`GET /api/v1/certificates`, its subtree): 证书核验 shows every
//! certificate with the 核验 dialog; 证书补录 the backfilled (or imported) ones with 补录 and
//! 撤销. Filters in the URL: year, series, level, unit, status, source, name or number. Each
//! row prints on A4 (打印 → the print page); the list exports and prints through the kit.

use shared::application::{Level, Series};
use shared::certificates::{Certificate, CertificateSource, CertificateStatus};
use shared::Module;
use yew::prelude::*;

use super::backfill::{BackfillDialog, RevokeDialog};
use super::verify::VerifyDialog;
use crate::api::certificates::LIST;
use crate::components::form::enum_options;
use crate::components::nav_link::NavLink;
use crate::i18n::{t, use_i18n, I18n, Key, Locale};
use crate::kit::filters::{choice, enum_select, number, select, text, unit, FilterDef};
use crate::kit::list::{col, id_row, text_col, use_list_dialogs, Column, ListPage};
use crate::kit::tags::{status_tag, Status};
use crate::routes::Route;

/// Which screen the list is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertMode {
    /// 证书核验: every certificate, the 核验 dialog.
    Verify,
    /// 证书补录: backfilled (or imported) certificates, 补录 and 撤销.
    Backfill,
}

id_row!(Certificate, status = status);

/// Whether a certificate may be revoked here: a valid backfilled or imported one (a reviewed
/// one is revoked through its application's 职称撤销).
pub fn revocable(c: &Certificate) -> bool {
    c.status == CertificateStatus::Valid && c.source != CertificateSource::Review
}

#[derive(Clone, PartialEq, Default)]
enum Dialog {
    #[default]
    None,
    Verify,
    Backfill,
    Revoke(Box<Certificate>),
}

/// Props of [`CertificateList`].
#[derive(Properties, PartialEq)]
pub struct CertificateListProps {
    /// Which screen.
    pub mode: CertMode,
}

/// The list screen (`list-certificates`, `list-backfilled-certificates`).
#[component]
pub fn CertificateList(props: &CertificateListProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let (control, dialog, open, close, finish) = use_list_dialogs::<Dialog>();
    let mode = props.mode;
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Verify => html! { <VerifyDialog on_close={close} /> },
        Dialog::Backfill => html! { <BackfillDialog on_done={finish} on_close={close} /> },
        Dialog::Revoke(c) => html! {
            <RevokeDialog certificate={(**c).clone()} on_done={finish} on_close={close} />
        },
    };
    let mut columns = columns(&i18n);
    let to = open.clone();
    columns.push(col(i18n.t(Key::Actions), move |c: &Certificate| {
        let id = c.id;
        let revoke = Dialog::Revoke(Box::new(c.clone()));
        html! { <div class="row-actions">
            <NavLink to={Route::CertificatePrint { id }} classes="link-button" testid={format!("print-{id}")}>
                { t(locale, Key::KitPrint) }
            </NavLink>
            if mode == CertMode::Backfill && revocable(c) {
                <button type="button" class="link-button link-danger" data-testid={format!("revoke-{id}")}
                    onclick={to.reform(move |_| revoke.clone())}>{ t(locale, Key::CertRevoke) }</button>
            }
        </div> }
    }));
    let (name, title, new_label, source_filter, new) = match mode {
        CertMode::Verify => (
            "certificates",
            Module::CertificateVerify.name(locale),
            Key::CertVerify,
            vec![select(
                "source",
                i18n.t(Key::CertSource),
                enum_options(CertificateSource::ALL, CertificateSource::as_str, |s| {
                    s.label(locale)
                }),
            )],
            Dialog::Verify,
        ),
        CertMode::Backfill => (
            "backfilled-certificates",
            Module::CertificateBackfill.name(locale),
            Key::CertBackfillNew,
            // 补录 by default; the imported ones are revoked here too.
            vec![choice(
                "source",
                i18n.t(Key::CertSource),
                [CertificateSource::Backfill, CertificateSource::Import]
                    .iter()
                    .map(|s| (s.as_str().to_owned(), s.label(locale).to_owned()))
                    .collect(),
                CertificateSource::Backfill.as_str().to_owned(),
            )],
            Dialog::Backfill,
        ),
    };
    let testid = match mode {
        CertMode::Verify => "btn-verify",
        CertMode::Backfill => "btn-backfill",
    };
    let actions = html! {
        <button type="button" class="button button-primary" data-testid={testid}
            onclick={open.reform(move |_| new.clone())}>{ i18n.t(new_label) }</button>
    };
    html! {
        <ListPage<Certificate> {name} {title} path={LIST} intro={i18n.t(Key::CertListIntro)}
            filters={filters(&i18n, locale, source_filter)} {columns} {actions} control={control.clone()}>
            { dialog_view }
        </ListPage<Certificate>>
    }
}

/// Year, series, level, unit, status, then the screen's source filter and the text.
fn filters(i18n: &I18n, locale: Locale, source: Vec<FilterDef>) -> Vec<FilterDef> {
    let mut filters = vec![
        number("year", i18n.t(Key::CertYear)),
        enum_select::<Series>("series", i18n.t(Key::WfSeries), locale),
        enum_select::<Level>("level", i18n.t(Key::WfLevel), locale),
        unit("unit_id", i18n.t(Key::CertUnit)),
        select(
            "status",
            i18n.t(Key::StatusLabel),
            enum_options(CertificateStatus::ALL, CertificateStatus::as_str, |s| {
                s.label(locale)
            }),
        ),
    ];
    filters.extend(source);
    filters.push(text("q", i18n.t(Key::CertQuery)));
    filters
}

/// The columns every certificate list shows.
fn columns(i18n: &I18n) -> Vec<Column<Certificate>> {
    let locale = i18n.locale;
    vec![
        text_col(i18n.t(Key::CertNumber), |c: &Certificate| &c.number).class("cell-mono"),
        text_col(i18n.t(Key::CertHolder), |c: &Certificate| &c.holder_name).class("cell-name"),
        text_col(i18n.t(Key::CertIdNumber), |c: &Certificate| &c.id_number).class("cell-mono"),
        col(i18n.t(Key::CertQualification), |c: &Certificate| {
            html! { <>{ &c.qualification }<span class="muted cell-sub">{ &c.specialty }</span></> }
        }),
        col(i18n.t(Key::WfLevel), move |c: &Certificate| {
            html! { { c.level.label(locale) } }
        }),
        text_col(i18n.t(Key::CertEmployer), |c: &Certificate| &c.employer),
        text_col(i18n.t(Key::CertCommittee), |c: &Certificate| &c.committee),
        text_col(i18n.t(Key::CertApprovalDate), |c: &Certificate| {
            &c.approval_date
        })
        .class("cell-time"),
        col(i18n.t(Key::CertSource), move |c: &Certificate| {
            status_tag(locale, Status::CertificateSource(c.source), Some("source"))
        }),
        col(i18n.t(Key::StatusLabel), move |c: &Certificate| {
            status_tag(locale, Status::Certificate(c.status), None)
        }),
    ]
}
