//! 公示查询, the public site (no login): published and completed nominee, failure and result
//! batches, each with its people (ID numbers masked) and a report form while it accepts
//! reports.

use shared::publicity::{PublicBatch, PublicityKind};
use yew::prelude::*;

use crate::api;
use crate::components::alert::{flash_view, Flash};
use crate::components::form::SelectField;
use crate::components::nav_link::NavLink;
use crate::components::pager::Pager;
use crate::components::table;
use crate::hooks::{use_load, Load};
use crate::i18n::{use_i18n, Key};
use crate::kit::format::china_time;
use crate::kit::tags::{status_tag, Status};
use crate::pages::title::review::publicity::{period_text, ReportDialog, ReportSender};
use crate::routes::Route;

/// The kinds the public site shows.
const PUBLIC_KINDS: [PublicityKind; 3] = [
    PublicityKind::Nominee,
    PublicityKind::Failure,
    PublicityKind::Result,
];

/// The public list.
#[component]
pub fn PublicPublicity() -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let filter = use_state(|| (None::<PublicityKind>, 1_u32));
    let loaded = use_load(*filter, move |(kind, page)| async move {
        api::publicity::public_list(kind, page, locale).await
    });
    let on_kind = {
        let filter = filter.clone();
        Callback::from(move |value: String| filter.set((PublicityKind::parse(&value), 1)))
    };
    let on_page = {
        let filter = filter.clone();
        Callback::from(move |page: u32| filter.set((filter.0, page)))
    };
    let row = |b: &PublicBatch| {
        html! {
            <tr key={b.id} data-testid={format!("public-batch-{}", b.id)}>
                <td class="cell-name">
                    <NavLink to={Route::PublicPublicityBatch { id: b.id }} testid={format!("open-public-{}", b.id)}>
                        { &b.title }
                    </NavLink>
                    <span class="muted cell-sub">{ &b.unit }</span>
                </td>
                <td>{ b.kind.label(locale) }</td>
                <td>{ period_text(&b.period_start, &b.period_end) }</td>
                <td>{ status_tag(locale, Status::Publicity(b.status), None) }</td>
                <td class="cell-time">{ b.published_at.as_deref().map(china_time).unwrap_or_default() }</td>
            </tr>
        }
    };
    let kind_options = PUBLIC_KINDS
        .iter()
        .map(|k| (k.as_str().to_owned(), k.label(locale).to_owned()))
        .collect::<Vec<_>>();
    html! {
        <section class="page" data-testid="page-public-publicity">
            <div class="page-heading">
                <h1 class="page-title">{ i18n.t(Key::PublicHeading) }</h1>
            </div>
            <p class="muted page-intro">{ i18n.t(Key::PublicIntro) }</p>
            <div class="filter-bar" role="search" aria-label={i18n.t(Key::FilterLabel)}>
                <SelectField name="filter-kind" label={i18n.t(Key::PubKind)} options={kind_options}
                    selected={filter.0.map_or("", PublicityKind::as_str)} empty={i18n.t(Key::All)} onchange={on_kind} />
            </div>
            <div class="panel panel-table">
                <table class="table" data-testid="public-batches" aria-busy={loaded.busy.to_string()}>
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.t(Key::PubTitle) }</th>
                            <th scope="col">{ i18n.t(Key::PubKind) }</th>
                            <th scope="col">{ i18n.t(Key::PubPeriod) }</th>
                            <th scope="col">{ i18n.t(Key::StatusLabel) }</th>
                            <th scope="col">{ i18n.t(Key::PubPublishedAt) }</th>
                        </tr>
                    </thead>
                    <tbody>{ table::rows(&i18n, &loaded, 5, row) }</tbody>
                </table>
                if let Some(page) = table::page(&loaded) {
                    <Pager page={page.page} per_page={page.per_page} total={page.total} {on_page} />
                }
            </div>
        </section>
    }
}

/// Props of [`PublicPublicityBatch`].
#[derive(Properties, PartialEq)]
pub struct PublicBatchProps {
    /// The batch.
    pub id: i64,
}

