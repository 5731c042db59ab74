//! 站内通知 (`/inbox`): the caller's notices, newest first (`GET /api/v1/notices`), filtered in
//! the URL by 仅看未读 and the kind. A notice's text is a link to its object's page: a click
//! marks the notice read, then goes there (a page of another entry loads that entry).
//! 全部标为已读 marks every one read. The top bar's count hears of both (`state::inbox`).
//!
//! The kit's list page in small: the same filter in the URL, filter bar, table, states and
//! pager, but drawn here, because the kit's `ListPage` (its unit picker, export and print)
//! would take the portal entry — which every account loads first — past its budget
//! (scripts/build-frontend.sh, docs/PERFORMANCE.md).

use shared::notices::{Notice, NoticeKind};
use shared::Page;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, notices::LIST, query::Query};
use crate::components::alert::{flash_view, Flash};
use crate::components::form::FormValues;
use crate::components::pager::Pager;
use crate::components::table;
use crate::hooks::{use_api, use_api_load, Load};
use crate::i18n::{t, use_i18n, Key};
use crate::kit::format::china_time;
use crate::kit::tags::{status_tag, Status};
use crate::routes::Route;
use crate::state::inbox::use_notices_read;

/// The inbox's filter and page, as its URL says them (`unread=true`, `kind=…`, `page=…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InboxQuery {
    /// 仅看未读.
    pub unread: bool,
    /// One kind, or every kind.
    pub kind: Option<NoticeKind>,
    /// 1-based.
    pub page: u32,
}

impl InboxQuery {
    /// Reads the URL's query; what it does not understand is left out.
    pub fn parse(query: &str) -> Self {
        let mut q = InboxQuery::default();
        for pair in query.trim_start_matches('?').split('&') {
            match pair.split_once('=').unwrap_or((pair, "")) {
                ("unread", value) => q.unread = value == "true",
                ("kind", value) => q.kind = NoticeKind::parse(value),
                ("page", value) => q.page = value.parse().ok().filter(|&p| p >= 1).unwrap_or(1),
                _ => {}
            }
        }
        q
    }

    /// The URL's parameters (only what differs from the defaults).
    pub fn pairs(self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(kind) = self.kind {
            pairs.push(("kind", kind.as_str().to_owned()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.unread {
            pairs.push(("unread", "true".to_owned()));
        }
        pairs
    }

    /// The URL's query (without `?`).
    pub fn to_query(self) -> String {
        self.pairs()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The list endpoint with these filters: its own parameters only (it refuses others).
    pub fn api_path(self) -> String {
        Query::new(LIST)
            .opt("unread", self.unread.then_some(true))
            .opt("kind", self.kind.map(NoticeKind::as_str))
            .opt("page", (self.page > 1).then_some(self.page))
            .build()
    }
}

impl Default for InboxQuery {
    fn default() -> Self {
        InboxQuery {
            unread: false,
            kind: None,
            page: 1,
        }
    }
}

/// The route a notice leads to; `None` when its path is no page of the SPA (the notice is
/// then only marked read).
pub fn notice_route(path: &str) -> Option<Route> {
    Route::recognize(path).filter(|route| *route != Route::NotFound)
}

/// The inbox page (`list-inbox`; table `inbox-table` with `row-<id>` and `data-status` read /
/// unread; each text `open-<id>`; `filter-unread`, `filter-kind`, `btn-search`, `btn-reset`;
/// 全部标为已读 `btn-read-all`).
#[component]
pub fn Inbox() -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let api = use_api();
    let navigator = use_navigator();
    let location = use_location();
    let notices_read = use_notices_read();
    let flash = use_state(|| None::<Flash>);
    let busy = use_state(|| false);
    let tick = use_state(|| 0_u32);
    let query = InboxQuery::parse(location.as_ref().map_or("", |l| l.query_str()));
    // The server words each notice in the request's language: a language switch loads again.
    let loaded = use_api_load(
        (query.api_path(), *tick, locale),
        move |api, (path, _, _)| async move { api.get::<Page<Notice>>(&path).await },
    );
    let reload = {
        let tick = tick.clone();
        Callback::from(move |()| tick.set(tick.wrapping_add(1)))
    };
    let go = {
        let navigator = navigator.clone();
        Callback::from(move |next: InboxQuery| {
            if let Some(navigator) = &navigator {
                let _ = navigator.push_with_query(&Route::Inbox, &next.pairs());
            }
        })
    };

    // A plain click marks the notice read and then goes to its page; a click that opens a new
    // tab or window goes there by itself, and the notice is marked read meanwhile.
    let open = {
        let (api, reload, notices_read) = (api.clone(), reload.clone(), notices_read.clone());
        Callback::from(move |(e, notice): (MouseEvent, Notice)| {
            let here =
                e.button() == 0 && !(e.meta_key() || e.ctrl_key() || e.shift_key() || e.alt_key());
            if here {
                e.prevent_default();
            }
            let (api, reload, notices_read, navigator) = (
                api.clone(),
                reload.clone(),
                notices_read.clone(),
                navigator.clone(),
            );
            spawn_local(async move {
                if !notice.read && api::notices::read(&api, notice.id).await.is_ok() {
                    notices_read.emit(());
                }
                match (here, notice_route(&notice.path), navigator) {
                    (true, Some(route), Some(navigator)) => navigator.push(&route),
                    _ => reload.emit(()),
                }
            });
        })
    };
    let read_all = {
        let (flash, busy, reload) = (flash.clone(), busy.clone(), reload.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, flash, busy, reload, notices_read) = (
                api.clone(),
                flash.clone(),
                busy.clone(),
                reload.clone(),
                notices_read.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                flash.set(Some(match api::notices::read_all(&api).await {
                    Ok(_) => {
                        notices_read.emit(());
                        Flash::Success(t(locale, Key::InboxAllRead).to_owned())
                    }
                    Err(e) => Flash::Error(e.message(locale)),
                }));
                busy.set(false);
                reload.emit(());
            });
        })
    };

