//! The pool's actions on the person rather than on one membership (manual §6.5.1): 编辑 (the
//! pre-entry fields, for every pool the person is in) and 违规记录 (an integrity record, kept,
//! that removes the person from every pool). Both send the person's version as read.

use shared::expert_pool::{IntegrityRecordRequest, PoolMember};
use yew::prelude::*;

use super::entry::{edit_from, EntryFields};
use crate::api;
use crate::components::alert::Flash;
use crate::components::form::FormValues;
use crate::hooks::use_api;
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::dialog::{confirm_question, use_pending, use_submit, FormDialog, Refusal};
use crate::kit::fields::OpinionField;

/// Props of the dialogs on a person.
#[derive(Properties, PartialEq)]
pub struct PersonProps {
    /// The row the action was started from.
    pub member: PoolMember,
    /// Done: the message for the list.
    pub on_done: Callback<Flash>,
    /// Closed without acting.
    pub on_close: Callback<()>,
}

/// 编辑 (`dialog-expert-edit`): the pre-entry fields prefilled; the server's refusal at its field.
#[component]
pub fn EditDialog(props: &PersonProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let expert = &props.member.expert;
    let (id, version) = (expert.id, expert.version);
    let (pending, on_submit) = use_submit(&props.on_done, move |api, form| {
        let request = edit_from(&form, version).map_err(|key| Refusal::new(t(locale, key)))?;
        Ok(async move {
            let d = api::experts::edit(&api, id, &request).await;
            d.map(|d| Flash::Success(fill(t(locale, Key::ExpEdited), &d.expert.name)))
        })
    });
    html! {
        <FormDialog title={i18n.t(Key::ExpEditTitle)} name="expert-edit" submit_label={i18n.t(Key::Save)}
            wide=true {pending} {on_submit} on_close={props.on_close.clone()}>
            <p class="muted" data-testid="dialog-subject">{ i18n.t(Key::ExpEditHint) }</p>
            <EntryFields expert={Some(expert.clone())} />
        </FormDialog>
    }
}

/// 违规记录 (`dialog-integrity`): what happened (required), then one confirmation that names
/// the person, since it is final.
#[component]
pub fn IntegrityDialog(props: &PersonProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let pending = use_pending();
    let locale = i18n.locale;
    let expert = &props.member.expert;
    let check = {
        let pending = pending.clone();
        Callback::from(move |form: FormValues| {
            let given = form.opt("record").is_some();
            if !given {
                pending.fail_at("record", t(locale, Key::ExpIntegrityRequired));
            }
            given
        })
    };
    let on_submit = {
        let (pending, api, on_done) = (pending.clone(), api.clone(), props.on_done.clone());
        let (id, version, name) = (expert.id, expert.version, expert.name.clone());
        Callback::from(move |form: FormValues| {
            let request = IntegrityRecordRequest {
                record: form.text("record"),
                version,
            };
            let (api, on_done, name) = (api.clone(), on_done.clone(), name.clone());
            pending.run(
                async move { api::experts::record_integrity(&api, id, &request).await },
                move |_| {
                    on_done.emit(Flash::Success(fill(
                        t(locale, Key::ExpIntegrityRecorded),
                        &name,
                    )))
                },
            );
        })
    };
    let action = i18n.t(Key::ExpIntegrityAction);
    let confirm = AttrValue::from(format!(
        "{} {}",
        confirm_question(locale, action, &expert.name),
        i18n.t(Key::ExpIntegrityWarning)
    ));
    html! {
        <FormDialog title={i18n.t(Key::ExpIntegrity)} name="integrity" submit_label={action} danger=true
            confirm={Some(confirm)} check={Some(check)} {pending} {on_submit} on_close={props.on_close.clone()}>
            <p data-testid="dialog-subject">
                <strong>{ &expert.name }</strong>
                <span class="muted">{ " · " }{ &expert.id_number }{ " · " }{ &expert.employer.name }</span>
            </p>
            <p class="alert alert-warning">{ i18n.t(Key::ExpIntegrityWarning) }</p>
            <OpinionField name="record" testid="dialog-record" label={i18n.t(Key::ExpIntegrityRecord)}
                required=true maxlength={1000} />
        </FormDialog>
    }
}
