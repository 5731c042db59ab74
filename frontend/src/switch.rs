//! Carries out the route guard ([`crate::guard::decide`]) for the route being shown.

use serde::{Deserialize, Serialize};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::guard::{decide, Decision};
use crate::i18n::{use_i18n, Key};
use crate::nav::route_module;
use crate::pages::config::{affiliation::Affiliation, units::Units};
use crate::pages::portal::system::accounts::{Accounts, Scope};
use crate::pages::portal::system::{
    audit::AuditLog, bulk_import::BulkImport, business_roles::BusinessRoles, org_tree::OrgTree,
    security_policy::SecurityPolicyPage, unit_roles::UnitRoles,
};
use crate::pages::portal::{
    forced_password::ForcedPassword, home::Home, login::Login, password::Password,
};
use crate::pages::title::review::application_detail::ApplicationDetail;
use crate::pages::title::review::application_form::ApplicationForm;
use crate::pages::title::review::application_list::{ApplicationList, ListMode};
use crate::pages::{about::About, module::ModulePage, module::NoAccess, not_found::NotFound};
use crate::routes::Route;
use crate::state::session::{use_session, Notice, Status};
// publicity, committees, public site
use crate::pages::{
    portal::system::calendar::WorkCalendar,
    public::publicity::{PublicPublicity, PublicPublicityBatch},
    title::accounts::policy_reviewers::PolicyReviewers,
    title::committees::filings::Filings,
    title::review::publicity::{PublicityBatchPage, PublicityBatches},
    title::review::publicity_rules,
};

/// The login page's query string: where to go after signing in.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NextQuery {
    /// A path of the SPA.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// Props of [`Guarded`].
#[derive(Properties, PartialEq)]
pub struct GuardedProps {
    /// The route the router matched.
    pub route: Route,
}

/// The page of a route, or what the guard shows instead.
#[component]
pub fn Guarded(props: &GuardedProps) -> Html {
    let session = use_session();
    let next = use_location()
        .and_then(|l| l.query::<NextQuery>().ok())
        .and_then(|q| q.next);
    match decide(&props.route, &session.status, next.as_deref()) {
        Decision::Render => {
            // A module's screen only for an account holding the module (the API agrees).
            match route_module(&props.route) {
                Some(module)
                    if !matches!(props.route, Route::Module { .. })
                        && !session.status.signed_in().is_some_and(|s| s.holds(module)) =>
                {
                    html! { <NoAccess {module} /> }
                }
                _ => page(&props.route),
            }
        }
        Decision::Wait => html! { <Waiting /> },
        Decision::Login { next } => html! { <Replace to={Route::Login} next={Some(next)} /> },
        Decision::ForcedPasswordChange => html! { <ForcedPassword /> },
        Decision::Redirect(to) => html! { <Replace {to} next={None::<String>} /> },
    }
}

