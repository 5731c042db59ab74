//! System status: what `GET /api/health` says, with loading and error states.

use shared::{DatabaseKind, HealthResponse, HealthStatus};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::i18n::{use_i18n, I18n, Key};

/// Where the health request stands.
#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Ready(HealthResponse),
    Failed(ApiError),
}

/// The status page.
#[component]
pub fn About() -> Html {
    let i18n = use_i18n();
    let load = use_state(|| Load::Loading);
    // Bumped by the refresh button; part of the effect's dependencies.
    let generation = use_state(|| 0_u32);

    {
        let load = load.clone();
        // Reload on a language change too: the error message comes in the request's language.
        use_effect_with((i18n.locale, *generation), move |&(locale, _)| {
            load.set(Load::Loading);
            // A newer request (or leaving the page) makes this one's answer stale.
            let stale = Rc::new(Cell::new(false));
            let mine = stale.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::health::get(locale).await;
                if !mine.get() {
                    load.set(match result {
                        Ok(health) => Load::Ready(health),
                        Err(error) => Load::Failed(error),
                    });
                }
            });
            move || stale.set(true)
        });
    }

    let refresh = {
        let generation = generation.clone();
        Callback::from(move |_: MouseEvent| generation.set(generation.wrapping_add(1)))
    };

    html! {
        <section class="page" data-testid="page-about">
            <div class="page-heading">
                <h1 class="page-title">{ i18n.t(Key::NavAbout) }</h1>
                <button
                    type="button"
                    class="button"
                    onclick={refresh}
                    disabled={*load == Load::Loading}
                >
                    { i18n.t(Key::Refresh) }
                </button>
            </div>
            <div class="panel">
                <p class="muted">{ i18n.t(Key::AboutIntro) }</p>
                { view(&i18n, &load) }
            </div>
        </section>
    }
}

fn view(i18n: &I18n, load: &Load) -> Html {
    match load {
        Load::Loading => html! {
            <p class="state-loading" role="status" data-testid="health-loading">
                { i18n.t(Key::Loading) }
            </p>
        },
        Load::Ready(health) => facts(i18n, health),
        Load::Failed(error) => html! {
            <div class="alert alert-error" role="alert" data-testid="health-error">
                <p class="alert-title">{ i18n.t(Key::HealthLoadFailed) }</p>
                <p>{ error.message(i18n.locale) }</p>
                <p class="muted">
                    { i18n.t(Key::ErrorCodeLabel) }<code>{ error.code() }</code>
                </p>
            </div>
        },
    }
}

fn facts(i18n: &I18n, health: &HealthResponse) -> Html {
    let status = match health.status {
        HealthStatus::Ok => html! {
            <span class="tag tag-success" data-testid="health-status">{ i18n.t(Key::HealthOk) }</span>
        },
    };
    let database = match health.database {
        DatabaseKind::Sqlite => "SQLite",
        DatabaseKind::Postgres => "PostgreSQL",
    };
    html! {
        <dl class="facts">
            <dt>{ i18n.t(Key::HealthStatusLabel) }</dt>
            <dd>{ status }</dd>
            <dt>{ i18n.t(Key::HealthDatabaseLabel) }</dt>
            <dd data-testid="health-database">{ database }</dd>
            <dt>{ i18n.t(Key::HealthVersionLabel) }</dt>
            <dd data-testid="health-version">{ &health.version }</dd>
            <dt>{ i18n.t(Key::HealthMigrationsLabel) }</dt>
            <dd data-testid="health-migrations">{ health.migrations }</dd>
        </dl>
    }
}
