//! The frame of every page: skip link, top bar, side menu, breadcrumbs and the `<main>` landmark.
//! During a forced password change only the top bar and the form remain.

use yew::prelude::*;
use yew_router::prelude::*;

use super::{breadcrumbs::Breadcrumbs, header::Header, side_menu::SideMenu};
use crate::i18n::{use_i18n, Key};
use crate::state::inbox::{InboxContext, InboxReads};
use crate::state::session::use_session;
use crate::switch::use_expiry_redirect;

/// Props of [`Layout`].
#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    /// The page.
    pub children: Html,
}

/// The page frame.
#[component]
pub fn Layout(props: &LayoutProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    use_expiry_redirect();
    // Narrow windows hide the menu behind the top bar's button; any navigation closes it.
    let menu_open = use_state(|| false);
    let path = use_location().map(|l| l.path().to_owned());
    {
        let menu_open = menu_open.clone();
        use_effect_with(path, move |_| menu_open.set(false));
    }
    let toggle_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |()| menu_open.set(!*menu_open))
    };
    let forced = session.status.signed_in().is_some_and(|s| s.forced());
    // Clicks and keys count as activity: they keep the session alive (see state::session).
    let onclick = {
        let store = session.store.clone();
        Callback::from(move |_: MouseEvent| store.touch())
    };
    let onkeydown = {
        let store = session.store.clone();
        Callback::from(move |_: KeyboardEvent| store.touch())
    };
    // The top bar's unread count hears from the inbox page below it.
    let inbox_reads = use_reducer_eq(InboxReads::default);
    html! {
        <ContextProvider<InboxContext> context={inbox_reads}>
        <div class="app-shell" {onclick} {onkeydown}>
            <a class="skip-link" href="#main-content">{ i18n.t(Key::SkipToContent) }</a>
            if forced {
                <Header />
            } else {
                <Header menu_open={*menu_open} on_toggle_menu={toggle_menu} />
            }
            <div class="app-body">
                if !forced {
                    <SideMenu open={*menu_open} />
                }
                <div class="content">
                    if !forced {
                        <Breadcrumbs />
                    }
                    <main id="main-content" class={classes!("main", forced.then_some("main-forced"))} tabindex="-1">
                        { props.children.clone() }
                    </main>
                </div>
            </div>
        </div>
        </ContextProvider<InboxContext>>
    }
}
