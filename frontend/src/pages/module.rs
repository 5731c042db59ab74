//! `/m/<module code>`: a module of SPEC §8 that has no screen yet, or the no-access page.

use shared::Module;
use yew::prelude::*;

use crate::i18n::{use_i18n, Key};
use crate::nav::module_route;
use crate::pages::not_found::NotFound;
use crate::routes::Route;
use crate::state::session::use_session;
use crate::switch::Replace;

/// Props of [`ModulePage`].
#[derive(Properties, PartialEq)]
pub struct ModulePageProps {
    /// The dotted module code from the path.
    pub code: AttrValue,
}

/// The module's name and "available in a later release", for an account holding it.
#[component]
pub fn ModulePage(props: &ModulePageProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let Some(module) = Module::from_code(&props.code) else {
        return html! { <NotFound /> };
    };
    if !session.status.signed_in().is_some_and(|s| s.holds(module)) {
        return html! { <NoAccess {module} /> };
    }
    let own = module_route(module);
    if !matches!(own, Route::Module { .. }) {
        return html! { <Replace to={own} next={None::<String>} /> };
    }
    html! {
        <section class="page" data-testid="page-module" data-module={module.code()}>
            <h1 class="page-title">{ module.name(i18n.locale) }</h1>
            <div class="panel">
                <p class="empty-state" data-testid="module-pending">{ i18n.t(Key::ModulePending) }</p>
            </div>
        </section>
    }
}

/// Props of [`NoAccess`].
#[derive(Properties, PartialEq)]
pub struct NoAccessProps {
    /// The module asked for.
    pub module: Module,
}

/// 无权访问: the account does not hold the module (the API refuses it too).
#[component]
pub fn NoAccess(props: &NoAccessProps) -> Html {
    let i18n = use_i18n();
    html! {
        <section class="page" data-testid="page-no-access">
            <h1 class="page-title">{ i18n.t(Key::NoAccessHeading) }</h1>
            <div class="panel">
                <p class="alert alert-warning">
                    <span class="alert-title">{ props.module.name(i18n.locale) }</span>
                    { " — " }
                    { i18n.t(Key::NoAccessText) }
                </p>
            </div>
        </section>
    }
}
