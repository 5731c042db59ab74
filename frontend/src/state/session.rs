//! The signed-in session.
//!
//! Two halves: [`Status`] is what the UI renders from (signed out, restoring, signed in with
//! the user) and lives in a Yew state; [`SessionStore`] holds the tokens and does the token
//! work (refresh, its timer, ending the session) and is shared by the API client and the pages.
//!
//! - The access token lives in memory only. The refresh token is kept in `sessionStorage` under
//!   [`REFRESH_KEY`], so a reload in the same tab restores the session through a refresh.
//! - Refresh tokens rotate and reusing an old one kills the session, so at most one refresh runs
//!   at a time: concurrent callers wait for the one in flight and share its result.
//! - The access token is refreshed shortly before it expires, but only if the user did something
//!   since it was issued; an untouched tab lets the server's idle timeout end the session. The
//!   next click after a quiet spell refreshes (or, past the idle timeout, ends the session and
//!   the guard sends the user to the login page with a message).

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use shared::auth::{CurrentUser, LoginResponse};
use shared::{ErrorCode, Locale, Module};
use yew::platform::pinned::oneshot;
use yew::platform::{spawn_local, time::sleep};
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::i18n::stored_locale;

/// `sessionStorage` key of the refresh token.
pub const REFRESH_KEY: &str = "zc.refresh";

/// How long before the access token expires it is renewed, in seconds.
const REFRESH_MARGIN_SECS: u64 = 60;

/// Why the user is signed out; the login page explains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The session expired or was revoked (idle timeout, password changed elsewhere, …).
    Expired,
    /// The user logged out.
    LoggedOut,
    /// The stored session could not be checked because the server was unreachable.
    Unreachable,
}

/// A signed-in account as the UI sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedIn {
    /// The account, its unit and its modules.
    pub user: CurrentUser,
    /// While true, only the password change form is shown.
    pub must_change_password: bool,
}

impl SignedIn {
    /// The security policy requires two-factor authentication and it is not on yet: only the
    /// enrollment is shown (the API refuses the rest with `mfa_enrollment_required`).
    pub fn mfa_enrollment_pending(&self) -> bool {
        self.user.mfa_required && !self.user.mfa_enabled
    }

    /// A forced step (password change, MFA enrollment) replaces every page and the menu.
    pub fn forced(&self) -> bool {
        self.must_change_password || self.mfa_enrollment_pending()
    }

    /// Whether the account holds `module` (the API enforces the same set).
    pub fn holds(&self, module: Module) -> bool {
        self.user.modules.contains(&module)
    }
}

/// What the UI renders from.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// A stored refresh token is being exchanged for a session (right after a reload).
    Restoring,
    /// No session, with the reason when there is one to tell.
    SignedOut(Option<Notice>),
    /// A session.
    SignedIn(Rc<SignedIn>),
}

impl Status {
    /// The signed-in account, if any.
    pub fn signed_in(&self) -> Option<&SignedIn> {
        match self {
            Status::SignedIn(session) => Some(session),
            Status::Restoring | Status::SignedOut(_) => None,
        }
    }
}

/// The access token and when it stops working, in milliseconds since the epoch.
struct Access {
    token: String,
    issued_at: f64,
    expires_at: f64,
}

struct Inner {
    access: Option<Access>,
    refresh_token: Option<String>,
    /// Bumped whenever the session is replaced or ended: stale timers and refresh answers see
    /// a different number and do nothing.
    generation: u64,
    /// `Some` while a refresh is in flight, holding whoever waits for it.
    waiting: Option<Vec<oneshot::Sender<Result<(), ApiError>>>>,
    /// Last user activity, in milliseconds since the epoch.
    last_activity: f64,
    /// The latest status, mirrored from what was sent to `publish`.
    status: Status,
    publish: Callback<Status>,
}

/// The token half of the session; cheap to clone, shared by everyone in the app.
#[derive(Clone)]
pub struct SessionStore(Rc<RefCell<Inner>>);