/// One public batch with its people and the report form.
#[component]
pub fn PublicPublicityBatch(props: &PublicBatchProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let loaded = use_load(props.id, move |id| async move {
        api::publicity::public_get(id, locale).await
    });
    let flash = use_state(|| None::<Flash>);
    let reporting = use_state(|| None::<i64>);
    let back = html! {
        <NavLink to={Route::PublicPublicity} classes="button" testid="back-to-public">{ i18n.t(Key::PubBack) }</NavLink>
    };
    let detail = match &loaded.state {
        Load::Loading => {
            return html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> }
        }
        Load::Failed(e) => {
            return html! {
                <section class="page" data-testid="page-public-batch">
                    { table::load_error(&i18n, e, &loaded.reload) }
                    { back }
                </section>
            }
        }
        Load::Ready(detail) => detail.clone(),
    };
    let b = &detail.batch;
    let open = |id: i64| {
        let (reporting, flash) = (reporting.clone(), flash.clone());
        Callback::from(move |_: MouseEvent| {
            flash.set(None);
            reporting.set(Some(id));
        })
    };
    let close = {
        let reporting = reporting.clone();
        Callback::from(move |()| reporting.set(None))
    };
    let done = {
        let (reporting, flash) = (reporting.clone(), flash.clone());
        Callback::from(move |message: Flash| {
            reporting.set(None);
            flash.set(Some(message));
        })
    };
    let rows = detail
        .items
        .iter()
        .map(|item| {
            html! {
                <tr key={item.application_id} data-testid={format!("item-{}", item.application_id)}>
                    <td class="cell-name">{ &item.name }</td>
                    <td class="cell-mono">{ &item.id_number }</td>
                    <td>{ &item.employer }</td>
                    <td>{ item.series.label(locale) }<span class="muted cell-sub">{ &item.specialty }</span></td>
                    <td>
                        { item.level.label(locale) }<span class="muted cell-sub">{ &item.qualification }</span>
                        if let Some(outcome) = item.outcome {
                            <span class="tag tag-success" data-testid={format!("outcome-{}", item.application_id)}>
                                { outcome.label(locale) }
                            </span>
                        }
                    </td>
                    <td>
                        if b.accepting_reports {
                            <button type="button" class="link-button" data-testid={format!("report-{}", item.application_id)}
                                onclick={open(item.application_id)}>
                                { i18n.t(Key::PubReport) }
                            </button>
                        }
                    </td>
                </tr>
            }
        })
        .collect::<Html>();
    html! {
        <section class="page" data-testid="page-public-batch">
            <div class="page-heading">
                <h1 class="page-title">{ &b.title }</h1>
                <div class="page-actions">{ back }</div>
            </div>
            { flash_view(flash.as_ref()) }
            <div class="panel">
                <dl class="facts">
                    <dt>{ i18n.t(Key::PubKind) }</dt>
                    <dd>{ b.kind.label(locale) }</dd>
                    <dt>{ i18n.t(Key::PubUnit) }</dt>
                    <dd>{ &b.unit }</dd>
                    <dt>{ i18n.t(Key::PubPeriod) }</dt>
                    <dd>{ period_text(&b.period_start, &b.period_end) }</dd>
                    <dt>{ i18n.t(Key::StatusLabel) }</dt>
                    <dd>{ status_tag(locale, Status::Publicity(b.status), None) }</dd>
                </dl>
                <p class="pre-wrap">{ &b.content }</p>
                <p class="muted">{ i18n.t(if b.accepting_reports { Key::PublicReportOpen } else { Key::PublicReportClosed }) }</p>
            </div>
            <div class="panel panel-table">
                <table class="table" data-testid="public-items">
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.t(Key::AccountDisplayName) }</th>
                            <th scope="col">{ i18n.t(Key::AccountIdNumber) }</th>
                            <th scope="col">{ i18n.t(Key::PubEmployer) }</th>
                            <th scope="col">{ i18n.t(Key::PubSeriesSpecialty) }</th>
                            <th scope="col">{ i18n.t(Key::PubLevelQualification) }</th>
                            <th scope="col">{ i18n.t(Key::Actions) }</th>
                        </tr>
                    </thead>
                    <tbody>{ rows }</tbody>
                </table>
            </div>
            if let Some(app) = *reporting {
                <ReportDialog send={public_sender(b.id)}
                    items={detail.items.iter().map(|i| (i.application_id, i.name.clone())).collect::<Vec<_>>()}
                    selected={app} on_done={done} on_close={close} />
            }
        </section>
    }
}

/// The public site's way of filing a report on batch `batch`: no session.
fn public_sender(batch: i64) -> ReportSender {
    ReportSender(std::rc::Rc::new(move |request, locale| {
        Box::pin(async move { api::publicity::public_report(batch, &request, locale).await })
    }))
}