fn page(route: &Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::Login => html! { <Login /> },
        Route::Password => html! { <Password /> },
        Route::OrgStructure => html! { <OrgTree /> },
        // Keyed by screen: moving between two account screens starts the second afresh
        // (its own filters), instead of reusing the first one's state.
        Route::Users => html! { <Accounts key="users" scope={Scope::Users} /> },
        Route::UsersImport => html! { <BulkImport key="users-import" scope={Scope::Users} /> },
        Route::ExtendedUsers => html! { <Accounts key="extended" scope={Scope::Extended} /> },
        Route::PersonalAccounts => html! { <Accounts key="personal" scope={Scope::Personal} /> },
        Route::PersonalImport => {
            html! { <BulkImport key="personal-import" scope={Scope::Personal} /> }
        }
        Route::Units => html! { <Units /> },
        Route::BusinessRoles => html! { <BusinessRoles /> },
        Route::UnitRoles => html! { <UnitRoles /> },
        Route::Affiliation => html! { <Affiliation /> },
        Route::AuditLog => html! { <AuditLog /> },
        Route::SecurityPolicy => html! { <SecurityPolicyPage /> },
        Route::MyApplications => html! { <ApplicationList key="mine" mode={ListMode::Mine} /> },
        Route::NewApplication => html! { <ApplicationForm key="new" id={None::<i64>} /> },
        Route::EditApplication { id } => {
            html! { <ApplicationForm key={format!("edit-{id}")} id={Some(*id)} /> }
        }
        Route::ApplicationDetail { id } => {
            html! { <ApplicationDetail key={id.to_string()} id={*id} /> }
        }
        Route::Queue { stage } => match shared::workflow::Stage::parse(stage) {
            Some(stage) => {
                html! { <ApplicationList key={stage.as_str()} mode={ListMode::Queue(stage)} /> }
            }
            None => html! { <NotFound /> },
        },
        Route::Module { code } => html! { <ModulePage code={code.clone()} /> },
        Route::About => html! { <About /> },
        Route::NotFound => html! { <NotFound /> },
        // publicity, committees, public site
        Route::Publicity { kind } => match publicity_rules::parse_kind(kind) {
            Some(kind) => html! { <PublicityBatches key={kind.as_str()} {kind} /> },
            None => html! { <NotFound /> },
        },
        Route::PublicityBatch { kind, id } => match publicity_rules::parse_kind(kind) {
            Some(kind) => {
                html! { <PublicityBatchPage key={format!("{kind}-{id}")} {kind} id={*id} /> }
            }
            None => html! { <NotFound /> },
        },
        Route::AuthorityApply => html! { <Filings key="apply" audit=false /> },
        Route::AuthorityAudit => html! { <Filings key="audit" audit=true /> },
        Route::PolicyReviewers => html! { <PolicyReviewers /> },
        Route::PublicPublicity => html! { <PublicPublicity /> },
        Route::PublicPublicityBatch { id } => html! { <PublicPublicityBatch id={*id} /> },
        Route::Calendar => html! { <WorkCalendar /> },
    }
}

/// Shown while the stored session is restored.
#[component]
fn Waiting() -> Html {
    let i18n = use_i18n();
    html! {
        <p class="state-loading" role="status" data-testid="session-loading">
            { i18n.t(Key::Loading) }
        </p>
    }
}

/// Props of [`Replace`].
#[derive(Properties, PartialEq)]
pub struct ReplaceProps {
    /// Where to go.
    pub to: Route,
    /// `?next=` to add.
    pub next: Option<String>,
}

/// Replaces the current history entry (so Back does not bounce) once rendered.
#[component]
pub fn Replace(props: &ReplaceProps) -> Html {
    let navigator = use_navigator();
    let target = (props.to.clone(), props.next.clone());
    use_effect_with(target, move |(to, next)| {
        if let Some(navigator) = navigator {
            replace(&navigator, to, next.clone());
        }
    });
    html! { <Waiting /> }
}

/// Sends the user to the login page (and back here afterwards) when the session expires
/// while signed in, even on a page that needs no session: the user should know.
#[hook]
pub fn use_expiry_redirect() {
    let session = use_session();
    let navigator = use_navigator();
    let here = use_route::<Route>().map(|r| r.to_path());
    let was_signed_in = use_mut_ref(|| false);
    use_effect_with(session.status, move |status| {
        let expired = *status == Status::SignedOut(Some(Notice::Expired));
        if expired && *was_signed_in.borrow() {
            if let Some(navigator) = navigator {
                replace(&navigator, &Route::Login, here);
            }
        }
        *was_signed_in.borrow_mut() = status.signed_in().is_some();
    });
}

/// Replaces the current history entry with `to`, adding `?next=` when given.
fn replace(navigator: &Navigator, to: &Route, next: Option<String>) {
    match next {
        Some(next) => {
            let query = NextQuery { next: Some(next) };
            if navigator.replace_with_query(to, &query).is_err() {
                navigator.replace(to);
            }
        }
        None => navigator.replace(to),
    }
}
