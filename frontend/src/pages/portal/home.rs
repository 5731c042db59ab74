//! Home page. Signed out: a welcome with the login form. Signed in: a welcome with the user's
//! name and unit, and the to-do cards: how many applications wait in each of the caller's
//! queues.

use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use shared::workflow::Stage;
use shared::{AccountKind, Module};

use crate::api::{self, applications::AppFilter};
use crate::components::login_form::LoginForm;
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{fill, use_i18n, Key};
use crate::nav::module_route;
use crate::pages::portal::forced_password::PasswordChanged;
use crate::pages::title::review::workflow_rules::QUEUES;
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

    // h/experts (issue 10): an expert whose profile is incomplete completes it first.
    {
        let (api, navigator) = (api.clone(), use_navigator());
        let expert = props.session.user.kind == shared::AccountKind::Expert;
        use_effect_with(expert, move |expert| {
            if *expert {
                spawn_local(async move {
                    if let Ok(p) = api::experts::my_profile(&api).await {
                        if let (false, Some(n)) = (p.expert.profile_completed, navigator) {
                            n.replace(&Route::ExpertProfile);
                        }
                    }
                });
            }
        });
    }
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
            { todo_cards(&i18n, &props.session) }
            { dashboard_card(&i18n, user.kind) }
        </section>
    }
}

/// The caller's queues: one card per held queue module (and the applicant's own list).
fn todo_cards(i18n: &crate::i18n::I18n, session: &SignedIn) -> Html {
    let mut cards: Vec<(Module, Option<Stage>)> = Vec::new();
    if session.holds(Module::MyApplications) {
        cards.push((Module::MyApplications, None));
    }
    cards.extend(
        QUEUES
            .iter()
            .filter(|(m, _)| session.holds(*m))
            .map(|(m, s)| (*m, Some(*s))),
    );
    if cards.is_empty() {
        return Html::default();
    }
    html! {
        <section class="panel" aria-labelledby="todo-title" data-testid="home-todo">
            <h2 class="panel-title" id="todo-title">{ i18n.t(Key::WfTodoHeading) }</h2>
            <div class="todo-cards">
                { for cards.into_iter().map(|(module, stage)| html! { <TodoCard {module} {stage} /> }) }
            </div>
        </section>
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

/// Props of [`TodoCard`].
#[derive(Properties, PartialEq)]
struct TodoCardProps {
    module: Module,
    stage: Option<Stage>,
}

/// A queue's name and how many applications wait in it, linking to it.
#[component]
fn TodoCard(props: &TodoCardProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let loaded = use_load(props.stage, move |stage| async move {
        let filter = AppFilter {
            stage,
            todo: true,
            per_page: 1,
            ..AppFilter::default()
        };
        api::applications::list(&api, &filter).await
    });
    let count = match &loaded.state {
        Load::Ready(page) => page.total.to_string(),
        Load::Loading => "…".to_owned(),
        Load::Failed(_) => "—".to_owned(),
    };
    let key = props.stage.map_or("mine", Stage::as_str);
    html! {
        <Link<Route> to={module_route(props.module)} classes="todo-card">
            <span class="todo-count" data-testid={format!("todo-count-{key}")}>{ count }</span>
            <span class="todo-name" data-testid={format!("todo-{key}")}>{ props.module.name(locale) }</span>
        </Link<Route>>
    }
}
