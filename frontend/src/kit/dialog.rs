//! The one dialog pattern: a form in a modal ([`FormDialog`]) with its request's pending
//! state, the server's error shown at the field it names (the envelope's `field`), and — for
//! final or destructive actions — one confirmation step that names the action and the object
//! ([`confirm_question`]). [`Confirm`] is that step on its own, for actions without fields.
//! Focus is trapped by the native `<dialog>`, restored on close; Esc closes (see `Modal`).

use shared::Locale;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::Api;
use crate::api::ApiError;
use crate::components::alert::{flash_view, Flash};
use crate::components::form::FormValues;
use crate::components::modal::Modal;
use crate::hooks::use_api;
use crate::i18n::{fill, fill_n, t, use_i18n, Key};
use crate::kit::fields::OpinionField;

/// "确定要撤回“张三的申报”吗？": the action's name where the verb goes, the object's where the
/// object goes, in every language — the one wording of every confirmation.
pub fn confirm_question(locale: Locale, action: &str, object: &str) -> String {
    fill_n(t(locale, Key::KitConfirmQuestion), &[action, object])
}

/// The error a dialog shows: the message, and the field it belongs to when the server (or the
/// page's own check) named one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldError {
    /// The request field at fault.
    pub field: Option<String>,
    /// What to say.
    pub message: Option<String>,
}

impl FieldError {
    /// The message when it belongs to `name`.
    pub fn at(&self, name: &str) -> Option<&str> {
        match (&self.field, &self.message) {
            (Some(field), Some(message)) if field == name => Some(message),
            _ => None,
        }
    }

    /// The message when it belongs to no field the form shows (`shown` are the form's names).
    pub fn general(&self, shown: &[String]) -> Option<&str> {
        match &self.field {
            Some(field) if shown.iter().any(|s| s == field) => None,
            _ => self.message.as_deref(),
        }
    }
}

/// A request under way from a dialog: busy while it runs; its error, at a field or not.
#[derive(Clone, PartialEq)]
pub struct Pending {
    /// The request runs.
    pub busy: UseStateHandle<bool>,
    /// Its error, or a check of the form that failed.
    pub error: UseStateHandle<FieldError>,
    locale: Locale,
}

/// The state of a dialog's request.
#[hook]
pub fn use_pending() -> Pending {
    let locale = use_i18n().locale;
    Pending {
        busy: use_state(|| false),
        error: use_state(FieldError::default),
        locale,
    }
}

impl Pending {
    /// Shows a message (a check of the form failed); nothing is sent.
    pub fn fail(&self, message: impl Into<String>) {
        self.error.set(FieldError {
            field: None,
            message: Some(message.into()),
        });
    }

    /// Shows a message at a field; nothing is sent.
    pub fn fail_at(&self, field: &str, message: impl Into<String>) {
        self.error.set(FieldError {
            field: Some(field.to_owned()),
            message: Some(message.into()),
        });
    }

    /// Runs `request` unless one is under way; `done` gets the answer, a failure stays in the
    /// dialog (at its field when the server named one).
    pub fn run<T: 'static>(
        &self,
        request: impl Future<Output = Result<T, ApiError>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        if *self.busy {
            return;
        }
        self.busy.set(true);
        self.error.set(FieldError::default());
        let this = self.clone();
        spawn_local(async move {
            match request.await {
                Ok(value) => {
                    this.busy.set(false);
                    done(value);
                }
                Err(e) => {
                    this.error.set(FieldError {
                        field: e.field().map(str::to_owned),
                        message: Some(e.message(this.locale)),
                    });
                    this.busy.set(false);
                }
            }
        });
    }
}

/// Props of a dialog that only finishes or closes (a creation, a form of its own).
#[derive(Properties, PartialEq)]
pub struct DoneProps {
    /// Done: the message for the page.
    pub on_done: Callback<Flash>,
    /// Cancelled or closed.
    pub on_close: Callback<()>,
}

/// Props of a dialog that creates one `T` (`item` none) or edits it.
#[derive(Properties, PartialEq)]
pub struct EditProps<T: PartialEq> {
    /// What is edited; none for a new one.
    #[prop_or_default]
    pub item: Option<T>,
    /// Saved: the message for the page.
    pub on_done: Callback<Flash>,
    /// Cancelled or closed.
    pub on_close: Callback<()>,
}

/// Why a form is not sent: what to say, at a field or above the buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    field: Option<&'static str>,
    message: String,
}