    let rows = table::rows(&i18n, &loaded, 4, |n: &Notice| {
        let notice = n.clone();
        let onclick = open.reform(move |e: MouseEvent| (e, notice.clone()));
        html! {
            <tr key={n.id} data-testid={format!("row-{}", n.id)} data-status={if n.read { "read" } else { "unread" }}>
                <td class="cell-time">{ china_time(&n.created_at) }</td>
                <td class="cell-nowrap">{ n.kind.label(locale) }</td>
                <td class="cell-notice">
                    <a href={n.path.clone()} class={classes!("notice-link", (!n.read).then_some("notice-unread"))}
                        data-testid={format!("open-{}", n.id)} {onclick}>{ &n.text }</a>
                </td>
                <td>{ status_tag(locale, Status::NoticeRead(n.read), None) }</td>
            </tr>
        }
    });
    let pager = match &loaded.state {
        Load::Ready(page) => {
            let go = go.clone();
            let on_page = Callback::from(move |p: u32| go.emit(InboxQuery { page: p, ..query }));
            html! { <Pager page={page.page} per_page={page.per_page} total={page.total} {on_page} /> }
        }
        Load::Loading | Load::Failed(_) => Html::default(),
    };
    html! {
        <section class="page list-page" data-testid="list-inbox">
            <div class="page-heading">
                <h1 class="page-title">{ i18n.t(Key::InboxTitle) }</h1>
                <div class="page-actions no-print">
                    <button type="button" class="button" data-testid="btn-read-all" disabled={*busy}
                        aria-busy={busy.to_string()} onclick={read_all}>
                        { i18n.t(Key::InboxReadAll) }
                    </button>
                </div>
            </div>
            <p class="muted page-intro">{ i18n.t(Key::InboxIntro) }</p>
            { flash_view(flash.as_ref()) }
            { filter_bar(&i18n, query, &go) }
            <div class="panel panel-table">
                <table class="table" data-testid="inbox-table" aria-busy={loaded.busy.to_string()}>
                    <thead><tr>
                        <th scope="col">{ i18n.t(Key::InboxTime) }</th>
                        <th scope="col">{ i18n.t(Key::InboxKind) }</th>
                        <th scope="col">{ i18n.t(Key::InboxText) }</th>
                        <th scope="col">{ i18n.t(Key::StatusLabel) }</th>
                    </tr></thead>
                    <tbody>{ rows }</tbody>
                </table>
                { pager }
            </div>
        </section>
    }
}

