//! Hooks shared by the pages.

use std::future::Future;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{Api, ApiError};
use crate::i18n::use_i18n;
use crate::state::session::use_session;

/// The API handle of this screen: the session's store and the UI locale. Call it with the
/// other hooks, before any early return; an async block takes a clone. A language switch
/// re-renders the caller with a new handle (unequal to the old one), so a load keyed on it
/// asks again for answers in the new language.
#[hook]
pub fn use_api() -> Api {
    let store = use_session().store;
    let locale = use_i18n().locale;
    Api::new(store, locale)
}

/// Where a load stands.
#[derive(Debug, PartialEq)]
pub enum Load<T> {
    /// Nothing yet.
    Loading,
    /// The answer.
    Ready(Rc<T>),
    /// The error to show.
    Failed(ApiError),
}

// By hand: the answer is shared, so cloning never needs `T: Clone`.
impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        match self {
            Load::Loading => Load::Loading,
            Load::Ready(value) => Load::Ready(Rc::clone(value)),
            Load::Failed(error) => Load::Failed(error.clone()),
        }
    }
}

/// The state of [`use_load`]: the latest answer, whether a newer one is on its way, and a way
/// to ask again.
#[derive(Debug, PartialEq)]
pub struct Loaded<T> {
    /// The latest answer (kept while a newer one loads, so a table does not flicker).
    pub state: Load<T>,
    /// A request is under way.
    pub busy: bool,
    /// Loads again with the same inputs (after a change the page made).
    pub reload: Callback<()>,
}

/// Loads `fetch(deps)` whenever `deps` change (and on `reload`). An answer that arrives after
/// a newer request was started is dropped, so quick filter changes never show stale rows.
#[hook]
pub fn use_load<D, T, F, Fut>(deps: D, fetch: F) -> Loaded<T>
where
    D: PartialEq + Clone + 'static,
    T: 'static,
    F: FnOnce(D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = use_state(|| Load::Loading);
    let busy = use_state(|| true);
    let tick = use_state(|| 0_u32);
    let generation = use_mut_ref(|| 0_u64);
    {
        let (state, busy) = (state.clone(), busy.clone());
        use_effect_with((deps, *tick), move |(deps, _)| {
            let mine = {
                let mut current = generation.borrow_mut();
                *current += 1;
                *current
            };
            busy.set(true);
            let future = fetch(deps.clone());
            spawn_local(async move {
                let result = future.await;
                if *generation.borrow() != mine {
                    return;
                }
                state.set(match result {
                    Ok(value) => Load::Ready(Rc::new(value)),
                    Err(error) => Load::Failed(error),
                });
                busy.set(false);
            });
        });
    }
    let reload = {
        let tick = tick.clone();
        Callback::from(move |()| tick.set(tick.wrapping_add(1)))
    };
    Loaded {
        state: (*state).clone(),
        busy: *busy,
        reload,
    }
}

/// [`use_load`] of a request that needs the API handle: `fetch(api, deps)` whenever `deps`
/// change (and on `reload`). The handle is this screen's ([`use_api`]); a language switch alone
/// does not ask again.
///
/// `let loaded = use_api_load(id, |api, id| async move { api::votes::vote_sheet(&api, id).await });`
#[hook]
pub fn use_api_load<D, T, F, Fut>(deps: D, fetch: F) -> Loaded<T>
where
    D: PartialEq + Clone + 'static,
    T: 'static,
    F: FnOnce(Api, D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let api = use_api();
    use_load(deps, move |deps| fetch(api, deps))
}
