//! 公示 (SPEC §4.3): one set of screens for every kind: 申报公示 (`application`, the employer),
//! 拟送评人员名单公示 (`nominee`) and 审查未通过公示 (`failure`, the policy-review account), and
//! 评审结果公示 (`result`). The batch list with its status in colour, and the batch with its
//! applications (ID numbers masked) and reports; new / edit, 发布公示, 完成公示, 举报, 处理举报.

use std::rc::Rc;

use shared::publicity::{
    CompleteBlocked, FileReportRequest, PublicityBatch, PublicityBatchDetail, PublicityItem,
    PublicityKind, PublicityReport, PublicityStatus, ReportOutcome, ResolveReportRequest,
};
use shared::Locale;
use yew::prelude::*;

use super::publicity_form::BatchForm;
use super::publicity_rules::module_of;
use crate::api;
use crate::components::alert::{flash_view, Flash};
use crate::components::form::{FormValues, SelectField};
use crate::components::nav_link::NavLink;
use crate::hooks::{use_api, use_api_load, Load};
use crate::i18n::{fill, fill_n, t, use_i18n, Key};
use crate::kit::detail::load_failed;
use crate::kit::dialog::{use_pending, use_submit, FormDialog, Refusal};
use crate::kit::fields::{OpinionField, TextField};
use crate::kit::filters::status_year_series_level;
use crate::kit::format::china_time;
use crate::kit::list::{
    col, dialog_handles, id_row, row_button, row_buttons, static_table, text_col, use_list_control,
    use_list_dialogs, Column, ListPage, Row,
};
use crate::kit::tags::{status_tag, text_tag, Status, Tone};
use crate::routes::Route;
use crate::state::session::use_session;

/// `start ~ end`.
pub fn period_text(start: &str, end: &str) -> String {
    format!("{start} ~ {end}")
}

/// 发布公示 or 完成公示.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// draft → published.
    Publish,
    /// published → completed.
    Complete,
}

impl Step {
    /// The API path segment (and the button's test id prefix).
    pub fn wire(self) -> &'static str {
        match self {
            Step::Publish => "publish",
            Step::Complete => "complete",
        }
    }

    /// The step a batch in `status` is ready for, if the caller owns it.
    pub fn next(batch: &PublicityBatch) -> Option<Step> {
        match (batch.can_manage, batch.status) {
            (true, PublicityStatus::Draft) => Some(Step::Publish),
            (true, PublicityStatus::Published) => Some(Step::Complete),
            _ => None,
        }
    }

    fn label(self) -> Key {
        match self {
            Step::Publish => Key::PubPublish,
            Step::Complete => Key::PubComplete,
        }
    }
}

/// The open dialog of the list and the batch page.
#[derive(Clone, PartialEq, Default)]
enum Dialog {
    #[default]
    None,
    New,
    Edit(Rc<PublicityBatchDetail>),
    Step(PublicityBatch, Step),
    Report(i64),
    Resolve(PublicityReport),
    Unit(PublicityItem),
}

/// The button of a batch's next step. 完成公示 is disabled while the server says it would be
/// refused (`complete_blocked`, by the server's clock: the period runs, or reports are open),
/// with the reason beside it.
fn step_button(locale: Locale, batch: &PublicityBatch, open: &Callback<Dialog>) -> Html {
    let Some(step) = Step::next(batch) else {
        return Html::default();
    };
    let blocked = (step == Step::Complete)
        .then_some(batch.complete_blocked.as_ref())
        .flatten()
        .map(|b| match b {
            CompleteBlocked::PeriodRunning { from } => fill_n(
                t(locale, Key::PubCompleteNotYet),
                &[&batch.period_end, from],
            ),
            CompleteBlocked::OpenReports { count } => {
                fill(t(locale, Key::PubCompleteOpenReports), &count.to_string())
            }
        });
    let dialog = Dialog::Step(batch.clone(), step);
    html! {
        <>
            <button type="button" class="button button-small button-primary" title={blocked.clone()}
                disabled={blocked.is_some()}
                data-testid={format!("{}-{}", step.wire(), batch.id)} onclick={open.reform(move |_| dialog.clone())}>
                { t(locale, step.label()) }
            </button>
            if let Some(why) = blocked {
                <span class="muted cell-sub" data-testid={format!("complete-wait-{}", batch.id)}>{ why }</span>
            }
        </>
    }
}

