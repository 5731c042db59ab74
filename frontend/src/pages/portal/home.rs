//! Home page. Signed out: a welcome with the login form. Signed in: a welcome with the user's
//! name and unit, and the to-do cards: how many applications wait in each of the caller's
//! queues, and what else waits for it (reviews, votes, sessions, filings, reports).

use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use shared::notices::{Todo, TodoKind};
use shared::workflow::Stage;
use shared::{AccountKind, Module};

use crate::api;
use crate::components::login_form::LoginForm;
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{fill, use_i18n, Key};
use crate::pages::portal::forced_password::PasswordChanged;
use crate::pages::title::review::workflow_rules::queue_module;
use crate::routes::Route;
use crate::state::session::{use_session, SignedIn, Status};

/// The home page.
#[component]
pub fn Home() -> Html {
    let session = use_session();
    match &session.status {
        Status::SignedIn(signed_in) => html! { <Welcome session={(**signed_in).clone()} /> },
        Status::SignedOut(_) | Status::Restoring => html! { <SignedOutHome /> },
    }
}

#[component]
fn SignedOutHome() -> Html {
    let i18n = use_i18n();
    html! {
        <section class="page" data-testid="page-home">
            <h1 class="page-title">{ i18n.t(Key::HomeHeading) }</h1>
            <div class="home-signed-out">
                <div class="panel home-intro">
                    <p class="lead">{ i18n.t(Key::HomeIntro) }</p>
                    <p class="muted">{ i18n.t(Key::HomeSignInPrompt) }</p>
                    <p>
                        <crate::components::nav_link::NavLink to={crate::routes::Route::PublicPublicity} classes="button" testid="link-public-publicity">
                            { i18n.t(Key::NavPublicSite) }
                        </crate::components::nav_link::NavLink>
                    </p>
                </div>
                <div class="panel login-card">
                    <h2 class="panel-title">{ i18n.t(Key::LoginHeading) }</h2>
                    <LoginForm />
                </div>
            </div>
        </section>
    }
}

/// Props of [`Welcome`].
#[derive(Properties, PartialEq)]
struct WelcomeProps {
    session: SignedIn,
}

#[component]
fn Welcome(props: &WelcomeProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let changed = use_location().and_then(|l| l.state::<PasswordChanged>());

    // The account may have changed since login (roles granted or taken): ask the server, and
    // the menu follows.
    {
        let (api, store) = (api.clone(), session.store.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                if let Ok(user) = api::auth::me(&api).await {
                    store.update_user(user);
                }
            });
        });
    }

    let user = &props.session.user;
    html! {
        <section class="page" data-testid="page-home">
            <h1 class="page-title">{ i18n.t(Key::HomeHeading) }</h1>
            if changed.is_some() {
                <p class="alert alert-success page-alert" role="status" data-testid="password-changed">
                    { i18n.t(Key::PasswordChangedWelcome) }
                </p>
            }
            <div class="panel">
                <p class="lead" data-testid="home-welcome">
                    { fill(i18n.t(Key::HomeGreeting), &user.display_name) }
                </p>
                <dl class="facts">
                    <dt>{ i18n.t(Key::HomeUnitLabel) }</dt>
                    <dd data-testid="home-unit">{ &user.unit.name }</dd>
                    <dt>{ i18n.t(Key::HomeKindLabel) }</dt>
                    <dd>{ user.kind.label(i18n.locale) }</dd>
                    <dt>{ i18n.t(Key::LoginUsername) }</dt>
                    <dd>{ &user.username }</dd>
                </dl>
                <p class="muted">{ i18n.t(Key::HomeSignedInIntro) }</p>
            </div>
            <Todos />
            { dashboard_card(&i18n, user.kind) }
        </section>
    }
}

