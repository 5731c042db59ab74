//! The one dialog of every workflow action, for one application or a batch: the opinion
//! (required when the action needs one), the extra fields of recommend, superior_approve at an
//! HRSS and policy_initial, and "确定要…吗？" before a final or destructive action.

use std::rc::Rc;

use shared::application::{
    ActionFields, ActionRequest, Application, BatchActionResponse, BatchItem, Level, Series,
};
use shared::workflow::Action;
use shared::ErrorCode;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::workflow_rules::{dialog_request, dialog_spec, DialogInput, DialogSpec};
use crate::api;
use crate::components::alert::{flash_view, Flash};
use crate::components::confirm::Confirm;
use crate::components::form::FormValues;
use crate::components::modal::Modal;
use crate::hooks::{use_load, Load};
use crate::i18n::{fill, t, use_i18n, Key};
use crate::state::session::use_session;

/// What the action applies to.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// One application, as read.
    One(Rc<Application>),
    /// Checked rows of a queue.
    Many(Vec<BatchItem>),
}

/// How it ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The application after the action.
    One(Box<Application>),
    /// Each item's result.
    Many(BatchActionResponse),
    /// The application changed meanwhile (409 version_conflict): the message; reload.
    Stale(String),
}

/// Props of [`ActionDialog`].
#[derive(Properties, PartialEq)]
pub struct ActionDialogProps {
    /// The action.
    pub action: Action,
    /// On what.
    pub target: Target,
    /// Done.
    pub on_done: Callback<Outcome>,
    /// Closed without acting.
    pub on_close: Callback<()>,
}

/// The action dialog (`dialog-action`).
#[component]
pub fn ActionDialog(props: &ActionDialogProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let locale = i18n.locale;
    let action = props.action;
    let app = match &props.target {
        Target::One(app) => Some(app.clone()),
        Target::Many(_) => None,
    };
    let holder_is_hrss = app
        .as_ref()
        .is_some_and(|a| a.holder_unit.kind == shared::UnitKind::Hrss);
    let spec = dialog_spec(action, holder_is_hrss, app.is_none());
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let assign = use_state(|| false);
    // Validated input waiting for "确定".
    let pending = use_state(|| None::<(Option<String>, ActionFields)>);

    let post = {
        let (error, busy, pending) = (error.clone(), busy.clone(), pending.clone());
        let (store, target, on_done) = (
            session.store.clone(),
            props.target.clone(),
            props.on_done.clone(),
        );
        Callback::from(move |(opinion, fields): (Option<String>, ActionFields)| {
            busy.set(true);
            let (error, busy, pending) = (error.clone(), busy.clone(), pending.clone());
            let (store, target, on_done) = (store.clone(), target.clone(), on_done.clone());
            spawn_local(async move {
                let result = match target {
                    Target::One(app) => {
                        let request = ActionRequest {
                            action,
                            version: app.version,
                            opinion,
                            fields,
                        };
                        api::applications::act(&store, app.id, &request, locale)
                            .await
                            .map(|a| Outcome::One(Box::new(a)))
                    }
                    Target::Many(items) => {
                        api::applications::act_batch(&store, action, items, opinion, fields, locale)
                            .await
                            .map(Outcome::Many)
                    }
                };
                match result {
                    Ok(outcome) => on_done.emit(outcome),
                    Err(e) if e.is(ErrorCode::VersionConflict) => {
                        on_done.emit(Outcome::Stale(e.message(locale)));
                    }
                    Err(e) => {
                        error.set(Some(e.message(locale)));
                        busy.set(false);
                        pending.set(None);
                    }
                }
            });
        })
    };

    let onsubmit = {
        let (error, pending, post) = (error.clone(), pending.clone(), post.clone());
        let assign = *assign;
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = FormValues::from_submit(&e) else {
                return;
            };
            let input = DialogInput {
                opinion: form.text("opinion"),
                handler_name: form.text("handler_name"),
                handler_phone: form.text("handler_phone"),
                assign,
                committee_id: form.text("committee_id").parse().ok(),
                pass: match form.text("pass").as_str() {
                    "yes" => Some(true),
                    "no" => Some(false),
                    _ => None,
                },
                proofs: form
                    .all("proof")
                    .iter()
                    .filter_map(|p| p.parse().ok())
                    .collect(),
            };
            match dialog_request(spec, &input) {
                Err(key) => error.set(Some(t(locale, key).to_owned())),
                Ok(request) if spec.confirm => {
                    error.set(None);
                    pending.set(Some(request));
                }
                Ok(request) => {
                    error.set(None);
                    post.emit(request);
                }
            }
        })
    };

    let label = action.label(locale);
    if let Some(request) = (*pending).clone() {
        let on_confirm = {
            let post = post.clone();
            Callback::from(move |()| post.emit(request.clone()))
        };
        let who = app.as_ref().map_or_else(
            || match &props.target {
                Target::Many(items) => fill(
                    t(locale, Key::WfCountApplications),
                    &items.len().to_string(),
                ),
                Target::One(_) => String::new(),
            },
            |a| a.name.clone(),
        );
        return html! {
            <Confirm
                title={label}
                message={crate::i18n::fill_n(i18n.t(Key::WfConfirmAction), &[label, &who])}
                confirm_label={label}
                danger=true
                busy={*busy}
                error={(*error).clone().map(AttrValue::from)}
                {on_confirm}
                on_cancel={props.on_close.clone()}
            />
        };
    }

    let cancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let footer = html! {
        <div class="dialog-actions">
            <button type="button" class="button" data-testid="dialog-cancel" onclick={cancel} disabled={*busy}>
                { i18n.t(Key::Cancel) }
            </button>
            <button
                type="submit"
                form="action-form"
                class={classes!("button", if spec.confirm { "button-danger" } else { "button-primary" })}
                data-testid="dialog-confirm"
                disabled={*busy}
                aria-busy={busy.to_string()}
            >
                { label }
            </button>
        </div>
    };
    let subject = match &props.target {
        Target::One(app) => app.name.clone(),
        Target::Many(items) => fill(i18n.t(Key::WfCountApplications), &items.len().to_string()),
    };
    let on_assign = {
        let assign = assign.clone();
        Callback::from(move |value: bool| assign.set(value))
    };
    html! {
        <Modal title={label} testid="dialog-action" on_close={props.on_close.clone()} {footer}>
            <form id="action-form" class="form" novalidate=true {onsubmit}>
                <p class="muted" data-testid="dialog-subject">{ subject }</p>
                { flash_view((*error).clone().map(Flash::Error).as_ref()) }
                if spec.pass_choice {
                    { pass_choice(&i18n) }
                }
                if spec.committee_choice {
                    if let Some(app) = &app {
                        <CommitteeChoice assign={*assign} {on_assign}
                            series={app.series} level={app.level} specialty={app.specialty.clone()} />
                    }
                }
                if spec.handler {
                    { handler_fields(&i18n) }
                }
                if spec.recommend_extras {
                    if let Some(app) = &app {
                        <RecommendExtras employer={app.employer.id} series={app.series} level={app.level} />
                    }
                }
                { opinion_field(&i18n, spec) }
            </form>
        </Modal>
    }
}

