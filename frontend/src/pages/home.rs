//! Home page. The to-do dashboard (counts per queue) arrives with the workflow screens.

use yew::prelude::*;

use crate::i18n::{use_i18n, Key};

/// Welcome heading and what the system is for.
#[component]
pub fn Home() -> Html {
    let i18n = use_i18n();
    html! {
        <section class="page" data-testid="page-home">
            <h1 class="page-title">{ i18n.t(Key::HomeHeading) }</h1>
            <div class="panel">
                <p class="lead">{ i18n.t(Key::HomeIntro) }</p>
            </div>
        </section>
    }
}