/// The caller's to-dos (`GET /api/v1/todos`, one request): its queues or its own applications,
/// then review forms, votes, sessions, filings to audit and reports to resolve, each a card
/// with its count leading to the page where it is done (already filtered).
#[component]
fn Todos() -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let loaded = use_load((), move |()| async move { api::notices::todos(&api).await });
    let locale = i18n.locale;
    let body = match &loaded.state {
        Load::Ready(todos) if todos.is_empty() => {
            html! { <p class="muted" data-testid="todo-none">{ i18n.t(Key::HomeNoTodo) }</p> }
        }
        Load::Ready(todos) => {
            // An expert's incomplete profile comes first, as a call to act rather than a count.
            let profile = todos.iter().find(|t| t.kind == TodoKind::ExpertProfile);
            html! {
                <>
                    if let Some(t) = profile {
                        <div class="alert alert-warning" role="status" data-testid="profile-incomplete-todo">
                            <p>{ i18n.t(Key::HomeProfileIncomplete) }</p>
                            <a href={t.path.clone()} class="button" data-testid="todo-expert_profile">{ t.kind.label(locale) }</a>
                        </div>
                    }
                    <div class="todo-cards">
                        { for todos.iter().filter(|t| t.kind != TodoKind::ExpertProfile).map(|t| todo_card(t, locale)) }
                    </div>
                </>
            }
        }
        Load::Loading => html! { <p class="muted" aria-busy="true">{ "…" }</p> },
        Load::Failed(e) => {
            html! { <p class="alert alert-error" role="alert">{ e.message(locale) }</p> }
        }
    };
    html! {
        <section class="panel" aria-labelledby="todo-title" data-testid="home-todo">
            <h2 class="panel-title" id="todo-title">{ i18n.t(Key::WfTodoHeading) }</h2>
            { body }
        </section>
    }
}

/// One to-do's card: a queue is named by its module (`todo-<stage>`), the applicant's own
/// list too (`todo-mine`), the rest by their kind (`todo-<kind>[-<publicity kind>]`). A plain
/// link: every page it leads to is another entry's, reached by a full load with its filter.
fn todo_card(t: &Todo, locale: shared::Locale) -> Html {
    let (key, name) = match (t.kind, t.stage.and_then(queue_module), t.publicity) {
        (TodoKind::MyApplications, ..) => (
            "mine".to_owned(),
            Module::MyApplications.name(locale).to_owned(),
        ),
        (_, Some(module), _) => (
            t.stage.map_or("", Stage::as_str).to_owned(),
            module.name(locale).to_owned(),
        ),
        (kind, None, Some(p)) => (
            format!("{}-{}", kind.as_str(), p.as_str()),
            format!("{} · {}", kind.label(locale), p.label(locale)),
        ),
        (kind, None, None) => (kind.as_str().to_owned(), kind.label(locale).to_owned()),
    };
    html! {
        <a href={t.path.clone()} class="todo-card">
            <span class="todo-count" data-testid={format!("todo-count-{key}")}>{ t.count }</span>
            <span class="todo-name" data-testid={format!("todo-{key}")}>{ name }</span>
        </a>
    }
}

/// 统计分析 for the unit side: the applications dashboard (the API decides whose unit may see
/// it). The system administrator's accounts dashboard is in the menu.
fn dashboard_card(i18n: &crate::i18n::I18n, kind: AccountKind) -> Html {
    if !matches!(
        kind,
        AccountKind::Unit | AccountKind::UnitAdmin | AccountKind::Handler
    ) {
        return Html::default();
    }
    html! {
        <section class="panel" aria-labelledby="dashboards-title" data-testid="home-dashboards">
            <h2 class="panel-title" id="dashboards-title">{ i18n.t(Key::DashNav) }</h2>
            <div class="todo-cards">
                <Link<Route> to={Route::DashboardApplications} classes="todo-card">
                    <span class="todo-name" data-testid="link-dashboard">{ i18n.t(Key::DashApplicationsTitle) }</span>
                    <span class="muted">{ i18n.t(Key::DashHomeCard) }</span>
                </Link<Route>>
            </div>
        </section>
    }
}
