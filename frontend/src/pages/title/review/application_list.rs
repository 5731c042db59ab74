//! Application lists: 个人职称申报 (the applicant's own, with 新建申报) and the one queue page of
//! every review stage (单位内部核验, 单位推荐上报, 上级单位流转, 材料接收, 政策性审查, 政策性审查复审):
//! filters, 待办 / 全部, a paginated table with row checkboxes, batch actions on what every
//! checked row allows, and each item's batch result.

use std::collections::BTreeSet;

use shared::application::{ApplicationSummary, BatchActionResponse, BatchItem, Level, Series};
use shared::workflow::{Action, Stage};
use yew::prelude::*;
use yew_router::prelude::*;

use super::action_dialog::{ActionDialog, Outcome, Target};
use super::application_detail::stage_tag;
use super::workflow_rules::{common_actions, queue_module};
use crate::api::{self, applications::AppFilter};
use crate::components::alert::{flash_view, Flash};
use crate::components::form::{enum_options, FormValues, SelectField, TextField};
use crate::components::pager::Pager;
use crate::components::table;
use crate::hooks::use_load;
use crate::i18n::{fill, fill_n, t, use_i18n, I18n, Key};
use crate::pages::format::local_time;
use crate::routes::Route;
use crate::state::session::use_session;

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMode {
    /// The applicant's own applications.
    Mine,
    /// The queue of a stage.
    Queue(Stage),
}

impl ListMode {
    fn base_filter(self) -> AppFilter {
        match self {
            ListMode::Mine => AppFilter::default(),
            ListMode::Queue(stage) => AppFilter {
                stage: Some(stage),
                todo: true,
                ..AppFilter::default()
            },
        }
    }
}

/// Props of [`ApplicationList`].
#[derive(Properties, PartialEq)]
pub struct ApplicationListProps {
    /// Which list.
    pub mode: ListMode,
}