/// Props of the publicity screens.
#[derive(Properties, PartialEq)]
pub struct KindProps {
    /// The kind.
    pub kind: PublicityKind,
}

/// The batch list of a kind.
#[component]
pub fn PublicityBatches(props: &KindProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let (locale, kind) = (i18n.locale, props.kind);
    let (control, dialog, open, close, finish) = use_list_dialogs::<Dialog>();
    let may_create = session
        .status
        .signed_in()
        .is_some_and(|s| s.holds(module_of(kind)));
    let detail = move |b: &PublicityBatch| Route::PublicityBatch {
        kind: kind.as_str().to_owned(),
        id: b.id,
    };
    let to = open.clone();
    let columns = vec![
        col(i18n.t(Key::PubTitle), move |b: &PublicityBatch| html! { <>
            <NavLink to={detail(b)} testid={format!("open-batch-{}", b.id)}>{ &b.title }</NavLink>
            <span class="muted cell-sub">{ owner_text(b) }</span></> }).class("cell-name"),
        col(i18n.t(Key::PubPeriod), move |b: &PublicityBatch| html! { <>{ period_text(&b.period_start, &b.period_end) }
            <span class="muted cell-sub">{ fill(t(locale, Key::PubWorkingDays), &b.working_days.to_string()) }</span></> }),
        col(i18n.t(Key::StatusLabel), move |b: &PublicityBatch| status_tag(locale, Status::Publicity(b.status), None)),
        col(i18n.t(Key::PubItemCount), |b: &PublicityBatch| html! { { b.item_count } }),
        col(i18n.t(Key::PubOpenReports), |b: &PublicityBatch| match b.open_reports {
            0 => html! { { "0" } },
            n => text_tag(&n.to_string(), Tone::Danger),
        }),
        col(i18n.t(Key::PubPublishedAt), |b: &PublicityBatch| html! { { b.published_at.as_deref().map(china_time).unwrap_or_default() } })
            .class("cell-time"),
        col(i18n.t(Key::Actions), move |b: &PublicityBatch| html! { <div class="row-actions">
            { step_button(locale, b, &to) }
            <NavLink to={detail(b)} classes="link-button">{ t(locale, Key::PubView) }</NavLink>
        </div> }),
    ];
    let actions = html! { if may_create {
        <button type="button" class="button button-primary" data-testid="new-batch" onclick={open.reform(|_| Dialog::New)}>
            { i18n.t(Key::PubNew) }
        </button>
    } };
    let filters = status_year_series_level::<PublicityStatus>(&i18n);
    html! {
        <ListPage<PublicityBatch> name="batches" title={module_of(kind).name(locale)} path="/api/v1/publicity-batches"
            fixed={vec![("kind", kind.as_str().to_owned())]} intro={i18n.t(intro(kind))}
            {filters} {columns} {actions} control={control.clone()}>
            { dialog_view(kind, &dialog, &finish, &close) }
        </ListPage<PublicityBatch>>
    }
}

id_row!(PublicityBatch);

fn intro(kind: PublicityKind) -> Key {
    match kind {
        PublicityKind::Application => Key::PubIntroApplication,
        PublicityKind::Nominee | PublicityKind::Failure => Key::PubIntroReviewer,
        PublicityKind::Result => Key::PubIntroResult,
    }
}

/// The publishing unit, and the committee when there is one.
fn owner_text(b: &PublicityBatch) -> String {
    match &b.committee {
        Some(c) => format!("{} · {c}", b.unit),
        None => b.unit.clone(),
    }
}

fn dialog_view(
    kind: PublicityKind,
    dialog: &Dialog,
    finish: &Callback<Flash>,
    close: &Callback<()>,
) -> Html {
    match dialog {
        Dialog::None => Html::default(),
        Dialog::New => {
            html! { <BatchForm {kind} existing={None} on_done={finish.clone()} on_close={close.clone()} /> }
        }
        Dialog::Edit(detail) => html! {
            <BatchForm {kind} existing={Some(detail.clone())} on_done={finish.clone()} on_close={close.clone()} />
        },
        Dialog::Step(batch, step) => html! {
            <StepDialog batch={batch.clone()} step={*step} on_done={finish.clone()} on_close={close.clone()} />
        },
        Dialog::Report(_) | Dialog::Resolve(_) | Dialog::Unit(_) => Html::default(),
    }
}