impl Refusal {
    /// A message for the whole form.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            field: None,
            message: message.into(),
        }
    }

    /// A message at `field`.
    pub fn at(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field: Some(field),
            message: message.into(),
        }
    }
}

/// A form dialog's request: `request(api, form)` checks the form — a [`Refusal`] stays in the
/// dialog and nothing is sent — and answers what to send; its message goes to `on_done`, a
/// failure stays in the dialog (see [`Pending::run`]). Gives the dialog's pending state and
/// its `on_submit`.
#[hook]
pub fn use_submit<F, Fut>(on_done: &Callback<Flash>, request: F) -> (Pending, Callback<FormValues>)
where
    F: Fn(Api, FormValues) -> Result<Fut, Refusal> + 'static,
    Fut: Future<Output = Result<Flash, ApiError>> + 'static,
{
    let api = use_api();
    let pending = use_pending();
    let on_submit = {
        let (pending, on_done) = (pending.clone(), on_done.clone());
        Callback::from(move |form: FormValues| match request(api.clone(), form) {
            Ok(send) => {
                let on_done = on_done.clone();
                pending.run(send, move |flash| on_done.emit(flash));
            }
            Err(Refusal {
                field: Some(field),
                message,
            }) => pending.fail_at(field, message),
            Err(Refusal {
                field: None,
                message,
            }) => pending.fail(message),
        })
    };
    (pending, on_submit)
}

/// Props of [`FormDialog`].
#[derive(Properties, PartialEq)]
pub struct FormDialogProps {
    /// The heading.
    pub title: AttrValue,
    /// The dialog's name: `data-testid="dialog-<name>"`.
    pub name: AttrValue,
    /// The submitting button's text.
    pub submit_label: AttrValue,
    /// A red submitting button (final or destructive actions).
    #[prop_or_default]
    pub danger: bool,
    /// Asked once before the request is sent (see [`confirm_question`]).
    #[prop_or_default]
    pub confirm: Option<AttrValue>,
    /// The page's own check of the values before the confirmation step: `false` (after it
    /// has shown why through [`Pending::fail`]) keeps the form open without asking.
    #[prop_or_default]
    pub check: Option<Callback<FormValues, bool>>,
    /// Two-column width.
    #[prop_or_default]
    pub wide: bool,
    /// The submitting button waits for something first (an upload for its passing check).
    #[prop_or_default]
    pub submit_disabled: bool,
    /// The request's state.
    pub pending: Pending,
    /// Submitted (and confirmed): the form's values.
    pub on_submit: Callback<FormValues>,
    /// Cancelled or closed.
    pub on_close: Callback<()>,
    /// The fields and explanations.
    #[prop_or_default]
    pub children: Html,
}