impl PartialEq for SessionStore {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl SessionStore {
    /// A store that reports status changes to `publish`.
    fn new(status: Status, publish: Callback<Status>) -> Self {
        SessionStore(Rc::new(RefCell::new(Inner {
            access: None,
            refresh_token: None,
            generation: 0,
            waiting: None,
            last_activity: 0.0,
            status,
            publish,
        })))
    }

    /// The current access token, for `Authorization: Bearer …`.
    pub fn access_token(&self) -> Option<String> {
        self.0.borrow().access.as_ref().map(|a| a.token.clone())
    }

    /// The current refresh token (logout sends it).
    pub fn refresh_token(&self) -> Option<String> {
        self.0.borrow().refresh_token.clone()
    }

    /// Starts the session of a login, refresh or password change answer.
    pub fn apply(&self, answer: LoginResponse) {
        let now = now_ms();
        let generation = {
            let mut inner = self.0.borrow_mut();
            inner.generation += 1;
            inner.access = Some(Access {
                token: answer.access_token,
                issued_at: now,
                expires_at: now + answer.expires_in as f64 * 1000.0,
            });
            inner.refresh_token = Some(answer.refresh_token.clone());
            inner.generation
        };
        store_refresh_token(Some(&answer.refresh_token));
        self.publish(Status::SignedIn(Rc::new(SignedIn {
            user: answer.user,
            must_change_password: answer.must_change_password,
        })));
        let store = self.clone();
        let delay = refresh_delay(answer.expires_in);
        spawn_local(async move {
            sleep(delay).await;
            store.on_timer(generation).await;
        });
    }

    /// Ends the session locally (the server side is ended by logout or has ended already).
    pub fn end(&self, notice: Option<Notice>) {
        {
            let mut inner = self.0.borrow_mut();
            inner.generation += 1;
            inner.access = None;
            inner.refresh_token = None;
        }
        store_refresh_token(None);
        self.publish(Status::SignedOut(notice));
    }

    /// Replaces the account data (e.g. from `GET /auth/me`) when it changed.
    pub fn update_user(&self, user: CurrentUser) {
        let current = self.0.borrow().status.clone();
        if let Status::SignedIn(session) = current {
            if session.user != user {
                self.publish(Status::SignedIn(Rc::new(SignedIn {
                    user,
                    must_change_password: session.must_change_password,
                })));
            }
        }
    }

    /// The API said the password must be changed first (e.g. an administrator reset it).
    pub fn require_password_change(&self) {
        let current = self.0.borrow().status.clone();
        if let Status::SignedIn(session) = current {
            if !session.must_change_password {
                self.publish(Status::SignedIn(Rc::new(SignedIn {
                    user: session.user.clone(),
                    must_change_password: true,
                })));
            }
        }
    }

    /// The API said the policy now requires MFA of this account (a policy change meanwhile).
    pub fn require_mfa_enrollment(&self) {
        let current = self.0.borrow().status.clone();
        if let Status::SignedIn(session) = current {
            if !session.user.mfa_required || session.user.mfa_enabled {
                let mut user = session.user.clone();
                user.mfa_required = true;
                user.mfa_enabled = false;
                self.publish(Status::SignedIn(Rc::new(SignedIn {
                    user,
                    must_change_password: session.must_change_password,
                })));
            }
        }
    }

    /// Records user activity; renews a token that is about to expire (or has) right away.
    pub fn touch(&self) {
        let now = now_ms();
        let renew = {
            let mut inner = self.0.borrow_mut();
            inner.last_activity = now;
            inner.waiting.is_none()
                && inner.refresh_token.is_some()
                && inner
                    .access
                    .as_ref()
                    .is_some_and(|a| needs_renewal(now, a.expires_at))
        };
        if renew {
            let store = self.clone();
            spawn_local(async move {
                let _ = store.refresh().await;
            });
        }
    }

    /// Records an API call as activity without starting a refresh of its own.
    pub fn mark_active(&self) {
        self.0.borrow_mut().last_activity = now_ms();
    }