/// The list page.
#[component]
pub fn ApplicationList(props: &ApplicationListProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let locale = i18n.locale;
    let mode = props.mode;
    let filter = use_state(|| mode.base_filter());
    let flash = use_state(|| None::<Flash>);
    let checked = use_state(BTreeSet::<i64>::new);
    let dialog = use_state(|| None::<(Action, Vec<BatchItem>)>);
    // The batch's answer with the names of its rows (they may leave the list afterwards).
    let results = use_state(|| None::<(BatchActionResponse, Vec<(i64, String)>)>);
    let batch_names = use_mut_ref(Vec::<(i64, String)>::new);
    let loaded = {
        let store = session.store.clone();
        use_load((*filter).clone(), move |f| async move {
            api::applications::list(&store, &f, locale).await
        })
    };
    let rows: Vec<ApplicationSummary> = table::page(&loaded)
        .map(|p| p.items.clone())
        .unwrap_or_default();

    let on_search = {
        let (filter, checked) = (filter.clone(), checked.clone());
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = FormValues::from_submit(&e) else {
                return;
            };
            checked.set(BTreeSet::new());
            filter.set(AppFilter {
                stage: Stage::parse(&form.text("filter-stage")),
                year: form.text("filter-year").parse().ok(),
                series: Series::parse(&form.text("filter-series")),
                level: Level::parse(&form.text("filter-level")),
                q: form.text("filter-q"),
                todo: form.opt("filter-todo").is_some(),
                ..mode.base_filter()
            });
        })
    };
    let on_reset = {
        let (filter, checked) = (filter.clone(), checked.clone());
        Callback::from(move |_: MouseEvent| {
            checked.set(BTreeSet::new());
            filter.set(mode.base_filter());
        })
    };
    let on_page = {
        let (filter, checked) = (filter.clone(), checked.clone());
        Callback::from(move |page: u32| {
            checked.set(BTreeSet::new());
            filter.set(AppFilter {
                page,
                ..(*filter).clone()
            });
        })
    };
    let toggle = |id: i64| {
        let checked = checked.clone();
        Callback::from(move |_: Event| {
            let mut next = (*checked).clone();
            if !next.remove(&id) {
                next.insert(id);
            }
            checked.set(next);
        })
    };
    let all_ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let all_checked = !all_ids.is_empty() && all_ids.iter().all(|id| checked.contains(id));
    let toggle_all = {
        let (checked, ids) = (checked.clone(), all_ids.clone());
        Callback::from(move |_: Event| {
            checked.set(if all_checked {
                BTreeSet::new()
            } else {
                ids.iter().copied().collect()
            });
        })
    };
    let selected: Vec<&ApplicationSummary> =
        rows.iter().filter(|r| checked.contains(&r.id)).collect();
    let allowed: Vec<&[Action]> = selected
        .iter()
        .map(|r| r.allowed_actions.as_slice())
        .collect();
    let batch_actions = common_actions(&allowed);
    let open_batch = |action: Action| {
        let (dialog, flash, results) = (dialog.clone(), flash.clone(), results.clone());
        let names: Vec<(i64, String)> = selected.iter().map(|r| (r.id, r.name.clone())).collect();
        let batch_names = batch_names.clone();
        let items: Vec<BatchItem> = selected
            .iter()
            .map(|r| BatchItem {
                id: r.id,
                version: r.version,
            })
            .collect();
        Callback::from(move |_: MouseEvent| {
            flash.set(None);
            results.set(None);
            *batch_names.borrow_mut() = names.clone();
            dialog.set(Some((action, items.clone())));
        })
    };
    let on_close = {
        let dialog = dialog.clone();
        Callback::from(move |()| dialog.set(None))
    };
    let on_done = {
        let batch_names = batch_names.clone();
        let (dialog, flash, results, checked, reload) = (
            dialog.clone(),
            flash.clone(),
            results.clone(),
            checked.clone(),
            loaded.reload.clone(),
        );
        Callback::from(move |outcome: Outcome| {
            dialog.set(None);
            checked.set(BTreeSet::new());
            match outcome {
                Outcome::Many(r) => {
                    let text = fill_n(
                        t(locale, Key::WfBatchDone),
                        &[&r.succeeded.to_string(), &r.failed.to_string()],
                    );
                    flash.set(Some(if r.failed == 0 {
                        Flash::Success(text)
                    } else {
                        Flash::Error(text)
                    }));
                    results.set(Some((r, batch_names.borrow().clone())));
                }
                Outcome::One(app) => flash.set(Some(Flash::Success(fill_n(
                    t(locale, Key::WfActionDone),
                    &[&app.name, app.stage.label(locale)],
                )))),
                Outcome::Stale(message) => flash.set(Some(Flash::Error(message))),
            }
            reload.emit(());
        })
    };
    let dialog_view = (*dialog).clone().map(|(action, items)| {
        html! { <ActionDialog {action} target={Target::Many(items)} {on_done} {on_close} /> }
    });

    let queue = matches!(mode, ListMode::Queue(_));
    let row = |r: &ApplicationSummary| {
        let open = html! {
            <Link<Route> to={Route::ApplicationDetail { id: r.id }} classes="link-button">
                <span data-testid={format!("open-{}", r.id)}>{ i18n.t(if queue { Key::WfHandle } else { Key::WfView }) }</span>
            </Link<Route>>
        };
        if queue {
            html! {
                <tr key={r.id.to_string()} data-testid={format!("row-{}", r.id)} data-stage={r.stage.as_str()}>
                    <td class="cell-check">
                        <input type="checkbox" checked={checked.contains(&r.id)} onchange={toggle(r.id)}
                            aria-label={fill(i18n.t(Key::WfCheckRow), &r.name)} data-testid={format!("check-{}", r.id)} />
                    </td>
                    <td class="cell-name">{ &r.name }</td>
                    <td class="cell-mono">{ &r.id_number }</td>
                    <td>{ &r.employer }</td>
                    <td>{ r.series.label(locale) }<div class="cell-sub">{ &r.specialty }</div></td>
                    <td>{ r.level.label(locale) }</td>
                    <td>{ &r.qualification }</td>
                    <td>{ stage_tag(&i18n, r.stage, None) }</td>
                    <td>{ &r.holder_unit }</td>
                    <td class="cell-time">{ local_time(&r.updated_at) }</td>
                    <td>{ open }</td>
                </tr>
            }
        } else {
            html! {
                <tr key={r.id.to_string()} data-testid={format!("row-{}", r.id)} data-stage={r.stage.as_str()}>
                    <td>{ r.year }</td>
                    <td>{ &r.qualification }<div class="cell-sub">{ r.series.label(locale) }{ " · " }{ &r.specialty }</div></td>
                    <td>{ r.level.label(locale) }</td>
                    <td>{ stage_tag(&i18n, r.stage, None) }</td>
                    <td>{ &r.holder_unit }</td>
                    <td class="cell-time">{ local_time(&r.updated_at) }</td>
                    <td><div class="row-actions">
                        if r.stage.is_editable() && r.allowed_actions.iter().any(|a| matches!(a, Action::Submit | Action::SubmitSupplement)) {
                            <Link<Route> to={Route::EditApplication { id: r.id }} classes="link-button">
                                <span data-testid={format!("edit-{}", r.id)}>{ i18n.t(Key::Edit) }</span>
                            </Link<Route>>
                        }
                        { open }
                    </div></td>
                </tr>
            }
        }
    };
    let heading = match mode {
        ListMode::Mine => shared::Module::MyApplications.name(locale),
        ListMode::Queue(stage) => {
            queue_module(stage).map_or_else(|| stage.label(locale), |m| m.name(locale))
        }
    };
    let columns = if queue { 11 } else { 7 };
    html! {
        <section class="page" data-testid={if queue { "page-queue" } else { "page-my-applications" }}>
            <div class="page-heading">
                <h1 class="page-title">{ heading }</h1>
                <div class="page-actions">
                    if !queue {
                        <Link<Route> to={Route::NewApplication} classes="button button-primary">
                            <span data-testid="new-application">{ i18n.t(Key::WfNewApplication) }</span>
                        </Link<Route>>
                    }
                </div>
            </div>
            { flash_view(flash.as_ref()) }
            if queue {
                { filter_bar(&i18n, &filter, on_search, on_reset) }
                <div class="batch-bar" role="group" aria-label={i18n.t(Key::WfBatchLabel)} data-testid="batch-bar">
                    <span class="muted">{ fill(i18n.t(Key::WfChecked), &selected.len().to_string()) }</span>
                    { for batch_actions.iter().map(|&action| html! {
                        <button type="button" class="button button-small"
                            data-testid={format!("batch-{}", action.as_str())} onclick={open_batch(action)}>
                            { fill(i18n.t(Key::WfBatchPrefix), action.label(locale)) }
                        </button>
                    }) }
                </div>
                if let Some((r, names)) = &*results {
                    { batch_results(&i18n, r, names) }
                }
            }
            <div class="panel panel-table">
                <table class="table" data-testid={if queue { "apps-table" } else { "my-apps" }} aria-busy={loaded.busy.to_string()}>
                    <thead>
                        if queue {
                            <tr>
                                <th scope="col" class="cell-check">
                                    <input type="checkbox" checked={all_checked} onchange={toggle_all}
                                        aria-label={i18n.t(Key::WfCheckAll)} data-testid="check-all" />
                                </th>
                                <th scope="col">{ i18n.t(Key::AccountDisplayName) }</th>
                                <th scope="col">{ i18n.t(Key::AccountIdNumber) }</th>
                                <th scope="col">{ i18n.t(Key::WfEmployer) }</th>
                                <th scope="col">{ i18n.t(Key::WfSeriesSpecialty) }</th>
                                <th scope="col">{ i18n.t(Key::WfLevel) }</th>
                                <th scope="col">{ i18n.t(Key::WfQualification) }</th>
                                <th scope="col">{ i18n.t(Key::WfStage) }</th>
                                <th scope="col">{ i18n.t(Key::WfHolder) }</th>
                                <th scope="col">{ i18n.t(Key::WfUpdatedAt) }</th>
                                <th scope="col">{ i18n.t(Key::Actions) }</th>
                            </tr>
                        } else {
                            <tr>
                                <th scope="col">{ i18n.t(Key::WfYear) }</th>
                                <th scope="col">{ i18n.t(Key::WfQualification) }</th>
                                <th scope="col">{ i18n.t(Key::WfLevel) }</th>
                                <th scope="col">{ i18n.t(Key::WfStage) }</th>
                                <th scope="col">{ i18n.t(Key::WfHolder) }</th>
                                <th scope="col">{ i18n.t(Key::WfUpdatedAt) }</th>
                                <th scope="col">{ i18n.t(Key::Actions) }</th>
                            </tr>
                        }
                    </thead>
                    <tbody>{ table::rows(&i18n, &loaded, columns, row) }</tbody>
                </table>
                if let Some(page) = table::page(&loaded) {
                    <Pager page={page.page} per_page={page.per_page} total={page.total} {on_page} />
                }
            </div>
            { for dialog_view }
        </section>
    }
}

