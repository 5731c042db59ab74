//! The outcome of an action: a success or the API's error message.

use yew::prelude::*;

/// What to tell the user after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flash {
    /// It worked.
    Success(String),
    /// It did not; the API's message.
    Error(String),
}

/// `alert-success` (a polite status) or `alert-error` (an alert), or nothing.
pub fn flash_view(flash: Option<&Flash>) -> Html {
    match flash {
        Some(Flash::Success(message)) => html! {
            <p class="alert alert-success page-alert" role="status" data-testid="alert-success">{ message }</p>
        },
        Some(Flash::Error(message)) => html! {
            <p class="alert alert-error page-alert" role="alert" data-testid="alert-error">{ message }</p>
        },
        None => Html::default(),
    }
}