    /// Exchanges the refresh token for a new session. Only one exchange runs at a time; anyone
    /// asking meanwhile gets the result of the one in flight.
    pub async fn refresh(&self) -> Result<(), ApiError> {
        let wait = {
            let mut inner = self.0.borrow_mut();
            match inner.waiting.as_mut() {
                Some(waiting) => {
                    let (tx, rx) = oneshot::channel();
                    waiting.push(tx);
                    Some(rx)
                }
                None => {
                    inner.waiting = Some(Vec::new());
                    None
                }
            }
        };
        if let Some(rx) = wait {
            return rx
                .await
                .unwrap_or_else(|_| Err(api::unauthenticated(locale())));
        }
        let result = self.exchange().await;
        let waiting = self.0.borrow_mut().waiting.take().unwrap_or_default();
        for tx in waiting {
            let _ = tx.send(result.clone());
        }
        result
    }

    /// On start: restores the session of this tab from its stored refresh token, if any.
    fn restore(&self) {
        let Some(token) = stored_refresh_token() else {
            if self.0.borrow().status == Status::Restoring {
                self.publish(Status::SignedOut(None));
            }
            return;
        };
        self.0.borrow_mut().refresh_token = Some(token);
        let store = self.clone();
        spawn_local(async move {
            if let Err(error) = store.refresh().await {
                // Rejections already ended the session; otherwise keep the stored token for a
                // later reload and let the user sign in afresh now.
                if store.0.borrow().status == Status::Restoring && !is_rejection(&error) {
                    store.publish(Status::SignedOut(Some(Notice::Unreachable)));
                }
            }
        });
    }

    async fn exchange(&self) -> Result<(), ApiError> {
        let locale = locale();
        let (token, generation) = {
            let inner = self.0.borrow();
            (inner.refresh_token.clone(), inner.generation)
        };
        let Some(token) = token else {
            return Err(api::unauthenticated(locale));
        };
        let result = api::auth::refresh(token, locale).await;
        if self.0.borrow().generation != generation {
            // Logged out, or a password change brought new tokens, while this was under way.
            return match self.access_token() {
                Some(_) => Ok(()),
                None => Err(api::unauthenticated(locale)),
            };
        }
        match result {
            Ok(answer) => {
                self.apply(answer);
                Ok(())
            }
            Err(error) => {
                if is_rejection(&error) {
                    self.end(Some(Notice::Expired));
                }
                Err(error)
            }
        }
    }

    /// The refresh timer of session `generation` went off.
    async fn on_timer(&self, generation: u64) {
        let active = {
            let inner = self.0.borrow();
            inner.generation == generation
                && inner
                    .access
                    .as_ref()
                    .is_some_and(|a| inner.last_activity > a.issued_at)
        };
        if active {
            let _ = self.refresh().await;
        }
    }

