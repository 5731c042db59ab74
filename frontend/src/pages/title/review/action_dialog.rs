//! The one dialog of every workflow action, for one application or a batch: the opinion
//! (required when the action needs one), the extra fields of recommend (handler, the unit's
//! proofs, its own committee), superior_approve (where it goes, and the committee an HRSS may
//! assign) and policy_initial, and "确定要…吗？" before a final or destructive action. A batch
//! asks for the same as one application (manual §6.2.3, §6.2.4).

use std::rc::Rc;

use shared::application::{
    ActionRequest, Application, BatchActionResponse, BatchItem, ForwardTarget, Level, Series,
};
use shared::committees::Committee;
use shared::workflow::Action;
use shared::ErrorCode;
use yew::prelude::*;

use super::plain_confirm::{is_plain, PlainConfirm};
use super::unit_proofs::{ProofKind, UnitProofs};
use super::workflow_rules::{
    approval_route, common_committees, dialog_request, dialog_spec, ApprovalRoute, DialogInput,
};
use crate::api;
use crate::components::form::FormValues;
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::dialog::{confirm_question, use_pending, FormDialog};
use crate::kit::fields::{OpinionField, TextField};
use crate::state::session::use_session;

/// What the action applies to.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// One application, as read.
    One(Rc<Application>),
    /// Checked rows of a queue, with the series and level of each (for the own committees a
    /// batch recommendation may use).
    Many(Vec<BatchItem>, Vec<(Series, Level)>),
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
    // The applicant's submit and void: a plain confirmation, no opinion (issue 9 point 12).
    if let (true, Target::One(app)) = (is_plain(props.action), &props.target) {
        return html! { <PlainConfirm action={props.action} app={app.clone()}
        on_done={props.on_done.clone()} on_close={props.on_close.clone()} /> };
    }
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let locale = i18n.locale;
    let action = props.action;
    let spec = dialog_spec(action);
    let (ids, kinds, employer): (Vec<i64>, Vec<(Series, Level)>, Option<i64>) = match &props.target
    {
        Target::One(app) => (
            vec![app.id],
            vec![(app.series, app.level)],
            Some(app.employer.id),
        ),
        // A batch recommendation is made by the employer itself: the caller's unit.
        Target::Many(items, kinds) => (
            items.iter().map(|i| i.id).collect(),
            kinds.clone(),
            session.status.signed_in().map(|s| s.user.unit.id),
        ),
    };
    // Where approval goes, asked of the server for exactly these applications.
    let route = {
        let api = api.clone();
        let deps = (ids, spec.committee_choice);
        use_load(deps, move |(ids, wanted)| async move {
            if wanted {
                api::applications::forward_target(&api, &ids)
                    .await
                    .map(Some)
            } else {
                Ok(None)
            }
        })
    };
    let must_assign = matches!(
        &route.state,
        Load::Ready(target) if target.as_ref().as_ref().map(approval_route) == Some(ApprovalRoute::AssignOnly)
    );
    let pending = use_pending();
    let assign = use_state(|| false);
    let read = {
        let assign = *assign || must_assign;
        move |form: &FormValues| DialogInput {
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
        }
    };
    let check = {
        let pending = pending.clone();
        Callback::from(
            move |form: FormValues| match dialog_request(spec, &read(&form)) {
                Ok(_) => true,
                Err(key) => {
                    pending.fail(t(locale, key));
                    false
                }
            },
        )
    };
    let on_submit = {
        let (pending, api, target, on_done) = (
            pending.clone(),
            api.clone(),
            props.target.clone(),
            props.on_done.clone(),
        );
        Callback::from(move |form: FormValues| {
            let Ok((opinion, fields)) = dialog_request(spec, &read(&form)) else {
                return;
            };
            let (api, target, on_done) = (api.clone(), target.clone(), on_done.clone());
            let request = async move {
                let result = match target {
                    Target::One(app) => {
                        let request = ActionRequest {
                            action,
                            version: app.version,
                            opinion,
                            fields,
                        };
                        api::applications::act(&api, app.id, &request)
                            .await
                            .map(|a| Outcome::One(Box::new(a)))
                    }
                    Target::Many(items, _) => {
                        api::applications::act_batch(&api, action, items, opinion, fields)
                            .await
                            .map(Outcome::Many)
                    }
                };
                match result {
                    // Changed meanwhile: the page reloads and says so.
                    Err(e) if e.is(ErrorCode::VersionConflict) => {
                        Ok(Outcome::Stale(e.message(locale)))
                    }
                    other => other,
                }
            };
            pending.run(request, move |outcome| on_done.emit(outcome));
        })
    };
    let label = action.label(locale);
    let many = matches!(props.target, Target::Many(..));
    let subject = match &props.target {
        Target::One(app) => app.name.clone(),
        Target::Many(items, _) => fill(i18n.t(Key::WfCountApplications), &items.len().to_string()),
    };
    let on_assign = {
        let assign = assign.clone();
        Callback::from(move |value: bool| assign.set(value))
    };
    let confirm = spec
        .confirm
        .then(|| AttrValue::from(confirm_question(locale, label, &subject)));
    let route_view = match &route.state {
        Load::Loading => html! { <p class="state-loading">{ i18n.t(Key::Loading) }</p> },
        Load::Failed(e) => html! {
            <p class="alert alert-error" data-testid="route-error">
                { fill(i18n.t(Key::WfRouteFailed), &e.message(locale)) }
            </p>
        },
        Load::Ready(target) => match target.as_ref() {
            Some(target) => html! {
                <CommitteeChoice target={Rc::new(target.clone())} assign={*assign || must_assign} {on_assign} {many} />
            },
            None => Html::default(),
        },
    };
    html! {
        <FormDialog title={label} name="action" submit_label={label} danger={spec.confirm} {confirm} check={Some(check)}
            {pending} {on_submit} on_close={props.on_close.clone()}>
                <p class="muted" data-testid="dialog-subject">{ subject }</p>
                if spec.pass_choice {
                    { pass_choice(&i18n) }
                }
                if spec.committee_choice {
                    { route_view }
                }
                if spec.handler {
                    { handler_fields(&i18n) }
                }
                if spec.recommend_extras {
                    if let Some(employer) = employer {
                        <RecommendExtras {employer} {kinds} />
                    }
                }
                <OpinionField label={i18n.t(Key::WfOpinion)} required={spec.opinion_required} maxlength={1000} />
        </FormDialog>
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
            <TextField name="handler_name" testid="dialog-handler-name" label={i18n.t(Key::WfHandlerName)} required=true maxlength={50} />
            <TextField name="handler_phone" testid="dialog-handler-phone" label={i18n.t(Key::WfHandlerPhone)} required=true maxlength={30} />
        </div>
    }
}