/// A form in a modal dialog: `dialog-<name>`, buttons `dialog-cancel` / `dialog-submit`, and
/// in the confirmation step `confirm-message`, `confirm-no` / `confirm-yes`.
#[component]
pub fn FormDialog(props: &FormDialogProps) -> Html {
    let i18n = use_i18n();
    let form_id = format!("dialog-{}-form", props.name);
    let busy = *props.pending.busy;
    // The values waiting for 确定 in the confirmation step.
    let waiting = use_state(|| None::<FormValues>);
    let names = use_mut_ref(Vec::<String>::new);
    let form_ref = use_node_ref();
    {
        let (names, form_ref) = (names.clone(), form_ref.clone());
        use_effect(move || {
            *names.borrow_mut() = field_names(&form_ref);
        });
    }
    let onsubmit = {
        let (on_submit, waiting, confirm) = (
            props.on_submit.clone(),
            waiting.clone(),
            props.confirm.is_some(),
        );
        let (check, pending) = (props.check.clone(), props.pending.clone());
        Callback::from(move |e: SubmitEvent| {
            if let Some(form) = FormValues::from_submit(&e) {
                if check
                    .as_ref()
                    .is_some_and(|check| !check.emit(form.clone()))
                {
                    return;
                }
                if confirm {
                    pending.error.set(FieldError::default());
                    waiting.set(Some(form));
                } else {
                    on_submit.emit(form);
                }
            }
        })
    };
    let yes = {
        let (on_submit, waiting) = (props.on_submit.clone(), waiting.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(form) = (*waiting).clone() {
                waiting.set(None);
                on_submit.emit(form);
            }
        })
    };
    let no = {
        let waiting = waiting.clone();
        Callback::from(move |_: MouseEvent| waiting.set(None))
    };
    let error = props.pending.error.general(&names.borrow());
    let error = error.map(|m| Flash::Error(m.to_owned()));
    let submit_class = classes!(
        "button",
        if props.danger {
            "button-danger"
        } else {
            "button-primary"
        }
    );
    let footer = match (&props.confirm, waiting.is_some()) {
        (Some(_), true) => html! {
            <div class="dialog-actions">
                <button type="button" class="button" data-testid="confirm-no" onclick={no}>
                    { i18n.t(Key::KitBack) }
                </button>
                <button type="button" class={submit_class} data-testid="confirm-yes" onclick={yes}>
                    { props.submit_label.clone() }
                </button>
            </div>
        },
        _ => html! {
            <div class="dialog-actions">
                <button type="button" class="button" data-testid="dialog-cancel" disabled={busy}
                    onclick={props.on_close.reform(|_: MouseEvent| ())}>
                    { i18n.t(Key::Cancel) }
                </button>
                <button type="submit" form={form_id.clone()} data-testid="dialog-submit" disabled={busy || props.submit_disabled}
                    aria-busy={busy.to_string()} class={submit_class}>
                    { if busy { AttrValue::from(i18n.t(Key::Saving)) } else { props.submit_label.clone() } }
                </button>
            </div>
        },
    };
    let question = props.confirm.clone().filter(|_| waiting.is_some());
    html! {
        <Modal title={props.title.clone()} testid={format!("dialog-{}", props.name)} wide={props.wide}
            on_close={props.on_close.clone()} {footer}>
            if let Some(question) = question {
                <p class="confirm-message" role="alert" data-testid="confirm-message">{ question }</p>
            }
            <ContextProvider<FieldError> context={(*props.pending.error).clone()}>
                <form ref={form_ref} id={form_id} class="form" novalidate=true {onsubmit}
                    aria-busy={busy.to_string()} hidden={waiting.is_some()}>
                    // A long form shows its error at the top, where it is seen.
                    if props.wide { { flash_view(error.as_ref()) } }
                    { props.children.clone() }
                    if !props.wide { { flash_view(error.as_ref()) } }
                </form>
            </ContextProvider<FieldError>>
        </Modal>
    }
}