fn opinion_field(i18n: &crate::i18n::I18n, spec: DialogSpec) -> Html {
    html! {
        <div class="field">
            <label for="dialog-opinion">
                { i18n.t(Key::WfOpinion) }
                if spec.opinion_required {
                    <span class="required-mark" title={i18n.t(Key::RequiredMark)}>{ "*" }</span>
                }
            </label>
            <textarea id="dialog-opinion" name="opinion" rows="3" maxlength="1000"
                required={spec.opinion_required} data-testid="dialog-opinion" />
        </div>
    }
}

fn pass_choice(i18n: &crate::i18n::I18n) -> Html {
    html! {
        <fieldset class="fieldset">
            <legend>{ i18n.t(Key::WfInitialResult) }</legend>
            <div class="checks">
                <label class="check">
                    <input type="radio" name="pass" value="yes" data-testid="dialog-pass-yes" />
                    { i18n.t(Key::WfPassYes) }
                </label>
                <label class="check">
                    <input type="radio" name="pass" value="no" data-testid="dialog-pass-no" />
                    { i18n.t(Key::WfPassNo) }
                </label>
            </div>
        </fieldset>
    }
}

fn handler_fields(i18n: &crate::i18n::I18n) -> Html {
    html! {
        <div class="form-grid">
            <div class="field">
                <label for="dialog-handler-name">{ i18n.t(Key::WfHandlerName) }<span class="required-mark">{ "*" }</span></label>
                <input id="dialog-handler-name" name="handler_name" maxlength="50" data-testid="dialog-handler-name" />
            </div>
            <div class="field">
                <label for="dialog-handler-phone">{ i18n.t(Key::WfHandlerPhone) }<span class="required-mark">{ "*" }</span></label>
                <input id="dialog-handler-phone" name="handler_phone" maxlength="30" data-testid="dialog-handler-phone" />
            </div>
        </div>
    }
}

/// Props of [`CommitteeChoice`].
#[derive(Properties, PartialEq)]
struct CommitteeChoiceProps {
    assign: bool,
    on_assign: Callback<bool>,
    series: Series,
    level: Level,
    specialty: AttrValue,
}