/// 仅看未读 and the kind, as the kit's filter bar has them: 查询 writes them into the URL
/// (page 1), 重置 clears them.
fn filter_bar(i18n: &crate::i18n::I18n, query: InboxQuery, go: &Callback<InboxQuery>) -> Html {
    let locale = i18n.locale;
    let onsubmit = go.reform(|e: SubmitEvent| {
        let form = FormValues::from_submit(&e);
        let text = |name: &str| form.as_ref().map(|f| f.text(name)).unwrap_or_default();
        InboxQuery {
            unread: !text("unread").is_empty(),
            kind: NoticeKind::parse(&text("kind")),
            page: 1,
        }
    });
    let on_reset = go.reform(|e: MouseEvent| {
        e.prevent_default();
        InboxQuery::default()
    });
    html! {
        // Keyed by the query: back/forward shows the URL's values, not what was typed before.
        <form key={query.to_query()} class="filter-bar no-print" role="search"
            aria-label={i18n.t(Key::FilterLabel)} {onsubmit}>
            <label class="check filter-check">
                <input type="checkbox" name="unread" value="true" checked={query.unread} data-testid="filter-unread" />
                { i18n.t(Key::InboxUnreadOnly) }
            </label>
            <div class="field">
                <label for="filter-kind">{ i18n.t(Key::InboxKind) }</label>
                <select id="filter-kind" name="kind" data-testid="filter-kind">
                    <option value="" selected={query.kind.is_none()}>{ i18n.t(Key::All) }</option>
                    { for NoticeKind::ALL.iter().map(|&k| html! {
                        <option value={k.as_str()} selected={query.kind == Some(k)}>{ k.label(locale) }</option>
                    }) }
                </select>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button button-primary" data-testid="btn-search">{ i18n.t(Key::Search) }</button>
                <button type="button" class="button" data-testid="btn-reset" onclick={on_reset}>{ i18n.t(Key::Reset) }</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use shared::notices::{path, NoticeObject, NoticeParams};
    use shared::publicity::PublicityKind;

    use super::*;

    #[test]
    fn every_notice_leads_to_a_page_of_the_spa() {
        let params = NoticeParams {
            publicity: Some(PublicityKind::Result),
            ..NoticeParams::default()
        };
        for &object in NoticeObject::ALL {
            let to = path(object, 7, &params);
            let route = notice_route(&to);
            assert!(route.is_some(), "{object:?}: {to} is no page");
            assert_eq!(route.map(|r| r.to_path()), Some(to), "{object:?}");
        }
        assert_eq!(
            notice_route("/title/applications/12"),
            Some(Route::ApplicationDetail { id: 12 })
        );
        // A batch without its kind leads home; an unknown path nowhere.
        assert_eq!(notice_route("/"), Some(Route::Home));
        assert_eq!(notice_route("/no/such/page"), None);
    }

    #[test]
    fn the_url_keeps_the_filter_and_the_api_gets_only_its_own_parameters() {
        let q = InboxQuery::parse("?kind=application_arrived&unread=true&page=3&sort=-id&q=x");
        assert_eq!(
            q,
            InboxQuery {
                unread: true,
                kind: Some(NoticeKind::ApplicationArrived),
                page: 3,
            }
        );
        assert_eq!(q.to_query(), "kind=application_arrived&page=3&unread=true");
        assert_eq!(InboxQuery::parse(&q.to_query()), q);
        // The endpoint refuses unknown parameters: a pasted `sort` or `q` is never sent.
        assert_eq!(
            q.api_path(),
            "/api/v1/notices?unread=true&kind=application_arrived&page=3"
        );
        // Nothing set: nothing written, nothing sent; what is not understood is dropped.
        let plain = InboxQuery::parse("unread=false&kind=nonsense&page=0");
        assert_eq!(plain, InboxQuery::default());
        assert_eq!(plain.to_query(), "");
        assert_eq!(plain.api_path(), "/api/v1/notices");
    }
}