/// Props of [`StepDialog`].
#[derive(Properties, PartialEq)]
struct StepDialogProps {
    batch: PublicityBatch,
    step: Step,
    on_done: Callback<Flash>,
    on_close: Callback<()>,
}

/// 确定发布 / 完成公示吗？ — the API's refusal (`publicity_not_finished`) stays in the dialog.
#[component]
fn StepDialog(props: &StepDialogProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let (step, batch) = (props.step, &props.batch);
    let (id, version, title) = (batch.id, batch.version, batch.title.clone());
    let (pending, on_submit) = use_submit(&props.on_done, move |api, _| {
        let title = title.clone();
        Ok(async move {
            api::publicity::step(&api, id, step.wire(), version).await?;
            let key = match step {
                Step::Publish => Key::PubPublished,
                Step::Complete => Key::PubCompleted,
            };
            Ok(Flash::Success(fill(t(locale, key), &title)))
        })
    });
    let question = match step {
        Step::Publish => fill_n(
            i18n.t(Key::PubConfirmPublish),
            &[
                &batch.title,
                &period_text(&batch.period_start, &batch.period_end),
            ],
        ),
        Step::Complete => fill(i18n.t(Key::PubConfirmComplete), &batch.title),
    };
    html! {
        <FormDialog title={i18n.t(step.label())} name={step.wire()}
            submit_label={i18n.t(step.label())} {pending} {on_submit} on_close={props.on_close.clone()}>
            <p class="confirm-message" data-testid="confirm-message">{ question }</p>
        </FormDialog>
    }
}

/// Props of [`PublicityBatchPage`].
#[derive(Properties, PartialEq)]
pub struct BatchPageProps {
    /// The kind (from the route; the batch's own kind is shown).
    pub kind: PublicityKind,
    /// The batch.
    pub id: i64,
}

