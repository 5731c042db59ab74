//! 专家库更新申请 / 专家库更新备案审核 / 备案查询 (manual §6.5.3): the organising unit files
//! changes of its committee's pool (remove members, add known experts by id); the HRSS above
//! approves (every change applied at once) or rejects with an opinion; the history stays.

use shared::expert_pool::{
    CreatePoolUpdate, PoolDecision, PoolUpdate, PoolUpdateAction, PoolUpdateItemInput,
    PoolUpdateStatus,
};
use shared::Module;
use yew::prelude::*;

use crate::api;
use crate::components::alert::Flash;
use crate::components::form::enum_options;
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::dialog::{
    approve_or_reject, use_decision, use_submit, DecideProps, DecisionDialog, DoneProps,
    FormDialog, Refusal,
};
use crate::kit::fields::{OpinionField, TextField};
use crate::kit::filters::{number, select};
use crate::kit::format::china_time;
use crate::kit::list::{col, decision_buttons, id_row, use_list_dialogs, ListPage};
use crate::kit::tags::{text_tag, Tone};
use crate::pages::title::review::publicity_rules::validity_ok;
use crate::state::session::use_session;

/// Ids from `1, 2；3 4`.
pub fn ids(text: &str) -> Vec<i64> {
    text.split([',', '，', ';', '；', ' ', '、'])
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

fn status_tag(s: PoolUpdateStatus, locale: crate::i18n::Locale) -> Html {
    let tone = match s {
        PoolUpdateStatus::Pending => Tone::Warning,
        PoolUpdateStatus::Approved => Tone::Success,
        PoolUpdateStatus::Rejected => Tone::Danger,
    };
    text_tag(s.label(locale), tone)
}

id_row!(PoolUpdate, status = status);

#[derive(Clone, PartialEq, Default)]
enum Dialog {
    #[default]
    None,
    Apply,
    Decide(Box<PoolUpdate>, bool),
}

/// The filings the caller sees, with 申请 (organising unit) and 审核 (the HRSS above).
#[component]
pub fn PoolUpdates() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let locale = i18n.locale;
    let (control, dialog, open, close, finish) = use_list_dialogs::<Dialog>();
    let may_apply = session
        .status
        .signed_in()
        .is_some_and(|s| s.user.modules.contains(&Module::PoolUpdateApply));
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Apply => html! { <ApplyDialog on_done={finish} on_close={close} /> },
        Dialog::Decide(u, approve) => html! {
            <DecideDialog item={(**u).clone()} approve={*approve} on_done={finish} on_close={close} />
        },
    };
    let to = open.clone();
    let columns = vec![
        col(i18n.t(Key::ExpCommittee), |u: &PoolUpdate| {
            html! { <>{ &u.committee.name }<span class="muted cell-sub">{ &u.unit.name }</span></> }
        })
        .class("cell-name"),
        col(i18n.t(Key::ExpChanges), move |u: &PoolUpdate| {
            html! { <ul class="plain-list">{ for u.items.iter().map(|it| html! {
                <li>{ format!("{} {}（{}）— {}", it.action.label(locale), it.name, it.id_number, it.reason) }</li>
            }) }</ul> }
        }),
        col(i18n.t(Key::StatusLabel), move |u: &PoolUpdate| {
            status_tag(u.status, locale)
        }),
        col(i18n.t(Key::AffRequestedBy), |u: &PoolUpdate| {
            html! { <>{ &u.applied_by }<span class="muted cell-sub">{ china_time(&u.applied_at) }</span></> }
        }),
        col(i18n.t(Key::AffDecision), |u: &PoolUpdate| {
            html! { <>{ u.audited_by.clone().unwrap_or_default() }
            if let Some(at) = &u.audited_at { <span class="muted cell-sub">{ china_time(at) }</span> }
            if let Some(o) = &u.opinion { <span class="muted cell-sub">{ o }</span> }</> }
        }),
        col(i18n.t(Key::Actions), move |u: &PoolUpdate| {
            let testids = [
                format!("approve-update-{}", u.id),
                format!("reject-update-{}", u.id),
            ];
            let labels = [t(locale, Key::AffApprove), t(locale, Key::AffReject)];
            let decide = |approve| Dialog::Decide(Box::new(u.clone()), approve);
            html! { if u.can_decide { { decision_buttons(&to, testids, labels, decide) } } }
        }),
    ];
    let actions = html! { if may_apply {
        <button type="button" class="button button-primary" data-testid="new-pool-update" onclick={open.reform(|_| Dialog::Apply)}>
            { i18n.t(Key::ExpFileUpdate) }
        </button>
    } };
    html! {
        <ListPage<PoolUpdate> name="pool-updates" title={Module::PoolUpdateQuery.name(locale)} path="/api/v1/pool-updates"
            export=false intro={i18n.t(Key::ExpUpdatesIntro)}
            filters={vec![
                select("status", i18n.t(Key::StatusLabel), enum_options(PoolUpdateStatus::ALL, PoolUpdateStatus::as_str, |s| s.label(locale))),
                number("committee_id", i18n.t(Key::ExpCommitteeId)),
            ]} {columns} {actions} control={control.clone()}>
            { dialog_view }
        </ListPage<PoolUpdate>>
    }
}