/// 转上级人社部门 / 分配评委会, with the committees the caller's HRSS may assign.
#[component]
fn CommitteeChoice(props: &CommitteeChoiceProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let loaded = {
        let store = session.store.clone();
        let locale = i18n.locale;
        let deps = (props.series, props.level, props.specialty.to_string());
        use_load(deps, move |(series, level, specialty)| async move {
            api::applications::assignable_committees(&store, series, level, &specialty, locale)
                .await
        })
    };
    let radio = |assign: bool| {
        let on_assign = props.on_assign.clone();
        Callback::from(move |_: Event| on_assign.emit(assign))
    };
    let committees = match &loaded.state {
        Load::Loading => html! { <p class="state-loading">{ i18n.t(Key::Loading) }</p> },
        Load::Failed(e) => html! {
            <p class="alert alert-error" data-testid="committees-error">
                { fill(i18n.t(Key::WfCommitteesFailed), &e.message(i18n.locale)) }
            </p>
        },
        Load::Ready(list) => html! {
            <div class="field">
                <label for="dialog-committee">{ i18n.t(Key::WfCommittee) }</label>
                <select id="dialog-committee" name="committee_id" data-testid="dialog-committee" disabled={!props.assign}>
                    <option value="">{ i18n.t(Key::SelectPlaceholder) }</option>
                    { for list.iter().map(|c| html! {
                        <option value={c.id.to_string()}>{ format!("{}（{}）", c.name, c.unit.name) }</option>
                    }) }
                </select>
                if list.is_empty() {
                    <p class="field-hint">{ i18n.t(Key::WfNoCommittees) }</p>
                }
            </div>
        },
    };
    html! {
        <fieldset class="fieldset">
            <legend>{ i18n.t(Key::WfApproveHow) }</legend>
            <div class="checks">
                <label class="check">
                    <input type="radio" name="route" value="forward" checked={!props.assign}
                        data-testid="dialog-forward" onchange={radio(false)} />
                    { i18n.t(Key::WfForward) }
                </label>
                <label class="check">
                    <input type="radio" name="route" value="assign" checked={props.assign}
                        data-testid="dialog-assign" onchange={radio(true)} />
                    { i18n.t(Key::WfAssign) }
                </label>
            </div>
            { committees }
        </fieldset>
    }
}

/// Props of [`RecommendExtras`].
#[derive(Properties, PartialEq)]
struct RecommendExtrasProps {
    employer: i64,
    series: Series,
    level: Level,
}

/// The unit's proofs to attach (with an upload of a new one) and its own committee, if it has
/// self-review authority.
#[component]
fn RecommendExtras(props: &RecommendExtrasProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let locale = i18n.locale;
    let proofs = {
        let store = session.store.clone();
        use_load((), move |()| async move {
            api::applications::unit_attachments(&store, locale).await
        })
    };
    let own = {
        let store = session.store.clone();
        let deps = (props.employer, props.series, props.level);
        use_load(deps, move |(employer, series, level)| async move {
            api::applications::own_committees(&store, employer, series, level, locale).await
        })
    };
    let file = use_node_ref();
    let upload_error = use_state(|| None::<String>);
    let upload = {
        let (file, store, reload) = (file.clone(), session.store.clone(), proofs.reload.clone());
        let upload_error = upload_error.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(chosen) = file
                .cast::<HtmlInputElement>()
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            else {
                return;
            };
            let (store, reload, upload_error) =
                (store.clone(), reload.clone(), upload_error.clone());
            spawn_local(async move {
                match api::applications::upload_unit(&store, &chosen, locale).await {
                    Ok(_) => {
                        upload_error.set(None);
                        reload.emit(());
                    }
                    Err(e) => upload_error.set(Some(e.message(locale))),
                }
            });
        })
    };
    let proof_list = match &proofs.state {
        Load::Loading => html! { <p class="state-loading">{ i18n.t(Key::Loading) }</p> },
        Load::Failed(e) => {
            html! { <p class="muted" data-testid="proofs-error">{ e.message(locale) }</p> }
        }
        Load::Ready(list) if list.is_empty() => {
            html! { <p class="muted">{ i18n.t(Key::WfNoProofs) }</p> }
        }
        Load::Ready(list) => html! {
            <div class="checks" data-testid="dialog-proofs">
                { for list.iter().map(|a| html! {
                    <label class="check">
                        <input type="checkbox" name="proof" value={a.id.to_string()} data-testid={format!("dialog-proof-{}", a.id)} />
                        { &a.file_name }
                    </label>
                }) }
            </div>
        },
    };
    let own_committee = match &own.state {
        Load::Ready(list) if !list.is_empty() => html! {
            <div class="field">
                <label for="dialog-committee">{ i18n.t(Key::WfOwnCommittee) }</label>
                <select id="dialog-committee" name="committee_id" data-testid="dialog-committee">
                    <option value="">{ i18n.t(Key::WfToSuperior) }</option>
                    { for list.iter().map(|c| html! { <option value={c.id.to_string()}>{ &c.name }</option> }) }
                </select>
            </div>
        },
        _ => Html::default(),
    };
    html! {
        <>
            <fieldset class="fieldset">
                <legend>{ i18n.t(Key::WfProofs) }</legend>
                { proof_list }
                <div class="import-file">
                    <input type="file" ref={file} aria-label={i18n.t(Key::WfUploadProof)} data-testid="dialog-proof-file"
                        accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx" />
                    <button type="button" class="button button-small" onclick={upload} data-testid="dialog-proof-upload">
                        { i18n.t(Key::WfUpload) }
                    </button>
                </div>
                if let Some(message) = &*upload_error {
                    <p class="alert alert-error">{ message }</p>
                }
            </fieldset>
            { own_committee }
        </>
    }
}