/// The fields of a form that show their own error (`data-field` on a kit field).
fn field_names(form: &NodeRef) -> Vec<String> {
    use wasm_bindgen::JsCast;
    let Some(form) = form.cast::<web_sys::HtmlFormElement>() else {
        return Vec::new();
    };
    let Ok(list) = form.query_selector_all("[data-field]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute("data-field"))
        .collect()
}

/// Props of [`Confirm`].
#[derive(Properties, PartialEq)]
pub struct ConfirmProps {
    /// The heading (the action).
    pub title: AttrValue,
    /// The question (see [`confirm_question`]), with any consequence after it.
    pub message: AttrValue,
    /// The confirming button's text (the action).
    pub confirm_label: AttrValue,
    /// A red confirming button (disable, reset, delete).
    #[prop_or_default]
    pub danger: bool,
    /// The request's state.
    pub pending: Pending,
    /// Confirmed.
    pub on_confirm: Callback<()>,
    /// Cancelled or closed.
    pub on_cancel: Callback<()>,
}

/// A confirmation on its own (`dialog-confirm`, `confirm-message`, `confirm-no` /
/// `confirm-yes`), for an action without fields.
#[component]
pub fn Confirm(props: &ConfirmProps) -> Html {
    let i18n = use_i18n();
    let busy = *props.pending.busy;
    let error = props.pending.error.message.clone().map(Flash::Error);
    let footer = html! {
        <div class="dialog-actions">
            <button type="button" class="button" data-testid="confirm-no" disabled={busy}
                onclick={props.on_cancel.reform(|_: MouseEvent| ())}>
                { i18n.t(Key::Cancel) }
            </button>
            <button type="button" data-testid="confirm-yes" disabled={busy} aria-busy={busy.to_string()}
                class={classes!("button", if props.danger { "button-danger" } else { "button-primary" })}
                onclick={props.on_confirm.reform(|_: MouseEvent| ())}>
                { props.confirm_label.clone() }
            </button>
        </div>
    };
    html! {
        <Modal title={props.title.clone()} testid="dialog-confirm" on_close={props.on_cancel.clone()} {footer}>
            <p class="confirm-message" data-testid="confirm-message">{ props.message.clone() }</p>
            { flash_view(error.as_ref()) }
        </Modal>
    }
}

/// The request a confirmed action sends, answering the message to show.
pub type Act = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<Flash, ApiError>>>>>;

/// Wraps a request for [`ConfirmAction`].
pub fn act<F, Fut>(request: F) -> Act
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<Flash, ApiError>> + 'static,
{
    Rc::new(move || Box::pin(request()))
}

/// Props of [`ConfirmAction`].
#[derive(Properties)]
pub struct ConfirmActionProps {
    /// The heading and the confirming button (the action).
    pub action: AttrValue,
    /// The question (see [`confirm_question`]), with any consequence after it.
    pub message: AttrValue,
    /// A red confirming button.
    #[prop_or_default]
    pub danger: bool,
    /// What is sent once confirmed.
    pub act: Act,
    /// Done: the message for the page.
    pub on_done: Callback<Flash>,
    /// Cancelled or closed.
    pub on_cancel: Callback<()>,
}

impl PartialEq for ConfirmActionProps {
    fn eq(&self, other: &Self) -> bool {
        self.action == other.action
            && self.message == other.message
            && self.danger == other.danger
            && Rc::ptr_eq(&self.act, &other.act)
            && self.on_done == other.on_done
            && self.on_cancel == other.on_cancel
    }
}

/// A row action without fields (启用 / 停用, 重置密码, 删除): one confirmation, then the request;
/// a refusal stays in the dialog.
#[component]
pub fn ConfirmAction(props: &ConfirmActionProps) -> Html {
    let pending = use_pending();
    let on_confirm = {
        let (pending, act, on_done) = (pending.clone(), props.act.clone(), props.on_done.clone());
        Callback::from(move |()| {
            let on_done = on_done.clone();
            pending.run(act(), move |flash| on_done.emit(flash));
        })
    };
    html! {
        <Confirm title={props.action.clone()} message={props.message.clone()} confirm_label={props.action.clone()}
            danger={props.danger} {pending} {on_confirm} on_cancel={props.on_cancel.clone()} />
    }
}

/// Props of [`InfoDialog`].
#[derive(Properties, PartialEq)]
pub struct InfoDialogProps {
    /// The heading.
    pub title: AttrValue,
    /// `data-testid="dialog-<name>"`.
    pub name: AttrValue,
    /// Wide (tables, details).
    #[prop_or_default]
    pub wide: bool,
    /// The closing button's text when not 关闭 (已保存密码).
    #[prop_or_default]
    pub close_label: Option<AttrValue>,
    /// Buttons before the closing one (复制).
    #[prop_or_default]
    pub buttons: Html,
    /// Closed (the button, Esc).
    pub on_close: Callback<()>,
    /// What it shows.
    #[prop_or_default]
    pub children: Html,
}

/// A dialog that shows something and only closes (`dialog-<name>`, `btn-close`): a record's
/// details, what a creation answered.
#[component]
pub fn InfoDialog(props: &InfoDialogProps) -> Html {
    let i18n = use_i18n();
    let footer = html! {
        <div class="dialog-actions">
            { props.buttons.clone() }
            <button type="button" class="button button-primary" data-testid="btn-close"
                onclick={props.on_close.reform(|_: MouseEvent| ())}>
                { props.close_label.clone().unwrap_or_else(|| AttrValue::from(i18n.t(Key::Close))) }
            </button>
        </div>
    };
    html! {
        <Modal title={props.title.clone()} testid={format!("dialog-{}", props.name)} wide={props.wide}
            on_close={props.on_close.clone()} {footer}>
            { props.children.clone() }
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confirmation_names_the_action_then_the_object() {
        assert_eq!(
            confirm_question(Locale::ZhCn, "撤回", "周核验"),
            "确定要撤回“周核验”吗？"
        );
        assert_eq!(
            confirm_question(Locale::En, "Withdraw", "Zhou Heyan"),
            "Withdraw “Zhou Heyan”?"
        );
    }

    #[test]
    fn a_field_error_goes_to_its_field_or_to_the_whole_form() {
        let error = FieldError {
            field: Some("phone".into()),
            message: Some("请输入 11 位手机号".into()),
        };
        assert_eq!(error.at("phone"), Some("请输入 11 位手机号"));
        assert_eq!(error.at("name"), None);
        let shown = vec!["name".to_owned(), "phone".to_owned()];
        assert_eq!(error.general(&shown), None);
        // A field the form does not show: the message stays visible above the buttons.
        assert_eq!(
            error.general(&["name".to_owned()]),
            Some("请输入 11 位手机号")
        );
        let plain = FieldError {
            field: None,
            message: Some("版本冲突".into()),
        };
        assert_eq!(plain.general(&shown), Some("版本冲突"));
        assert_eq!(FieldError::default().general(&shown), None);
    }
}

/// The request a decision sends with its opinion (none when left empty), answering the
/// message to show.
pub type Decide =
    Rc<dyn Fn(Option<String>) -> Pin<Box<dyn Future<Output = Result<Flash, ApiError>>>>>;

/// Wraps a request for [`DecisionDialog`].
pub fn decide<F, Fut>(request: F) -> Decide
where
    F: Fn(Option<String>) -> Fut + 'static,
    Fut: Future<Output = Result<Flash, ApiError>> + 'static,
{
    Rc::new(move |opinion| Box::pin(request(opinion)))
}

/// Props of a page's dialog that decides on one `item`: approve (审核通过, 受理, 同意) or not.
#[derive(Properties, PartialEq)]
pub struct DecideProps<T: PartialEq> {
    /// What is decided on.
    pub item: T,
    /// The favourable decision (true) or the other.
    pub approve: bool,
    /// Decided: the message for the page.
    pub on_done: Callback<Flash>,
    /// Cancelled or closed.
    pub on_close: Callback<()>,
}

/// 审核通过 or 审核不通过, the heading of most decisions.
pub fn approve_or_reject(locale: Locale, approve: bool) -> &'static str {
    t(
        locale,
        if approve {
            Key::AffApprove
        } else {
            Key::AffReject
        },
    )
}

/// The request of a [`DecisionDialog`]: `send(api, opinion)`, then the message `done` naming
/// `name`.
#[hook]
pub fn use_decision<F, Fut, R>(name: String, done: Key, send: F) -> Decide
where
    F: Fn(Api, Option<String>) -> Fut + 'static,
    Fut: Future<Output = Result<R, ApiError>> + 'static,
    R: 'static,
{
    let api = use_api();
    let locale = use_i18n().locale;
    decide(move |opinion| {
        let (request, name) = (send(api.clone(), opinion), name.clone());
        async move {
            request.await?;
            Ok(Flash::Success(fill(t(locale, done), &name)))
        }
    })
}

/// Props of [`DecisionDialog`].
#[derive(Properties)]
pub struct DecisionDialogProps {
    /// `data-testid="dialog-<name>"`.
    pub name: AttrValue,
    /// The decision (审核通过 / 审核不通过, 受理 / 不予受理, 同意 / 驳回): heading and button.
    pub action: AttrValue,
    /// The favourable decision; the other one needs an opinion and has a red button.
    pub approve: bool,
    /// Asked once before the request is sent (a final change).
    #[prop_or_default]
    pub confirm: Option<AttrValue>,
    /// What is sent.
    pub decide: Decide,
    /// Decided: the message for the page.
    pub on_done: Callback<Flash>,
    /// Cancelled or closed.
    pub on_close: Callback<()>,
    /// What is decided on (facts, a list of changes).
    #[prop_or_default]
    pub children: Html,
}

impl PartialEq for DecisionDialogProps {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.action == other.action
            && self.approve == other.approve
            && self.confirm == other.confirm
            && Rc::ptr_eq(&self.decide, &other.decide)
            && self.on_done == other.on_done
            && self.on_close == other.on_close
            && self.children == other.children
    }
}

/// The one approve-or-reject dialog: what is decided on, the opinion (审核意见, required to
/// reject, shown at the field when missing), the pending state and any confirmation.
#[component]
pub fn DecisionDialog(props: &DecisionDialogProps) -> Html {
    let i18n = use_i18n();
    let pending = use_pending();
    let locale = i18n.locale;
    let approve = props.approve;
    let on_submit = {
        let (pending, decide, on_done) =
            (pending.clone(), props.decide.clone(), props.on_done.clone());
        Callback::from(move |form: FormValues| {
            let opinion = form.opt("opinion");
            if !approve && opinion.is_none() {
                return pending.fail_at("opinion", t(locale, Key::AffOpinionRequired));
            }
            let on_done = on_done.clone();
            pending.run(decide(opinion), move |flash| on_done.emit(flash));
        })
    };
    html! {
        <FormDialog title={props.action.clone()} name={props.name.clone()} submit_label={props.action.clone()}
            danger={!approve} confirm={props.confirm.clone()} {pending} {on_submit} on_close={props.on_close.clone()}>
            { props.children.clone() }
            <OpinionField label={i18n.t(Key::AffOpinion)} required={!approve} />
        </FormDialog>
    }
}
