//! The session page's dialogs (manual §6.2.10.1), on the kit: 新建小组, 抽取 / 重新抽取 (the
//! reason of a re-draw is kept with the draw record), 谢绝 (with its reason) and 开始评审.

use shared::sessions::{Decline, DrawRequest, SessionExpert};
use yew::prelude::*;

use crate::api;
use crate::components::alert::Flash;
use crate::components::form::FormValues;
use crate::hooks::use_api;
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::dialog::{act, confirm_question, use_pending, ConfirmAction, FormDialog};
use crate::kit::fields::{OpinionField, TextField};

/// What the session page has open.
#[derive(Clone, PartialEq)]
pub enum SessionDialog {
    /// Nothing.
    None,
    /// 新建小组.
    AddGroup,
    /// 抽取 (every group when `group` is none); `redraw` when a draw of that scope exists.
    Draw {
        /// The group (name), or every group.
        group: Option<(i64, String)>,
        /// A draw of this scope exists: the reason is required.
        redraw: bool,
    },
    /// 谢绝 an expert drawn.
    Decline(Box<SessionExpert>),
    /// 开始评审.
    Start,
}

/// Props of [`SessionDialogView`].
#[derive(Properties, PartialEq)]
pub struct SessionDialogProps {
    /// The session.
    pub id: i64,
    /// Its name (in the questions).
    pub name: AttrValue,
    /// The version read.
    pub version: i64,
    /// The open dialog.
    pub dialog: SessionDialog,
    /// Done: the message for the page (which reloads).
    pub on_done: Callback<Flash>,
    /// Closed.
    pub on_close: Callback<()>,
}

/// The open dialog of the session page.
#[component]
pub fn SessionDialogView(props: &SessionDialogProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let pending = use_pending();
    let locale = i18n.locale;
    let (id, version) = (props.id, props.version);
    let (on_done, on_close) = (props.on_done.clone(), props.on_close.clone());
    match &props.dialog {
        SessionDialog::None => Html::default(),
        SessionDialog::AddGroup => {
            let on_submit = {
                let (pending, api, on_done) = (pending.clone(), api.clone(), on_done.clone());
                Callback::from(move |form: FormValues| {
                    let name = form.text("name");
                    if name.trim().is_empty() {
                        return pending.fail_at("name", t(locale, Key::FieldsRequired));
                    }
                    let (api, on_done) = (api.clone(), on_done.clone());
                    pending.run(
                        async move { api::sessions::create_group(&api, id, name).await },
                        move |g| {
                            on_done
                                .emit(Flash::Success(fill(t(locale, Key::SesGroupAdded), &g.name)))
                        },
                    );
                })
            };
            html! {
                <FormDialog title={i18n.t(Key::SesAddGroup)} name="group" submit_label={i18n.t(Key::SesAddGroup)}
                    {pending} {on_submit} {on_close}>
                    <TextField name="name" testid="group-name" label={i18n.t(Key::SesGroupName)} required=true maxlength={100} />
                </FormDialog>
            }
        }
        SessionDialog::Draw { group, redraw } => {
            let redraw = *redraw;
            let group_id = group.as_ref().map(|(g, _)| *g);
            let on_submit = {
                let (pending, api, on_done) = (pending.clone(), api.clone(), on_done.clone());
                Callback::from(move |form: FormValues| {
                    let reason = form.opt("reason");
                    if redraw && reason.is_none() {
                        return pending.fail_at("reason", t(locale, Key::SesRedrawReasonRequired));
                    }
                    let body = DrawRequest {
                        version,
                        group_id,
                        reason,
                    };
                    let (api, on_done) = (api.clone(), on_done.clone());
                    pending.run(
                        async move { api::sessions::draw(&api, id, &body).await },
                        move |draws| {
                            let picked: usize = draws.iter().map(|d| d.result.len()).sum();
                            on_done.emit(Flash::Success(fill(
                                t(locale, Key::SesDrawn),
                                &picked.to_string(),
                            )))
                        },
                    );
                })
            };
            let (title, object) = match (group, redraw) {
                (Some((_, name)), _) => (Key::SesRedrawGroup, name.clone()),
                (None, true) => (Key::SesRedrawAll, props.name.to_string()),
                (None, false) => (Key::SesDrawAll, props.name.to_string()),
            };
            let confirm = format!(
                "{}{}",
                confirm_question(locale, i18n.t(title), &object),
                i18n.t(Key::SesDrawKept)
            );
            html! {
                <FormDialog title={i18n.t(title)} name="draw" submit_label={i18n.t(title)}
                    confirm={AttrValue::from(confirm)} {pending} {on_submit} {on_close}>
                    <p class="field-hint">{ i18n.t(Key::SesDrawRules) }</p>
                    <OpinionField name="reason" testid="draw-reason" label={i18n.t(Key::SesRedrawReason)}
                        required={redraw} />
                </FormDialog>
            }
        }
        SessionDialog::Decline(expert) => {
            let (eid, ev, name) = (expert.id, expert.version, expert.name.clone());
            let on_submit = {
                let (pending, api, on_done) = (pending.clone(), api.clone(), on_done.clone());
                Callback::from(move |form: FormValues| {
                    let Some(reason) = form.opt("reason") else {
                        return pending.fail_at("reason", t(locale, Key::SesDeclineReasonRequired));
                    };
                    let body = Decline {
                        version: ev,
                        reason,
                    };
                    let (api, on_done, name) = (api.clone(), on_done.clone(), name.clone());
                    pending.run(
                        async move { api::sessions::decline(&api, eid, &body).await },
                        move |_| {
                            on_done.emit(Flash::Success(fill(t(locale, Key::SesDeclined), &name)))
                        },
                    );
                })
            };
            html! {
                <FormDialog title={i18n.t(Key::SesDecline)} name="decline" submit_label={i18n.t(Key::SesDecline)} danger=true
                    confirm={AttrValue::from(confirm_question(locale, i18n.t(Key::SesDecline), &expert.name))}
                    {pending} {on_submit} {on_close}>
                    <p>{ format!("{} · {}", expert.name, expert.employer) }</p>
                    <OpinionField name="reason" testid="decline-reason" label={i18n.t(Key::SesDeclineReason)} required=true />
                </FormDialog>
            }
        }
        SessionDialog::Start => {
            let request = act(move || {
                let api = api.clone();
                async move {
                    api::sessions::start(&api, id, version)
                        .await
                        .map(|s| Flash::Success(fill(t(locale, Key::SesStarted), &s.name)))
                }
            });
            let message = format!(
                "{}{}",
                confirm_question(locale, i18n.t(Key::SesStart), &props.name),
                i18n.t(Key::SesStartMore)
            );
            html! {
                <ConfirmAction action={i18n.t(Key::SesStart)} {message} act={request} {on_done} on_cancel={on_close} />
            }
        }
    }
}
