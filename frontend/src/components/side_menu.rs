//! The left menu: 首页, then the account's modules grouped by subsystem and menu group exactly
//! as SPEC §8 (built by [`crate::nav::sections`]), then 系统状态.

use shared::Locale;
use yew::prelude::*;

use super::nav_link::NavLink;
use crate::i18n::{use_i18n, Key};
use crate::nav::{
    group_testid, module_route, module_testid, repeats_subsystem, sections, subsystem_testid,
    GroupEntry, Section,
};
use crate::routes::Route;
use crate::state::session::use_session;

/// Props of [`SideMenu`].
#[derive(Properties, PartialEq)]
pub struct SideMenuProps {
    /// Shown in a narrow window (the top bar's menu button); wide windows always show it.
    #[prop_or_default]
    pub open: bool,
}

/// The side menu landmark.
#[component]
pub fn SideMenu(props: &SideMenuProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let modules = session
        .status
        .signed_in()
        .map(|s| sections(&s.user.modules))
        .unwrap_or_default();
    let locale = i18n.locale;
    // publicity, committees, public site: the calendar is the system administrator's.
    let system_admin = session
        .status
        .signed_in()
        .is_some_and(|s| s.user.kind == shared::AccountKind::SystemAdmin);
    html! {
        <nav id="side-menu" class={classes!("side-menu", props.open.then_some("side-menu-open"))} aria-label={i18n.t(Key::MenuLabel)}>
            <ul class="menu-items menu-top">
                <li>
                    <NavLink to={Route::Home} classes="menu-link" testid="nav-home">
                        { i18n.t(Key::NavHome) }
                    </NavLink>
                </li>
            </ul>
            { for modules.iter().map(|section| section_view(section, locale)) }
            <div class="menu-section">
                <h2 class="menu-subsystem-title" id="menu-system-info">{ i18n.t(Key::MenuGroupSystem) }</h2>
                <ul class="menu-items" aria-labelledby="menu-system-info">
                    <li>
                        <NavLink to={Route::About} classes="menu-link" testid="nav-about">
                            { i18n.t(Key::NavAbout) }
                        </NavLink>
                    </li>
                    // publicity, committees, public site
                    if system_admin {
                        <li>
                            <NavLink to={Route::Calendar} classes="menu-link" testid="nav-calendar">
                                { i18n.t(Key::NavCalendar) }
                            </NavLink>
                        </li>
                        <li>
                            <NavLink to={Route::AttachmentCategories} classes="menu-link" testid="nav-attachment-categories">
                                { i18n.t(Key::NavAttachmentCategories) }
                            </NavLink>
                        </li>
                        <li>
                            <NavLink to={Route::ReviewRules} classes="menu-link" testid="nav-review-rules">
                                { i18n.t(Key::NavReviewRules) }
                            </NavLink>
                        </li>
                        <li>
                            <NavLink to={Route::CertificateNumbering} classes="menu-link" testid="nav-certificate-numbering">
                                { i18n.t(Key::NavCertNumbering) }
                            </NavLink>
                        </li>
                        <li>
                            <NavLink to={Route::AccountsDashboard} classes="menu-link" testid="nav-accounts-dashboard">
                                { i18n.t(Key::DashAccountsTitle) }
                            </NavLink>
                        </li>
                    }
                    <li>
                        <NavLink to={Route::PublicPublicity} classes="menu-link" testid="nav-public-publicity">
                            { i18n.t(Key::NavPublicSite) }
                        </NavLink>
                    </li>
                </ul>
            </div>
        </nav>
    }
}

fn section_view(section: &Section, locale: Locale) -> Html {
    let heading_id = subsystem_testid(section.subsystem);
    // A subsystem whose only group has the same name shows one heading, the group's.
    if let [only] = section.groups.as_slice() {
        if repeats_subsystem(only.group) {
            let testid = group_testid(only.group);
            return html! {
                <div class="menu-section" key={heading_id.clone()}>
                    <h2 class="menu-subsystem-title" id={testid.clone()} data-testid={testid.clone()}>
                        { only.group.name(locale) }
                    </h2>
                    { items(only, &testid, locale) }
                </div>
            };
        }
    }
    html! {
        <div class="menu-section" key={heading_id.clone()}>
            <h2 class="menu-subsystem-title" id={heading_id.clone()} data-testid={heading_id.clone()}>
                { section.subsystem.name(locale) }
            </h2>
            { for section.groups.iter().map(|entry| {
                let testid = group_testid(entry.group);
                html! {
                    <div class="menu-group" key={testid.clone()}>
                        <h3 class="menu-group-title" id={testid.clone()} data-testid={testid.clone()}>
                            { entry.group.name(locale) }
                        </h3>
                        { items(entry, &testid, locale) }
                    </div>
                }
            }) }
        </div>
    }
}

fn items(entry: &GroupEntry, heading_id: &str, locale: Locale) -> Html {
    html! {
        <ul class="menu-items" aria-labelledby={heading_id.to_owned()}>
            { for entry.modules.iter().map(|&module| {
                let testid = module_testid(module);
                html! {
                    <li key={testid.clone()}>
                        <NavLink to={module_route(module)} classes="menu-link" testid={testid}>
                            { module.name(locale) }
                        </NavLink>
                    </li>
                }
            }) }
        </ul>
    }
}
