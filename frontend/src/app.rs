//! The application root: locale context, router and the route table.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::layout::Layout;
use crate::i18n::LocaleProvider;
use crate::pages::{about::About, home::Home, not_found::NotFound};

/// Every screen of the SPA. The server answers unknown non-`/api` paths with `index.html`, so
/// each of these paths can be opened directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Routable)]
pub enum Route {
    /// To-do home page.
    #[at("/")]
    Home,
    /// Server status (`GET /api/health`).
    #[at("/about")]
    About,
    /// Anything unknown.
    #[not_found]
    #[at("/404")]
    NotFound,
}

/// The root component.
#[component]
pub fn App() -> Html {
    html! {
        <LocaleProvider>
            <BrowserRouter>
                <Layout>
                    <Switch<Route> render={switch} />
                </Layout>
            </BrowserRouter>
        </LocaleProvider>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::About => html! { <About /> },
        Route::NotFound => html! { <NotFound /> },
    }
}