/// One batch: facts, content, applications and reports.
#[component]
pub fn PublicityBatchPage(props: &BatchPageProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let control = use_list_control();
    let loaded = use_api_load(
        (props.id, control.ticks()),
        move |api, (id, _)| async move { api::publicity::get(&api, id).await },
    );
    let dialog = use_state(|| Dialog::None);
    let (to, close, finish) = dialog_handles(&dialog, &control, Dialog::None);
    let back = html! {
        <NavLink to={Route::Publicity { kind: props.kind.as_str().to_owned() }} classes="button" testid="back-to-batches">
            { i18n.t(Key::PubBack) }
        </NavLink>
    };
    let detail = match &loaded.state {
        Load::Loading => {
            return html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> }
        }
        Load::Failed(e) => {
            return html! {
                <section class="page" data-testid="page-publicity-batch">{ load_failed(&i18n, e, &loaded.reload, back) }</section>
            }
        }
        Load::Ready(detail) => detail.clone(),
    };
    let open = |next: Dialog| to.reform(move |_: MouseEvent| next.clone());
    let b = &detail.batch;
    let published = b.status == PublicityStatus::Published;
    let dialog_html = match &*dialog {
        Dialog::Report(app) => html! {
            <ReportDialog send={report_sender(api.clone(), b.id)}
                items={detail.items.iter().map(|i| (i.application_id, i.name.clone())).collect::<Vec<_>>()}
                selected={*app} on_done={finish.clone()} on_close={close.clone()} />
        },
        Dialog::Resolve(report) => html! {
            <ResolveDialog report={report.clone()} kind={b.kind} on_done={finish.clone()} on_close={close.clone()} />
        },
        Dialog::Unit(item) => html! {
            <UnitInfoDialog batch_id={b.id} version={b.version} item={item.clone()}
                on_done={finish.clone()} on_close={close.clone()} />
        },
        other => dialog_view(b.kind, other, &finish, &close),
    };
    let item_columns = item_columns(locale, published, &to);
    let report_columns = report_columns(locale, b.can_manage && published, &to);
    html! {
        <section class="page" data-testid="page-publicity-batch" data-status={b.status.as_str()}>
            <div class="page-heading">
                <h1 class="page-title">{ &b.title }</h1>
                <div class="page-actions">
                    if b.can_manage && b.status == PublicityStatus::Draft {
                        <button type="button" class="button" data-testid={format!("edit-{}", b.id)}
                            onclick={open(Dialog::Edit(detail.clone()))}>
                            { i18n.t(Key::Edit) }
                        </button>
                    }
                    { step_button(locale, b, &to) }
                    { back }
                </div>
            </div>
            { flash_view(control.flash.as_ref()) }
            <div class="panel">
                <dl class="facts">
                    <dt>{ i18n.t(Key::PubKind) }</dt>
                    <dd>{ b.kind.label(locale) }</dd>
                    <dt>{ i18n.t(Key::StatusLabel) }</dt>
                    <dd data-testid="batch-status">{ status_tag(locale, Status::Publicity(b.status), None) }</dd>
                    <dt>{ i18n.t(Key::PubUnit) }</dt>
                    <dd>{ owner_text(b) }</dd>
                    <dt>{ i18n.t(Key::PubPeriod) }</dt>
                    <dd>
                        { period_text(&b.period_start, &b.period_end) }
                        { " · " }
                        { fill(t(locale, Key::PubWorkingDays), &b.working_days.to_string()) }
                    </dd>
                    if let Some(at) = &b.published_at {
                        <dt>{ i18n.t(Key::PubPublishedAt) }</dt>
                        <dd>{ china_time(at) }</dd>
                    }
                    if let Some(at) = &b.completed_at {
                        <dt>{ i18n.t(Key::PubCompletedAt) }</dt>
                        <dd>{ china_time(at) }</dd>
                    }
                    if let Some(d) = &b.deadlines {
                        <dt>{ i18n.t(Key::PubSupplementDeadline) }</dt>
                        <dd data-testid="batch-supplement-deadline-text">{ &d.supplement_deadline }</dd>
                        <dt>{ i18n.t(Key::PubPaperDeadline) }</dt>
                        <dd data-testid="batch-paper-deadline-text">{ &d.paper_deadline }</dd>
                        <dt>{ i18n.t(Key::PubPaperAddress) }</dt>
                        <dd>{ &d.paper_address }</dd>
                        <dt>{ i18n.t(Key::PubPaperPhone) }</dt>
                        <dd>{ &d.paper_phone }</dd>
                    }
                </dl>
                <h2 class="panel-title">{ i18n.t(Key::PubContent) }</h2>
                <p class="pre-wrap" data-testid="batch-content-text">{ &b.content }</p>
            </div>
            <h2 class="page-section">{ fill(i18n.t(Key::PubItems), &detail.items.len().to_string()) }</h2>
            <div class="panel panel-table">
                { static_table(locale, "batch-items", None, &item_columns, &detail.items) }
            </div>
            <h2 class="page-section">{ fill(i18n.t(Key::PubReports), &detail.reports.len().to_string()) }</h2>
            <div class="panel panel-table">
                { static_table(locale, "batch-reports", None, &report_columns, &detail.reports) }
            </div>
            { dialog_html }
        </section>
    }
}

impl Row for PublicityItem {
    fn key(&self) -> String {
        format!("item-{}", self.application_id)
    }
}

impl Row for PublicityReport {
    fn key(&self) -> String {
        format!("report-{}", self.id)
    }
}

/// The batch's applications; 修改单位信息 and 举报 while it is published.
fn item_columns(
    locale: Locale,
    published: bool,
    to: &Callback<Dialog>,
) -> Vec<Column<PublicityItem>> {
    let to = to.clone();
    vec![
        text_col(t(locale, Key::AccountDisplayName), |i: &PublicityItem| {
            &i.name
        })
        .class("cell-name"),
        text_col(t(locale, Key::AccountIdNumber), |i: &PublicityItem| {
            &i.id_number
        })
        .class("cell-mono"),
        col(t(locale, Key::PubEmployer), |i: &PublicityItem| {
            html! {
                <span data-testid={format!("item-unit-{}", i.application_id)}>
                    { &i.employer }
                    if let Some(contact) = &i.unit_contact {
                        <span class="muted cell-sub">{ contact }{ " " }{ i.unit_phone.clone().unwrap_or_default() }</span>
                    }
                </span>
            }
        }),
        col(
            t(locale, Key::PubSeriesSpecialty),
            move |i: &PublicityItem| {
                html! {
                    <>{ i.series.label(locale) }<span class="muted cell-sub">{ &i.specialty }</span></>
                }
            },
        ),
        col(
            t(locale, Key::PubLevelQualification),
            move |i: &PublicityItem| {
                html! {
                    <>{ i.level.label(locale) }<span class="muted cell-sub">{ &i.qualification }</span></>
                }
            },
        ),
        col(t(locale, Key::PubStage), move |i: &PublicityItem| {
            status_tag(locale, Status::Stage(i.stage), None)
        }),
        col(t(locale, Key::Actions), move |i: &PublicityItem| {
            let mut buttons = Vec::new();
            if published && i.can_edit_unit {
                buttons.push(row_button(
                    "btn-edit-unit",
                    t(locale, Key::PubEditUnit),
                    false,
                    to.reform({
                        let item = i.clone();
                        move |_: MouseEvent| Dialog::Unit(item.clone())
                    }),
                ));
            }
            if published {
                let app = i.application_id;
                buttons.push(row_button(
                    "btn-report",
                    t(locale, Key::PubReport),
                    false,
                    to.reform(move |_: MouseEvent| Dialog::Report(app)),
                ));
            }
            row_buttons(buttons)
        }),
    ]
}

