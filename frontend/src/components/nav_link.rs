//! A router link that, unlike `yew_router::Link`, carries a `data-testid` and marks the current
//! page with `aria-current="page"`.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;

/// Props of [`NavLink`].
#[derive(Properties, PartialEq)]
pub struct NavLinkProps {
    /// Where the link goes.
    pub to: Route,
    /// CSS classes of the `<a>`.
    #[prop_or_default]
    pub classes: Classes,
    /// Stable selector for browser tests.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// The link text.
    pub children: Html,
}

/// `<a href>` that navigates inside the SPA on a plain click and leaves modified clicks (new
/// tab, new window) to the browser.
#[component]
pub fn NavLink(props: &NavLinkProps) -> Html {
    let navigator = use_navigator();
    let current = use_route::<Route>().as_ref() == Some(&props.to);
    let to = props.to.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        if e.button() != 0 || e.meta_key() || e.ctrl_key() || e.shift_key() || e.alt_key() {
            return;
        }
        if let Some(navigator) = &navigator {
            e.prevent_default();
            navigator.push(&to);
        }
    });
    html! {
        <a
            href={props.to.to_path()}
            class={props.classes.clone()}
            data-testid={props.testid.clone()}
            aria-current={current.then_some("page")}
            {onclick}
        >
            { props.children.clone() }
        </a>
    }
}
