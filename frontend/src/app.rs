//! The application root: locale and session contexts, the router and the frame around the
//! route switch ([`crate::switch`]); the routes are in [`crate::routes`].

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::layout::Layout;
use crate::entries::EntryPages;
use crate::i18n::LocaleProvider;
use crate::routes::Route;
use crate::state::session::SessionProvider;
use crate::switch::Guarded;

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The entry this bundle is: its routes render here, the others load their own entry.
    pub entry: EntryPages,
}

/// The root component.
#[component]
pub fn App(props: &AppProps) -> Html {
    html! {
        <ContextProvider<EntryPages> context={props.entry}>
        <LocaleProvider>
            <SessionProvider>
                <BrowserRouter>
                    <Layout>
                        <Switch<Route> render={switch} />
                    </Layout>
                </BrowserRouter>
            </SessionProvider>
        </LocaleProvider>
        </ContextProvider<EntryPages>>
    }
}

/// Every route goes through the guard, which renders the page, a redirect or the forced
/// password change.
fn switch(route: Route) -> Html {
    html! { <Guarded {route} /> }
}
