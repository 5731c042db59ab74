//! Application lists on the kit: 个人职称申报 (the applicant's own, with 新建申报) and the one queue
//! page of every review stage: filters, 待办 / 全部, sorting, checked rows with the batch actions
//! every checked row allows, and each item's batch result.

use shared::application::{ApplicationSummary, BatchActionResponse, BatchItem, Level, Series};
use shared::workflow::{Action, Stage};
use yew::prelude::*;
use yew_router::prelude::*;

use super::action_dialog::{ActionDialog, Outcome, Target};
use super::workflow_rules::{common_actions, queue_module};
use crate::components::alert::Flash;
use crate::i18n::{fill, fill_n, t, use_i18n, I18n, Key};
use crate::kit::filters::{check, enum_select, number, text, unit, year_series_level};
use crate::kit::format::china_time;
use crate::kit::list::{col, id_row, text_col, use_list_control, Batch, Column, ListPage};
use crate::kit::tags::{status_tag, Status};
use crate::pages::title::certificates::mine::MyCertificates;
use crate::routes::Route;

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMode {
    /// The applicant's own applications.
    Mine,
    /// The queue of a stage.
    Queue(Stage),
}

/// Props of [`ApplicationList`].
#[derive(Properties, PartialEq)]
pub struct ApplicationListProps {
    /// Which list.
    pub mode: ListMode,
}

type Results = (BatchActionResponse, Vec<(i64, String)>);

/// The list page.
#[component]
pub fn ApplicationList(props: &ApplicationListProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let control = use_list_control();
    let dialog = use_state(|| None::<(Action, Target, Vec<(i64, String)>)>);
    let results = use_state(|| None::<Results>);
    let ListMode::Queue(stage) = props.mode else {
        let new = html! { <Link<Route> to={Route::NewApplication} classes="button button-primary">
        <span data-testid="new-application">{ i18n.t(Key::WfNewApplication) }</span></Link<Route>> };
        // 年度 and 阶段 (issue 9 point 9), kept in the URL and sent to the export.
        let filters = vec![
            number("year", i18n.t(Key::WfYear)),
            enum_select::<Stage>("stage", i18n.t(Key::WfStage), locale),
        ];
        // 我的证书 under the applications: the applicant's landing page (issue 12).
        return html! { <ListPage<ApplicationSummary> name="my-apps" title={shared::Module::MyApplications.name(locale)}
        path="/api/v1/applications" {filters} columns={mine_columns(&i18n)} actions={new}>
            <MyCertificates />
        </ListPage<ApplicationSummary>> };
    };
    let batch = {
        let (dialog, results, control) = (dialog.clone(), results.clone(), control.clone());
        std::rc::Rc::new(move |rows: &[&ApplicationSummary]| {
            let allowed: Vec<&[Action]> =
                rows.iter().map(|r| r.allowed_actions.as_slice()).collect();
            let items: Vec<BatchItem> = rows
                .iter()
                .map(|r| BatchItem {
                    id: r.id,
                    version: r.version,
                })
                .collect();
            let kinds: Vec<(Series, Level)> = rows.iter().map(|r| (r.series, r.level)).collect();
            let names: Vec<(i64, String)> = rows.iter().map(|r| (r.id, r.name.clone())).collect();
            common_actions(&allowed).into_iter().map(|action| {
                let (dialog, results, control) = (dialog.clone(), results.clone(), control.clone());
                let target = Target::Many(items.clone(), kinds.clone());
                let names = names.clone();
                let open = Callback::from(move |_: MouseEvent| {
                    control.quiet();
                    results.set(None);
                    dialog.set(Some((action, target.clone(), names.clone())));
                });
                html! { <button type="button" class="button button-small" data-testid={format!("batch-{}", action.as_str())}
                    onclick={open}>{ fill(t(locale, Key::WfBatchPrefix), action.label(locale)) }</button> }
            }).collect::<Html>()
        })
    };
    let dialog_view = (*dialog).clone().map(|(action, target, names)| {
        let (dialog, results, control) = (dialog.clone(), results.clone(), control.clone());
        let on_close = {
            let dialog = dialog.clone();
            Callback::from(move |()| dialog.set(None))
        };
        let on_done = Callback::from(move |outcome: Outcome| {
            dialog.set(None);
            control.done(match outcome {
                Outcome::Many(r) => {
                    let text = fill_n(
                        t(locale, Key::WfBatchDone),
                        &[&r.succeeded.to_string(), &r.failed.to_string()],
                    );
                    let flash = if r.failed == 0 {
                        Flash::Success(text)
                    } else {
                        Flash::Error(text)
                    };
                    results.set(Some((r, names.clone())));
                    flash
                }
                Outcome::One(app) => Flash::Success(fill_n(
                    t(locale, Key::WfActionDone),
                    &[&app.name, app.stage.label(locale)],
                )),
                Outcome::Stale(message) => Flash::Error(message),
            });
        });
        html! { <ActionDialog {action} {target} {on_done} {on_close} /> }
    });
    let filters = vec![
        text("q", i18n.t(Key::WfNameOrId)),
        // The employer's subtree (the API's `unit`), issue 9 point 9.
        unit("unit", i18n.t(Key::WfEmployer)),
    ];
    let filters = filters
        .into_iter()
        .chain(year_series_level(&i18n))
        .chain([check("todo", i18n.t(Key::WfTodoOnly), true)])
        .collect::<Vec<_>>();
    let title = queue_module(stage).map_or_else(|| stage.label(locale), |m| m.name(locale));
    html! {
        <ListPage<ApplicationSummary> name="queue" {title} path="/api/v1/applications" {filters}
            actions={super::unit_started::queue_action(&i18n, stage)}
            fixed={vec![("stage", stage.as_str().to_owned())]} defaults={vec![("todo", "true")]}
            columns={queue_columns(&i18n)} batch={Some(batch as Batch<_>)} control={control.clone()}>
            if let Some((r, names)) = &*results { { batch_results(&i18n, r, names) } }
            { for dialog_view }
        </ListPage<ApplicationSummary>>
    }
}