/// The reports filed against the batch; 处理 on an open one while the batch is published.
fn report_columns(
    locale: Locale,
    resolvable: bool,
    to: &Callback<Dialog>,
) -> Vec<Column<PublicityReport>> {
    let to = to.clone();
    vec![
        text_col(t(locale, Key::PubReported), |r: &PublicityReport| {
            &r.applicant_name
        }),
        col(t(locale, Key::PubReporter), move |r: &PublicityReport| {
            html! {
                <>
                    { &r.reporter_name }
                    <span class="muted cell-sub">{ r.reporter_contact.clone().unwrap_or_default() }</span>
                    if r.anonymous_site {
                        <span class="muted cell-sub">{ t(locale, Key::PubFromSite) }</span>
                    }
                </>
            }
        }),
        text_col(t(locale, Key::PubReportContent), |r: &PublicityReport| {
            &r.content
        })
        .class("pre-wrap"),
        col(
            t(locale, Key::PubFiledAt),
            |r: &PublicityReport| html! { { china_time(&r.filed_at) } },
        )
        .class("cell-time"),
        col(t(locale, Key::StatusLabel), move |r: &PublicityReport| {
            html! {
                <>
                    { status_tag(locale, Status::Report(r.status), None) }
                    if let Some(resolution) = &r.resolution {
                        <span class="muted cell-sub">{ resolution }</span>
                    }
                </>
            }
        }),
        col(t(locale, Key::Actions), move |r: &PublicityReport| {
            if !(resolvable && r.status == shared::publicity::ReportStatus::Open) {
                return Html::default();
            }
            let report = r.clone();
            row_buttons(vec![row_button(
                "btn-resolve",
                t(locale, Key::PubResolve),
                false,
                to.reform(move |_: MouseEvent| Dialog::Resolve(report.clone())),
            )])
        }),
    ]
}

/// A signed-in page's way of filing a report on batch `batch`.
fn report_sender(api: api::Api, batch: i64) -> ReportSender {
    // The handle asks in its own locale, the one the dialog shows.
    ReportSender(Rc::new(move |request, _| {
        let api = api.clone();
        Box::pin(async move { api::publicity::report(&api, batch, &request).await })
    }))
}

/// A report on its way to the server.
pub type ReportSent = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<shared::publicity::ReportReceipt, api::ApiError>>>,
>;

/// How [`ReportDialog`] files a report: the public site without a session, a signed-in page
/// with it. A prop rather than a flag, so that the public entry never links the session's
/// request path (docs/PERFORMANCE.md, "Entries by audience").
#[derive(Clone)]
pub struct ReportSender(pub Rc<dyn Fn(FileReportRequest, Locale) -> ReportSent>);

