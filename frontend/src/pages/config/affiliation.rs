//! 主管部门更改 (`config.units.affiliation`): the own unit asks to move under another superior;
//! the new superior (or an HRSS above it) approves or rejects with an opinion. A parent is
//! never changed directly (SPEC §2).

use shared::auth::UnitRef;
use shared::org::{
    AffiliationDecision, AffiliationRequest, AffiliationStatus, CreateAffiliationRequest,
};
use shared::Module;
use yew::prelude::*;

use crate::api::{self, affiliation::status_name};
use crate::components::alert::Flash;
use crate::components::form::{SelectField, TextArea};
use crate::hooks::use_api_load;
use crate::i18n::{fill, t, use_i18n, Key, Locale};
use crate::kit::dialog::{
    approve_or_reject, confirm_question, use_decision, use_submit, DecideProps, DecisionDialog,
    DoneProps, FormDialog, Refusal,
};
use crate::kit::filters::select;
use crate::kit::format::china_time;
use crate::kit::list::{col, decision_buttons, id_row, text_col, use_list_dialogs, ListPage};
use crate::kit::tags::{label, status_tag, Status};

fn unit_text(locale: Locale, unit: &UnitRef) -> String {
    crate::i18n::paren(locale, &unit.name, unit.kind.label(locale))
}

#[derive(Debug, Clone, PartialEq, Default)]
enum Dialog {
    #[default]
    None,
    Request,
    Decide(AffiliationRequest, bool),
}

/// The page.
#[component]
pub fn Affiliation() -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let (control, dialog, open, close, finish) = use_list_dialogs::<Dialog>();
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Request => html! { <RequestDialog on_done={finish} on_close={close} /> },
        Dialog::Decide(request, approve) => html! {
            <DecideDialog item={request.clone()} approve={*approve} on_done={finish} on_close={close} />
        },
    };
    let statuses = [
        AffiliationStatus::Pending,
        AffiliationStatus::Approved,
        AffiliationStatus::Rejected,
    ];
    let options = statuses
        .iter()
        .map(|&s| {
            (
                status_name(s).to_owned(),
                label(Status::Affiliation(s), locale).to_owned(),
            )
        })
        .collect();
    let to = open.clone();
    let columns = vec![
        col(
            i18n.t(Key::UnitName),
            |r: &AffiliationRequest| html! { { &r.unit.name } },
        )
        .class("cell-name"),
        col(
            i18n.t(Key::AffFrom),
            move |r: &AffiliationRequest| html! { { unit_text(locale, &r.from_parent) } },
        ),
        col(
            i18n.t(Key::AffTo),
            move |r: &AffiliationRequest| html! { { unit_text(locale, &r.to_parent) } },
        ),
        text_col(i18n.t(Key::AffReason), |r: &AffiliationRequest| &r.reason),
        col(i18n.t(Key::StatusLabel), move |r: &AffiliationRequest| {
            status_tag(locale, Status::Affiliation(r.status), None)
        }),
        col(i18n.t(Key::AffRequestedBy), |r: &AffiliationRequest| {
            html! { <>{ &r.requested_by }
            <span class="muted cell-sub">{ china_time(&r.requested_at) }</span></> }
        }),
        col(i18n.t(Key::AffDecision), |r: &AffiliationRequest| {
            html! { <>
                if let (Some(by), Some(at)) = (&r.decided_by, &r.decided_at) { { format!("{by} · {}", china_time(at)) } }
                if let Some(opinion) = &r.opinion { <span class="muted cell-sub">{ opinion }</span> }
            </> }
        }),
        col(i18n.t(Key::Actions), move |r: &AffiliationRequest| {
            let testids = ["btn-approve".to_owned(), "btn-reject".to_owned()];
            let labels = [t(locale, Key::AffApprove), t(locale, Key::AffReject)];
            let decide = |approve| Dialog::Decide(r.clone(), approve);
            html! { if r.can_decide { { decision_buttons(&to, testids, labels, decide) } } }
        }),
    ];
    let actions = html! {
        <button type="button" class="button button-primary" data-testid="btn-new-request" onclick={open.reform(|_| Dialog::Request)}>
            { i18n.t(Key::AffNew) }
        </button>
    };
    html! {
        <ListPage<AffiliationRequest> name="affiliation" title={Module::Affiliation.name(locale)} path="/api/v1/affiliation-requests"
            intro={i18n.t(Key::AffIntro)} filters={vec![select("status", i18n.t(Key::StatusLabel), options)]} {columns} {actions}
            control={control.clone()}>
            { dialog_view }
        </ListPage<AffiliationRequest>>
    }
}

id_row!(AffiliationRequest);