/// Props of [`CommitteeChoice`].
#[derive(Properties, PartialEq)]
struct CommitteeChoiceProps {
    target: Rc<ForwardTarget>,
    assign: bool,
    on_assign: Callback<bool>,
    /// A batch: the committees are those that take every checked application.
    many: bool,
}

/// Where 审核通过 goes, said plainly: 转上级 (naming the unit) or 分配评委会 at an HRSS below the
/// province, the committee alone at the province, the superior unit alone elsewhere.
#[component]
fn CommitteeChoice(props: &CommitteeChoiceProps) -> Html {
    let i18n = use_i18n();
    let route = approval_route(&props.target);
    let radio = |assign: bool| {
        let on_assign = props.on_assign.clone();
        Callback::from(move |_: Event| on_assign.emit(assign))
    };
    let list = &props.target.committees;
    let committees = html! {
        <div class="field">
            <label for="dialog-committee">{ i18n.t(Key::WfCommittee) }</label>
            <select id="dialog-committee" name="committee_id" data-testid="dialog-committee" disabled={!props.assign}>
                <option value="">{ i18n.t(Key::SelectPlaceholder) }</option>
                { for list.iter().map(|c| html! {
                    <option value={c.id.to_string()}>{ format!("{}（{}）", c.name, c.unit.name) }</option>
                }) }
            </select>
            if list.is_empty() {
                <p class="field-hint" data-testid="dialog-no-committee">
                    { i18n.t(if props.many { Key::WfNoCommonCommittee } else { Key::WfNoCommittees }) }
                </p>
            }
        </div>
    };
    let body = match route {
        ApprovalRoute::Forward(parent) => html! {
            <p data-testid="dialog-route" data-route="forward">{ fill(i18n.t(Key::WfApproveGoesTo), &parent) }</p>
        },
        ApprovalRoute::Choose(parent) => html! {
            <>
                <div class="checks" data-testid="dialog-route" data-route="choose">
                    <label class="check">
                        <input type="radio" name="route" value="forward" checked={!props.assign}
                            data-testid="dialog-forward" onchange={radio(false)} />
                        { fill(i18n.t(Key::WfForwardTo), &parent) }
                    </label>
                    <label class="check">
                        <input type="radio" name="route" value="assign" checked={props.assign}
                            data-testid="dialog-assign" onchange={radio(true)} />
                        { i18n.t(Key::WfAssign) }
                    </label>
                </div>
                { committees }
            </>
        },
        ApprovalRoute::AssignOnly | ApprovalRoute::Nowhere => html! {
            <>
                <p data-testid="dialog-route" data-route="assign">{ i18n.t(Key::WfMustAssign) }</p>
                { committees }
            </>
        },
    };
    html! {
        <fieldset class="fieldset">
            <legend>{ i18n.t(Key::WfApproveHow) }</legend>
            { body }
        </fieldset>
    }
}

/// Props of [`RecommendExtras`].
#[derive(Properties, PartialEq)]
struct RecommendExtrasProps {
    employer: i64,
    /// The series and level of each application (a batch: the own committees offered are those
    /// for every one).
    kinds: Vec<(Series, Level)>,
}

/// The unit's proofs to attach (with an upload of a new one) and its own committee, if it has
/// self-review authority: the same for one application and a batch (every checked application
/// gets the proofs and the committee).
#[component]
fn RecommendExtras(props: &RecommendExtrasProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let own = {
        let api = api.clone();
        let mut kinds = props.kinds.clone();
        kinds.sort_unstable();
        kinds.dedup();
        let deps = (props.employer, kinds);
        use_load(deps, move |(employer, kinds)| async move {
            let mut lists: Vec<Vec<Committee>> = Vec::with_capacity(kinds.len());
            for (series, level) in kinds {
                lists.push(api::applications::own_committees(&api, employer, series, level).await?);
            }
            Ok(common_committees(&lists))
        })
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
            <UnitProofs kind={ProofKind::Recommendation} legend={Key::WfProofs} />
            { own_committee }
        </>
    }
}