/// 专家库更新申请: members to remove and known experts to add, with one reason.
#[component]
fn ApplyDialog(props: &DoneProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let (pending, on_submit) = use_submit(&props.on_done, move |api, form| {
        let refuse = |key| Err(Refusal::new(t(locale, key)));
        let Ok(committee_id) = form.text("committee_id").parse::<i64>() else {
            return refuse(Key::FieldsRequired);
        };
        let reason = form.text("item_reason");
        let (start, end) = (form.text("term_start"), form.text("term_end"));
        let mut items: Vec<PoolUpdateItemInput> = ids(&form.text("remove"))
            .into_iter()
            .map(|m| PoolUpdateItemInput {
                action: PoolUpdateAction::Remove,
                expert_id: None,
                entry: None,
                pool_member_id: Some(m),
                term_start: None,
                term_end: None,
                reason: reason.clone(),
            })
            .collect();
        let adds = ids(&form.text("add"));
        if !adds.is_empty() && !validity_ok(&start, &end) {
            return refuse(Key::ExpTermTooLong);
        }
        items.extend(adds.into_iter().map(|x| PoolUpdateItemInput {
            action: PoolUpdateAction::Add,
            expert_id: Some(x),
            entry: None,
            pool_member_id: None,
            term_start: Some(start.clone()),
            term_end: Some(end.clone()),
            reason: reason.clone(),
        }));
        if items.is_empty() || reason.is_empty() {
            return refuse(Key::ExpChangesRequired);
        }
        let request = CreatePoolUpdate {
            committee_id,
            reason: form.text("reason"),
            items,
        };
        Ok(async move {
            let u = api::experts::file_update(&api, &request).await;
            u.map(|u| Flash::Success(fill(t(locale, Key::ExpUpdateFiled), &u.committee.name)))
        })
    });
    html! {
        <FormDialog title={i18n.t(Key::ExpFileUpdate)} name="pool-update" submit_label={i18n.t(Key::AffSubmit)}
            wide=true {pending} {on_submit} on_close={props.on_close.clone()}>
            <TextField name="committee_id" testid="update-committee" label={i18n.t(Key::ExpCommitteeId)} input_type="number" required=true />
            <TextField name="remove" testid="update-remove" label={i18n.t(Key::ExpRemoveMembers)} hint={i18n.t(Key::ExpIdsHint)} />
            <TextField name="add" testid="update-add" label={i18n.t(Key::ExpAddExperts)} hint={i18n.t(Key::ExpIdsHint)} />
            <div class="form-grid">
                <TextField name="term_start" testid="update-term-start" label={i18n.t(Key::ExpTermStart)} input_type="date" />
                <TextField name="term_end" testid="update-term-end" label={i18n.t(Key::ExpTermEnd)} input_type="date" hint={i18n.t(Key::ExpTermRule)} />
            </div>
            <TextField name="item_reason" testid="update-item-reason" label={i18n.t(Key::ExpReason)} required=true maxlength={500} />
            <OpinionField name="reason" testid="update-reason" label={i18n.t(Key::ExpUpdateExplain)} maxlength={1000} />
        </FormDialog>
    }
}

/// 审核通过 / 审核不通过 of a pool update, on the kit's decision dialog.
#[component]
fn DecideDialog(props: &DecideProps<PoolUpdate>) -> Html {
    let locale = use_i18n().locale;
    let (approve, u) = (props.approve, &props.item);
    let (id, version) = (u.id, u.version);
    let request = use_decision(
        u.committee.name.clone(),
        Key::ExpDecided,
        move |api, opinion| {
            let decision = PoolDecision {
                approve,
                opinion,
                version,
            };
            async move { api::experts::decide_update(&api, id, &decision).await }
        },
    );
    let action = approve_or_reject(locale, approve);
    html! {
        <DecisionDialog name="decide-update" {action} {approve} decide={request}
            on_done={props.on_done.clone()} on_close={props.on_close.clone()}>
            <p>{ &u.committee.name }</p>
            <ul class="plain-list">{ for u.items.iter().map(|it| html! {
                <li>{ format!("{} {} — {}", it.action.label(locale), it.name, it.reason) }</li>
            }) }</ul>
        </DecisionDialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_split_on_any_separator() {
        assert_eq!(ids("1, 2；3 4、x"), vec![1, 2, 3, 4]);
    }
}
