//! Shown for any path that is not a route.

use yew::prelude::*;

use crate::components::nav_link::NavLink;
use crate::i18n::{use_i18n, Key};
use crate::routes::Route;

/// A friendly "page not found" with a way back.
#[component]
pub fn NotFound() -> Html {
    let i18n = use_i18n();
    html! {
        <section class="page" data-testid="page-not-found">
            <h1 class="page-title">{ i18n.t(Key::NotFoundHeading) }</h1>
            <div class="panel">
                <p class="lead">{ i18n.t(Key::NotFoundText) }</p>
                <p>
                    <NavLink to={Route::Home} classes="button button-primary">
                        { i18n.t(Key::BackHome) }
                    </NavLink>
                </p>
            </div>
        </section>
    }
}
