//! The application root: locale and session contexts, the router and the frame around the
//! route switch ([`crate::switch`]); the routes are in [`crate::routes`].

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::layout::Layout;
use crate::i18n::LocaleProvider;
use crate::routes::Route;
use crate::state::session::SessionProvider;
use crate::switch::Guarded;

/// The root component.
#[component]
pub fn App() -> Html {
    html! {
        <LocaleProvider>
            <SessionProvider>
                <BrowserRouter>
                    <Layout>
                        <Switch<Route> render={switch} />
                    </Layout>
                </BrowserRouter>
            </SessionProvider>
        </LocaleProvider>
    }
}

/// Every route goes through the guard, which renders the page, a redirect or the forced
/// password change.
fn switch(route: Route) -> Html {
    html! { <Guarded {route} /> }
}