id_row!(ApplicationSummary, status = stage);

fn open(i18n: &I18n, id: i64, queue: bool) -> Html {
    html! {
        <Link<Route> to={Route::ApplicationDetail { id }} classes="link-button">
            <span data-testid={format!("open-{id}")}>{ i18n.t(if queue { Key::WfHandle } else { Key::WfView }) }</span>
        </Link<Route>>
    }
}

/// 阶段, 当前办理单位 and 更新时间, the columns every application list ends with.
fn tail(i18n: &I18n) -> [Column<ApplicationSummary>; 3] {
    let locale = i18n.locale;
    [
        col(i18n.t(Key::WfStage), move |r: &ApplicationSummary| {
            html! { <>
                { status_tag(locale, Status::Stage(r.stage), None) }
                if r.resubmission && !r.stage.is_final() {
                    { " " }
                    <span class="tag tag-warning" data-testid="tag-resubmission">{ crate::i18n::t(locale, Key::RvResubmission) }</span>
                }
            </> }
        }),
        text_col(i18n.t(Key::WfHolder), |r: &ApplicationSummary| {
            &r.holder_unit
        }),
        updated_col(i18n).sort(&["-updated"]),
    ]
}

/// 年度 of an application (every list of applications).
pub fn year_col(i18n: &I18n) -> Column<ApplicationSummary> {
    col(
        i18n.t(Key::WfYear),
        |r: &ApplicationSummary| html! { { r.year } },
    )
}

/// 更新时间 of an application, China time (every list of applications).
pub fn updated_col(i18n: &I18n) -> Column<ApplicationSummary> {
    col(
        i18n.t(Key::WfUpdatedAt),
        |r: &ApplicationSummary| html! { { china_time(&r.updated_at) } },
    )
    .class("cell-time")
}

fn mine_columns(i18n: &I18n) -> Vec<Column<ApplicationSummary>> {
    let (locale, i) = (i18n.locale, i18n.clone());
    let mut columns = vec![
        year_col(i18n),
        col(
            i18n.t(Key::WfQualification),
            move |r: &ApplicationSummary| {
                html! { <>{ &r.qualification }
                if r.started_by_unit { { " " }{ crate::kit::tags::text_tag(t(locale, Key::UsStartedTag), crate::kit::tags::Tone::Info) } }
                <div class="cell-sub">{ r.series.label(locale) }{ " · " }{ &r.specialty }</div></> }
            },
        ),
        col(
            i18n.t(Key::WfLevel),
            move |r: &ApplicationSummary| html! { { r.level.label(locale) } },
        ),
    ];
    columns.extend(tail(i18n));
    columns.push(col(i18n.t(Key::Actions), move |r: &ApplicationSummary| {
        let editable = r.stage.is_editable()
            && r.allowed_actions
                .iter()
                .any(|a| matches!(a, Action::Submit | Action::SubmitSupplement));
        html! { <div class="row-actions">
            if editable {
                <Link<Route> to={Route::EditApplication { id: r.id }} classes="link-button">
                    <span data-testid={format!("edit-{}", r.id)}>{ i.t(Key::Edit) }</span>
                </Link<Route>>
            }
            { open(&i, r.id, false) }
        </div> }
    }));
    columns
}

fn queue_columns(i18n: &I18n) -> Vec<Column<ApplicationSummary>> {
    let (locale, i) = (i18n.locale, i18n.clone());
    let mut columns = vec![
        // Submission order (the API's `id` / `-id`, newest first by default).
        col(
            i18n.t(Key::AttAppNo),
            |r: &ApplicationSummary| html! { { r.id } },
        )
        .class("cell-mono")
        .sort(&["id", "-id"]),
        text_col(i18n.t(Key::AccountDisplayName), |r: &ApplicationSummary| {
            &r.name
        })
        .class("cell-name")
        .sort(&["name"]),
        text_col(i18n.t(Key::AccountIdNumber), |r: &ApplicationSummary| {
            &r.id_number
        })
        .class("cell-mono"),
        text_col(i18n.t(Key::WfEmployer), |r: &ApplicationSummary| {
            &r.employer
        }),
        col(
            i18n.t(Key::WfSeriesSpecialty),
            move |r: &ApplicationSummary| {
                html! { <>{ r.series.label(locale) }
                <div class="cell-sub">{ &r.specialty }</div></> }
            },
        ),
        col(
            i18n.t(Key::WfLevel),
            move |r: &ApplicationSummary| html! { { r.level.label(locale) } },
        ),
        text_col(i18n.t(Key::WfQualification), |r: &ApplicationSummary| {
            &r.qualification
        }),
    ];
    columns.extend(tail(i18n));
    // 处理 only where the caller can act; a final row is only looked at.
    columns.push(col(i18n.t(Key::Actions), move |r: &ApplicationSummary| {
        open(&i, r.id, !r.allowed_actions.is_empty())
    }));
    columns
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