fn filter_bar(
    i18n: &I18n,
    filter: &AppFilter,
    onsubmit: Callback<SubmitEvent>,
    on_reset: Callback<MouseEvent>,
) -> Html {
    let locale = i18n.locale;
    html! {
        <form class="filter-bar" role="search" aria-label={i18n.t(Key::FilterLabel)} {onsubmit}>
            <TextField name="filter-q" label={i18n.t(Key::WfNameOrId)} value={filter.q.clone()} />
            <TextField name="filter-year" label={i18n.t(Key::WfYear)} input_type="number"
                value={filter.year.map(|y| y.to_string()).unwrap_or_default()} />
            <SelectField name="filter-stage" label={i18n.t(Key::WfStage)}
                options={enum_options(Stage::ALL, Stage::as_str, |s| s.label(locale))}
                selected={filter.stage.map_or("", Stage::as_str)} empty={i18n.t(Key::All)} />
            <SelectField name="filter-series" label={i18n.t(Key::WfSeries)}
                options={enum_options(Series::ALL, Series::as_str, |s| s.label(locale))}
                selected={filter.series.map_or("", Series::as_str)} empty={i18n.t(Key::All)} />
            <SelectField name="filter-level" label={i18n.t(Key::WfLevel)}
                options={enum_options(Level::ALL, Level::as_str, |s| s.label(locale))}
                selected={filter.level.map_or("", Level::as_str)} empty={i18n.t(Key::All)} />
            <label class="check filter-check">
                <input type="checkbox" name="filter-todo" value="true" checked={filter.todo} data-testid="filter-todo" />
                { i18n.t(Key::WfTodoOnly) }
            </label>
            <div class="filter-actions">
                <button type="submit" class="button button-primary" data-testid="btn-search">{ i18n.t(Key::Search) }</button>
                <button type="reset" class="button" data-testid="btn-reset" onclick={on_reset}>{ i18n.t(Key::Reset) }</button>
            </div>
        </form>
    }
}

fn batch_results(i18n: &I18n, response: &BatchActionResponse, names: &[(i64, String)]) -> Html {
    let locale = i18n.locale;
    let name = |id: i64| {
        names
            .iter()
            .find(|(i, _)| *i == id)
            .map_or_else(|| format!("#{id}"), |(_, n)| n.clone())
    };
    html! {
        <div class="panel batch-results" data-testid="batch-results" role="status">
            <ul>
                { for response.results.iter().map(|r| html! {
                    <li data-testid={format!("batch-result-{}", r.id)} data-ok={r.ok.to_string()}>
                        <span class={if r.ok { "tag tag-success" } else { "tag tag-danger" }}>
                            { i18n.t(if r.ok { Key::WfBatchOk } else { Key::WfBatchFailed }) }
                        </span>
                        { " " }{ name(r.id) }{ " " }
                        if r.ok {
                            { r.stage.map(|s| format!("→ {}", s.label(locale))).unwrap_or_default() }
                        } else {
                            { r.message.clone().unwrap_or_default() }
                        }
                    </li>
                }) }
            </ul>
        </div>
    }
}