    fn publish(&self, status: Status) {
        let publish = {
            let mut inner = self.0.borrow_mut();
            inner.status = status.clone();
            inner.publish.clone()
        };
        publish.emit(status);
    }
}

/// Whether a failed refresh means the session is gone (as opposed to the server being busy or
/// out of reach, when a later try may still work).
fn is_rejection(error: &ApiError) -> bool {
    match error {
        ApiError::Api { status, code, .. } => {
            (400..500).contains(status) && *code != ErrorCode::RateLimited
        }
        ApiError::Network(_) | ApiError::Decode(_) => false,
    }
}

/// When to renew a token that lives `expires_in` seconds: a minute before it runs out, but
/// never in the first half of its life.
pub fn refresh_delay(expires_in: u64) -> Duration {
    let secs = expires_in
        .saturating_sub(REFRESH_MARGIN_SECS)
        .max(expires_in / 2);
    Duration::from_secs(secs)
}

/// Whether a token expiring at `expires_at` should be renewed at `now` (both in ms).
fn needs_renewal(now: f64, expires_at: f64) -> bool {
    now >= expires_at - (REFRESH_MARGIN_SECS * 1000) as f64
}

fn now_ms() -> f64 {
    wasm_bindgen_futures::js_sys::Date::now()
}

fn locale() -> Locale {
    stored_locale().unwrap_or_default()
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn stored_refresh_token() -> Option<String> {
    session_storage()?
        .get_item(REFRESH_KEY)
        .ok()?
        .filter(|t| !t.is_empty())
}

/// Best effort: without storage the session simply does not survive a reload.
fn store_refresh_token(token: Option<&str>) {
    if let Some(storage) = session_storage() {
        let _ = match token {
            Some(token) => storage.set_item(REFRESH_KEY, token),
            None => storage.remove_item(REFRESH_KEY),
        };
    }
}

/// What components read from the context.
#[derive(Clone, PartialEq)]
pub struct Session {
    /// What to render.
    pub status: Status,
    /// Tokens and the operations on them.
    pub store: SessionStore,
}

/// Props of [`SessionProvider`].
#[derive(Properties, PartialEq)]
pub struct SessionProviderProps {
    /// The application below the provider.
    pub children: Html,
}

/// Holds the session for everything below it and restores it after a reload.
#[component]
pub fn SessionProvider(props: &SessionProviderProps) -> Html {
    let status = use_state(|| match stored_refresh_token() {
        Some(_) => Status::Restoring,
        None => Status::SignedOut(None),
    });
    let store = {
        let initial = (*status).clone();
        let setter = status.setter();
        use_memo((), move |_| {
            SessionStore::new(initial, setter.to_callback())
        })
    };
    {
        let store = (*store).clone();
        use_effect_with((), move |_| store.restore());
    }
    let context = Session {
        status: (*status).clone(),
        store: (*store).clone(),
    };
    html! {
        <ContextProvider<Session> {context}>
            { props.children.clone() }
        </ContextProvider<Session>>
    }
}

/// The session context; signed out (with a store that goes nowhere) outside a provider.
#[hook]
pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(|| Session {
        status: Status::SignedOut(None),
        store: SessionStore::new(Status::SignedOut(None), Callback::noop()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renewal_is_a_minute_early_but_never_in_the_first_half() {
        assert_eq!(refresh_delay(900), Duration::from_secs(840));
        assert_eq!(refresh_delay(120), Duration::from_secs(60));
        assert_eq!(refresh_delay(60), Duration::from_secs(30));
        assert_eq!(refresh_delay(0), Duration::ZERO);
    }

    #[test]
    fn activity_renews_only_near_or_past_expiry() {
        let expires_at = 1_000_000.0;
        assert!(!needs_renewal(expires_at - 61_000.0, expires_at));
        assert!(needs_renewal(expires_at - 60_000.0, expires_at));
        assert!(needs_renewal(expires_at + 5.0, expires_at));
    }

    #[test]
    fn the_api_handle_changes_with_the_locale_and_only_with_it_or_the_store() {
        let store = SessionStore::new(Status::SignedOut(None), Callback::noop());
        let zh = api::Api::new(store.clone(), Locale::ZhCn);
        assert!(zh == api::Api::new(store.clone(), Locale::ZhCn));
        assert!(zh != api::Api::new(store, Locale::En));
        let other = SessionStore::new(Status::SignedOut(None), Callback::noop());
        assert!(zh != api::Api::new(other, Locale::ZhCn));
    }

    #[test]
    fn only_client_errors_other_than_rate_limiting_end_a_session() {
        let api = |status, code| ApiError::Api {
            status,
            code,
            message: String::new(),
            field: None,
        };
        assert!(is_rejection(&api(401, ErrorCode::Unauthenticated)));
        assert!(is_rejection(&api(422, ErrorCode::InvalidBody)));
        assert!(!is_rejection(&api(429, ErrorCode::RateLimited)));
        assert!(!is_rejection(&api(503, ErrorCode::DatabaseUnavailable)));
        assert!(!is_rejection(&ApiError::Network("offline".into())));
    }
}
