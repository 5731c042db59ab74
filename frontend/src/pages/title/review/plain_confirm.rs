//! The applicant's own moves without fields (issue 9 point 12): 提交申报 is a plain
//! "确定要…吗？" — no opinion — and 作废 says what it means before it is confirmed. Before
//! 提交申报 the kinds of material the series requires are checked as the server checks them
//! (`shared::attachments::missing_categories`), so a missing one is named without a request.

use std::rc::Rc;

use shared::application::{ActionFields, ActionRequest, Application};
use shared::workflow::Action;
use shared::ErrorCode;
use yew::prelude::*;

use super::action_dialog::Outcome;
use super::attachments::missing_text;
use crate::api;
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::dialog::{confirm_question, use_pending, Confirm};

/// Whether `action` is confirmed plainly (no field) by [`PlainConfirm`].
pub fn is_plain(action: Action) -> bool {
    matches!(action, Action::Submit | Action::Void)
}

/// The consequence said after the question, if any.
pub fn consequence(action: Action) -> Option<Key> {
    match action {
        Action::Void => Some(Key::AttVoidWarning),
        _ => None,
    }
}

/// Props of [`PlainConfirm`].
#[derive(Properties, PartialEq)]
pub struct PlainConfirmProps {
    /// Submit or void.
    pub action: Action,
    /// The application, as read.
    pub app: Rc<Application>,
    /// Done.
    pub on_done: Callback<Outcome>,
    /// Closed without acting.
    pub on_close: Callback<()>,
}

/// The confirmation (`dialog-confirm`, `confirm-yes`).
#[component]
pub fn PlainConfirm(props: &PlainConfirmProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let pending = use_pending();
    let action = props.action;
    let checked = {
        let api = api.clone();
        let (id, series) = (props.app.id, props.app.series);
        use_load((id, action), move |(id, action)| async move {
            if action != Action::Submit {
                return Ok(String::new());
            }
            let files = api::applications::attachments(&api, id).await?;
            let kinds = api::attachment_categories::list(&api).await?;
            Ok(missing_text(locale, &kinds, series, &files))
        })
    };
    let missing = match &checked.state {
        Load::Ready(text) if !text.is_empty() => {
            Some(fill(t(locale, Key::AttMissingBeforeSubmit), text))
        }
        _ => None,
    };
    {
        let (pending, missing) = (pending.clone(), missing.clone());
        use_effect_with(missing, move |missing| {
            if let Some(message) = missing {
                pending.fail(message.clone());
            }
        });
    }
    let on_confirm = {
        let (pending, api, app, on_done) = (
            pending.clone(),
            api.clone(),
            props.app.clone(),
            props.on_done.clone(),
        );
        let (missing, ready) = (missing.clone(), matches!(checked.state, Load::Ready(_)));
        Callback::from(move |()| {
            if let Some(message) = &missing {
                return pending.fail(message.clone());
            }
            if !ready {
                return;
            }
            let (api, app, on_done) = (api.clone(), app.clone(), on_done.clone());
            let request = async move {
                let request = ActionRequest {
                    action,
                    version: app.version,
                    opinion: None,
                    fields: ActionFields::default(),
                };
                match api::applications::act(&api, app.id, &request).await {
                    Ok(a) => Ok(Outcome::One(Box::new(a))),
                    Err(e) if e.is(ErrorCode::VersionConflict) => {
                        Ok(Outcome::Stale(e.message(locale)))
                    }
                    Err(e) => Err(e),
                }
            };
            pending.run(request, move |outcome| on_done.emit(outcome));
        })
    };
    let label = action.label(locale);
    let mut message = confirm_question(locale, label, &props.app.name);
    if let Some(key) = consequence(action) {
        message.push(' ');
        message.push_str(i18n.t(key));
    }
    html! {
        <Confirm title={label} {message} confirm_label={label} danger={action == Action::Void}
            {pending} {on_confirm} on_cancel={props.on_close.clone()} />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_applicants_moves_are_plain_and_void_warns() {
        for action in [Action::Submit, Action::Void] {
            assert!(is_plain(action), "{action}");
        }
        // The supplement keeps its optional note of what was added.
        assert!(!is_plain(Action::SubmitSupplement));
        assert!(!is_plain(Action::Withdraw));
        assert!(!is_plain(Action::UnitReject));
        assert_eq!(consequence(Action::Void), Some(Key::AttVoidWarning));
        assert_eq!(consequence(Action::Submit), None);
    }
}
