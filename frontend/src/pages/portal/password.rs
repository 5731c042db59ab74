//! `/password` (密码修改, module `portal.password`).

use shared::Module;
use yew::prelude::*;

use crate::components::password_form::PasswordForm;
use crate::i18n::use_i18n;
use crate::pages::module::NoAccess;
use crate::state::session::use_session;

/// The password change page.
#[component]
pub fn Password() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    if !session
        .status
        .signed_in()
        .is_some_and(|s| s.holds(Module::Password))
    {
        return html! { <NoAccess module={Module::Password} /> };
    }
    html! {
        <section class="page" data-testid="page-password">
            <h1 class="page-title">{ Module::Password.name(i18n.locale) }</h1>
            <div class="panel">
                <PasswordForm />
            </div>
            <crate::pages::portal::mfa::MfaEnroll />
        </section>
    }
}