/// 申请更改: search the units the own unit may move under, pick one, give the reason.
#[component]
fn RequestDialog(props: &DoneProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let search = use_state(String::new);
    let candidates = use_api_load((*search).clone(), move |api, q| async move {
        api::affiliation::candidates(&api, &q).await
    });
    let search_input = use_node_ref();
    let on_search = {
        let (search, input) = (search.clone(), search_input.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input.cast::<web_sys::HtmlInputElement>() {
                search.set(input.value().trim().to_owned());
            }
        })
    };
    let (pending, on_submit) = use_submit(&props.on_done, move |api, form| {
        let Ok(to_parent_id) = form.text("to_parent_id").parse::<i64>() else {
            return Err(Refusal::at(
                "to_parent_id",
                t(locale, Key::AffParentRequired),
            ));
        };
        let reason = form.text("reason");
        if reason.is_empty() {
            return Err(Refusal::at("reason", t(locale, Key::FieldsRequired)));
        }
        let request = CreateAffiliationRequest {
            to_parent_id,
            reason,
        };
        Ok(async move {
            let r = api::affiliation::create(&api, &request).await;
            r.map(|r| Flash::Success(fill(t(locale, Key::AffRequested), &r.to_parent.name)))
        })
    });
    let options: Vec<(String, String)> = table_options(locale, &candidates.state);
    html! {
        <FormDialog title={i18n.t(Key::AffNew)} name="affiliation" submit_label={i18n.t(Key::AffSubmit)}
            {pending} {on_submit} on_close={props.on_close.clone()}>
                <div class="search-row">
                    <div class="field">
                        <label for="input-candidate-q">{ i18n.t(Key::AffSearch) }</label>
                        <input id="input-candidate-q" type="search" data-testid="input-candidate-q" ref={search_input} autocomplete="off" />
                    </div>
                    <button type="button" class="button" data-testid="btn-search-candidates" onclick={on_search}>{ i18n.t(Key::Search) }</button>
                </div>
                <SelectField
                    name="to_parent_id"
                    label={i18n.t(Key::AffTo)}
                    {options}
                    empty={i18n.t(Key::SelectPlaceholder)}
                    required=true
                    hint={i18n.t(Key::AffCandidatesHint)}
                />
                <TextArea name="reason" label={i18n.t(Key::AffReason)} required=true maxlength={500} />
        </FormDialog>
    }
}

fn table_options(
    locale: Locale,
    state: &crate::hooks::Load<Vec<UnitRef>>,
) -> Vec<(String, String)> {
    match state {
        crate::hooks::Load::Ready(units) => units
            .iter()
            .map(|u| {
                (
                    u.id.to_string(),
                    crate::i18n::paren(
                        locale,
                        &u.name,
                        &format!("{} · {}", u.kind.label(locale), u.level.label(locale)),
                    ),
                )
            })
            .collect(),
        crate::hooks::Load::Loading | crate::hooks::Load::Failed(_) => Vec::new(),
    }
}

/// 同意 or 驳回, on the kit's decision dialog; approving moves the unit (a final change), so it
/// is asked once, naming the action and the unit.
#[component]
fn DecideDialog(props: &DecideProps<AffiliationRequest>) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let (approve, r) = (props.approve, &props.item);
    let id = r.id;
    let done = if approve {
        Key::AffApprovedDone
    } else {
        Key::AffRejectedDone
    };
    let request = use_decision(r.unit.name.clone(), done, move |api, opinion| {
        let decision = AffiliationDecision { approve, opinion };
        async move { api::affiliation::decide(&api, id, &decision).await }
    });
    let action = approve_or_reject(locale, approve);
    let confirm = approve.then(|| AttrValue::from(confirm_question(locale, action, &r.unit.name)));
    html! {
        <DecisionDialog name="decide" {action} {approve} {confirm} decide={request}
            on_done={props.on_done.clone()} on_close={props.on_close.clone()}>
            <dl class="facts">
                <dt>{ i18n.t(Key::UnitName) }</dt>
                <dd>{ &r.unit.name }</dd>
                <dt>{ i18n.t(Key::AffFrom) }</dt>
                <dd>{ unit_text(locale, &r.from_parent) }</dd>
                <dt>{ i18n.t(Key::AffTo) }</dt>
                <dd>{ unit_text(locale, &r.to_parent) }</dd>
                <dt>{ i18n.t(Key::AffReason) }</dt>
                <dd>{ &r.reason }</dd>
            </dl>
            if approve {
                <p class="alert alert-warning">{ i18n.t(Key::AffApproveWarning) }</p>
            }
        </DecisionDialog>
    }
}