impl PartialEq for ReportSender {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Props of [`ReportDialog`].
#[derive(Properties, PartialEq)]
pub struct ReportDialogProps {
    /// Files the report (with the batch in it).
    pub send: ReportSender,
    /// `(application id, name)` of the batch's applications.
    pub items: Vec<(i64, String)>,
    /// The application chosen at the start.
    pub selected: i64,
    /// Filed: the message.
    pub on_done: Callback<Flash>,
    /// Closed.
    pub on_close: Callback<()>,
}

/// 举报: the application, the reporter's name and contact, the content.
#[component]
pub fn ReportDialog(props: &ReportDialogProps) -> Html {
    let i18n = use_i18n();
    let pending = use_pending();
    let locale = i18n.locale;
    let on_submit = {
        let (pending, send, on_done) = (pending.clone(), props.send.clone(), props.on_done.clone());
        Callback::from(move |form: FormValues| {
            let request = FileReportRequest {
                application_id: form.text("application_id").parse().unwrap_or_default(),
                reporter_name: form.text("reporter_name"),
                reporter_contact: form.text("reporter_contact"),
                content: form.text("content"),
            };
            if request.reporter_name.is_empty()
                || request.reporter_contact.is_empty()
                || request.content.is_empty()
            {
                pending.fail(t(locale, Key::FieldsRequired));
                return;
            }
            let on_done = on_done.clone();
            pending.run((send.0)(request, locale), move |_| {
                on_done.emit(Flash::Success(t(locale, Key::PubReportFiled).to_owned()))
            });
        })
    };
    let options = props
        .items
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect::<Vec<_>>();
    html! {
        <FormDialog title={i18n.t(Key::PubReport)} name="report" submit_label={i18n.t(Key::PubReportSubmit)}
            {pending} {on_submit} on_close={props.on_close.clone()}>
            <SelectField name="application_id" label={i18n.t(Key::PubReported)} {options}
                selected={props.selected.to_string()} required=true />
            <TextField name="reporter_name" testid="report-name" label={i18n.t(Key::PubReporterName)} required=true maxlength={50} />
            <TextField name="reporter_contact" testid="report-contact" label={i18n.t(Key::PubReporterContact)} required=true maxlength={100} />
            <OpinionField name="content" testid="report-content" label={i18n.t(Key::PubReportContent)} required=true maxlength={2000} />
            <p class="form-note">{ i18n.t(Key::PubReportNote) }</p>
        </FormDialog>
    }
}

/// Props of [`ResolveDialog`].
#[derive(Properties, PartialEq)]
struct ResolveDialogProps {
    report: PublicityReport,
    kind: PublicityKind,
    on_done: Callback<Flash>,
    on_close: Callback<()>,
}

/// 处理举报: 不予采纳, 退回申报人 or 终止申报 (评审结果公示: 查实不予通过 instead of a return),
/// with the resolution.
#[component]
fn ResolveDialog(props: &ResolveDialogProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let id = props.report.id;
    let (pending, on_submit) = use_submit(&props.on_done, move |api, form| {
        let outcome = ReportOutcome::parse(&form.text("outcome"))
            .ok_or_else(|| Refusal::new(t(locale, Key::PubOutcomeRequired)))?;
        let resolution = form.text("opinion");
        if resolution.is_empty() {
            return Err(Refusal::new(t(locale, Key::PubResolutionRequired)));
        }
        let request = ResolveReportRequest {
            outcome,
            resolution,
        };
        Ok(async move {
            let answer = api::publicity::resolve(&api, id, &request).await;
            answer.map(|_| Flash::Success(t(locale, Key::PubResolved).to_owned()))
        })
    });
    let r = &props.report;
    html! {
        <FormDialog title={i18n.t(Key::PubResolve)} name="resolve" submit_label={i18n.t(Key::PubResolve)}
            {pending} {on_submit} on_close={props.on_close.clone()}>
            <dl class="facts">
                <dt>{ i18n.t(Key::PubReported) }</dt>
                <dd>{ &r.applicant_name }</dd>
                <dt>{ i18n.t(Key::PubReportContent) }</dt>
                <dd class="pre-wrap">{ &r.content }</dd>
            </dl>
            <fieldset class="fieldset">
                <legend>{ i18n.t(Key::PubOutcome) }</legend>
                <div class="checks">
                    { for props.kind.report_outcomes().iter().map(|o| outcome_radio(*o, locale)) }
                </div>
            </fieldset>
            <OpinionField label={i18n.t(Key::PubResolution)} required=true />
        </FormDialog>
    }
}

fn outcome_radio(outcome: ReportOutcome, locale: Locale) -> Html {
    let id = format!("resolve-outcome-{}", outcome.as_str());
    html! {
        <label class="check" for={id.clone()}>
            <input type="radio" id={id.clone()} name="outcome" value={outcome.as_str()} data-testid={id} />
            { outcome.label(locale) }
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(status: PublicityStatus, can_manage: bool) -> PublicityBatch {
        PublicityBatch {
            id: 3,
            version: 1,
            kind: PublicityKind::Application,
            status,
            unit: "示范县第一中学".into(),
            committee: None,
            year: 2026,
            series: None,
            title: "公示".into(),
            content: "内容".into(),
            period_start: "2026-11-27".into(),
            period_end: "2026-12-04".into(),
            working_days: 6,
            item_count: 1,
            open_reports: 0,
            created_at: "2026-11-26T00:00:00Z".into(),
            published_at: None,
            completed_at: None,
            can_manage,
            deadlines: None,
            session_id: None,
            complete_blocked: None,
        }
    }

    #[test]
    fn the_owner_publishes_a_draft_and_completes_a_published_batch() {
        assert_eq!(
            Step::next(&batch(PublicityStatus::Draft, true)),
            Some(Step::Publish)
        );
        assert_eq!(
            Step::next(&batch(PublicityStatus::Published, true)),
            Some(Step::Complete)
        );
        assert_eq!(Step::next(&batch(PublicityStatus::Completed, true)), None);
        assert_eq!(Step::next(&batch(PublicityStatus::Draft, false)), None);
        assert_eq!(Step::Complete.wire(), "complete");
        assert_eq!(
            owner_text(&PublicityBatch {
                committee: Some("评委会".into()),
                ..batch(PublicityStatus::Draft, true)
            }),
            "示范县第一中学 · 评委会"
        );
    }
}

/// Props of [`UnitInfoDialog`].
#[derive(Properties, PartialEq)]
struct UnitInfoDialogProps {
    batch_id: i64,
    version: i64,
    item: PublicityItem,
    on_done: Callback<Flash>,
    on_close: Callback<()>,
}

/// 编辑单位信息: during the publicity the applicant's unit corrects the name, contact and phone
/// shown for one applicant (manual §6.2.2); checked here as the server checks it.
#[component]
fn UnitInfoDialog(props: &UnitInfoDialogProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let item = &props.item;
    let (id, app_id, version, name) = (
        props.batch_id,
        item.application_id,
        props.version,
        item.name.clone(),
    );
    let (pending, on_submit) = use_submit(&props.on_done, move |api, values| {
        let request = shared::publicity::UpdatePublicityItem {
            version,
            unit_name: values.text("unit_name").trim().to_owned(),
            unit_contact: values.text("unit_contact").trim().to_owned(),
            unit_phone: values.text("unit_phone").trim().to_owned(),
        };
        if let Some(p) = request.problems().into_iter().next() {
            let label = match p.field {
                "unit_name" => Key::PubUnitName,
                "unit_contact" => Key::PubUnitContact,
                _ => Key::PubUnitPhone,
            };
            let rule = if locale == Locale::ZhCn {
                p.rule.zh()
            } else {
                p.rule.en()
            };
            let message = crate::i18n::labelled(locale, t(locale, label), &rule);
            return Err(Refusal::new(message));
        }
        let name = name.clone();
        Ok(async move {
            let answer = api::publicity::update_item(&api, id, app_id, &request).await;
            answer.map(|_| Flash::Success(fill(t(locale, Key::PubUnitSaved), &name)))
        })
    });
    html! {
        <FormDialog title={i18n.t(Key::PubEditUnit)} name="unit-info"
            submit_label={i18n.t(Key::Save)} {pending} {on_submit} on_close={props.on_close.clone()}>
            <p class="muted">{ fill(i18n.t(Key::PubUnitHint), &item.name) }</p>
            <TextField name="unit_name" testid="unit-name" label={i18n.t(Key::PubUnitName)}
                value={item.employer.clone()} required=true maxlength={100} />
            <TextField name="unit_contact" testid="unit-contact" label={i18n.t(Key::PubUnitContact)}
                value={item.unit_contact.clone().unwrap_or_default()} required=true maxlength={50} />
            <TextField name="unit_phone" testid="unit-phone" label={i18n.t(Key::PubUnitPhone)} input_type="tel"
                value={item.unit_phone.clone().unwrap_or_default()} required=true maxlength={20} />
        </FormDialog>
    }
}
