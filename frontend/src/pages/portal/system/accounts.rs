//! The account screens: 用户管理 (`portal.system.users`, the own unit), 扩展用户管理
//! (`portal.system.extended_users`, the own unit and below) and 个人账号管理
//! (`title.accounts.personal_accounts`, the own unit's applicants). One list with filters,
//! status tags and row actions: 编辑, 启用 / 停用 and 重置密码.

use std::rc::Rc;

use shared::auth::CurrentUser;
use shared::org::{Account, Unit};
use shared::{AccountKind, Module};
use yew::prelude::*;

use super::account_dialogs::{AccountAction, CreateAccountDialog, EditAccountDialog, RowAction};
use super::account_rules::{can_manage, creatable_kinds};
use crate::api::{self, accounts::AccountFilter};
use crate::components::alert::{flash_view, Flash};
use crate::components::form::{
    enabled_options, enum_options, parse_enabled, FormValues, SelectField, TextField,
};
use crate::components::nav_link::NavLink;
use crate::components::pager::Pager;
use crate::components::table;
use crate::components::tags::{account_status, Tags};
use crate::hooks::{use_load, Load};
use crate::i18n::{use_i18n, I18n, Key};
use crate::pages::format::local_time;
use crate::routes::Route;
use crate::state::session::use_session;

/// Which of the three screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// 用户管理: every account of the own unit.
    Users,
    /// 扩展用户管理: the own unit and every unit below, with a unit filter.
    Extended,
    /// 个人账号管理: the own unit's applicants.
    Personal,
}

impl Scope {
    /// The module of the screen.
    pub fn module(self) -> Module {
        match self {
            Scope::Users => Module::Users,
            Scope::Extended => Module::ExtendedUsers,
            Scope::Personal => Module::PersonalAccounts,
        }
    }

    fn testid(self) -> &'static str {
        match self {
            Scope::Users => "page-users",
            Scope::Extended => "page-extended-users",
            Scope::Personal => "page-personal-accounts",
        }
    }

    /// The filter the screen starts with (and keeps: its fixed part).
    fn base_filter(self, user: &CurrentUser) -> AccountFilter {
        match self {
            Scope::Users => AccountFilter {
                unit_id: Some(user.unit.id),
                ..AccountFilter::default()
            },
            Scope::Extended => AccountFilter::default(),
            Scope::Personal => AccountFilter {
                unit_id: Some(user.unit.id),
                kind: Some(AccountKind::Applicant),
                ..AccountFilter::default()
            },
        }
    }

    /// The screen's bulk-import route, if it has one.
    pub fn import_route(self) -> Option<Route> {
        match self {
            Scope::Users => Some(Route::UsersImport),
            Scope::Personal => Some(Route::PersonalImport),
            Scope::Extended => None,
        }
    }

    /// The screen's own route.
    pub fn route(self) -> Route {
        match self {
            Scope::Users => Route::Users,
            Scope::Extended => Route::ExtendedUsers,
            Scope::Personal => Route::PersonalAccounts,
        }
    }
}

/// The open dialog.
#[derive(Debug, Clone, PartialEq)]
enum Dialog {
    None,
    Create,
    Edit(Account),
    Confirm(RowAction, Account),
}

/// Props of [`Accounts`].
#[derive(Properties, PartialEq)]
pub struct AccountsProps {
    /// Which screen.
    pub scope: Scope,
}

/// One of the account screens.
#[component]
pub fn Accounts(props: &AccountsProps) -> Html {
    let session = use_session();
    match session.status.signed_in() {
        Some(s) => html! { <Screen scope={props.scope} me={Rc::new(s.user.clone())} /> },
        None => Html::default(),
    }
}

/// Props of [`Screen`].
#[derive(Properties, PartialEq)]
struct ScreenProps {
    scope: Scope,
    me: Rc<CurrentUser>,
}

#[component]
fn Screen(props: &ScreenProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let scope = props.scope;
    let me = props.me.clone();
    let base = scope.base_filter(&me);
    let filter = use_state(|| base.clone());
    let flash = use_state(|| None::<Flash>);
    let dialog = use_state(|| Dialog::None);
    let loaded = {
        let store = session.store.clone();
        let locale = i18n.locale;
        use_load((*filter).clone(), move |f| async move {
            api::accounts::list(&store, &f, locale).await
        })
    };
    // Units for the unit filter and the new account's unit (扩展用户管理 only).
    let units = {
        let store = session.store.clone();
        let locale = i18n.locale;
        use_load(scope == Scope::Extended, move |wanted| async move {
            if wanted {
                api::units::all(&store, locale).await
            } else {
                Ok(Vec::new())
            }
        })
    };
    let units: Rc<Vec<Unit>> = match &units.state {
        Load::Ready(units) => units.clone(),
        Load::Loading | Load::Failed(_) => Rc::new(Vec::new()),
    };

    let on_search = {
        let (filter, base) = (filter.clone(), base.clone());
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = FormValues::from_submit(&e) else {
                return;
            };
            filter.set(AccountFilter {
                unit_id: base
                    .unit_id
                    .or_else(|| form.text("filter-unit_id").parse().ok()),
                kind: base
                    .kind
                    .or_else(|| AccountKind::parse(&form.text("filter-kind"))),
                q: form.text("filter-q"),
                enabled: parse_enabled(&form.text("filter-enabled")),
                ..base.clone()
            });
        })
    };
    let on_reset = {
        let (filter, base) = (filter.clone(), base.clone());
        Callback::from(move |_: MouseEvent| filter.set(base.clone()))
    };
    let on_page = {
        let filter = filter.clone();
        Callback::from(move |page: u32| {
            filter.set(AccountFilter {
                page,
                ..(*filter).clone()
            })
        })
    };
    let open = |next: Dialog| {
        let (dialog, flash) = (dialog.clone(), flash.clone());
        Callback::from(move |_: MouseEvent| {
            flash.set(None);
            dialog.set(next.clone());
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |()| dialog.set(Dialog::None))
    };
    let finish = {
        let (flash, dialog, reload) = (flash.clone(), dialog.clone(), loaded.reload.clone());
        Callback::from(move |message: Flash| {
            dialog.set(Dialog::None);
            flash.set(Some(message));
            reload.emit(());
        })
    };

    let show_unit = scope == Scope::Extended;
    let columns = if show_unit { 8 } else { 7 };
    let row = |account: &Account| {
        let actions = if can_manage(&me, account) {
            html! {
                <div class="row-actions">
                    <button type="button" class="link-button" data-testid="btn-edit" onclick={open(Dialog::Edit(account.clone()))}>
                        { i18n.t(Key::Edit) }
                    </button>
                    <button
                        type="button"
                        class={classes!("link-button", account.enabled.then_some("link-danger"))}
                        data-testid={if account.enabled { "btn-disable" } else { "btn-enable" }}
                        onclick={open(Dialog::Confirm(RowAction::Toggle, account.clone()))}
                    >
                        { i18n.t(if account.enabled { Key::Disable } else { Key::Enable }) }
                    </button>
                    <button type="button" class="link-button link-danger" data-testid="btn-reset-password"
                        onclick={open(Dialog::Confirm(RowAction::ResetPassword, account.clone()))}>
                        { i18n.t(Key::ResetPassword) }
                    </button>
                </div>
            }
        } else if account.id == me.id {
            html! { <span class="muted">{ i18n.t(Key::AccountSelf) }</span> }
        } else {
            Html::default()
        };
        // 个人账号管理 shows the (masked) ID number, the other screens the phone.
        let id_or_phone = if scope == Scope::Personal {
            account.id_number_masked.clone()
        } else {
            account.phone.clone()
        }
        .unwrap_or_default();
        html! {
            <tr key={account.id.to_string()} data-testid={format!("row-{}", account.username)}>
                <td class="cell-mono">{ &account.username }</td>
                <td>{ &account.display_name }</td>
                <td>{ account.kind.label(i18n.locale) }</td>
                if show_unit {
                    <td>{ &account.unit_name }</td>
                }
                <td class="cell-mono">{ id_or_phone }</td>
                <td><Tags tags={account_status(account)} /></td>
                <td class="cell-time">{ account.last_login_at.as_deref().map(local_time).unwrap_or_default() }</td>
                <td>{ actions }</td>
            </tr>
        }
    };

    let own_kinds = creatable_kinds(&me, true);
    let below_kinds = creatable_kinds(&me, false);
    let may_create = match scope {
        Scope::Users => own_kinds.iter().any(|k| *k != AccountKind::Applicant),
        Scope::Extended => !own_kinds.is_empty() || !below_kinds.is_empty(),
        Scope::Personal => own_kinds.contains(&AccountKind::Applicant),
    };
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Create => html! {
            <CreateAccountDialog
                {scope}
                me={me.clone()}
                units={units.clone()}
                on_done={finish.clone()}
                on_close={close.clone()}
            />
        },
        Dialog::Edit(account) => html! {
            <EditAccountDialog account={account.clone()} on_done={finish.clone()} on_close={close.clone()} />
        },
        Dialog::Confirm(action, account) => html! {
            <AccountAction action={*action} account={account.clone()} on_done={finish.clone()} on_cancel={close.clone()} />
        },
    };
    let new_label = if scope == Scope::Personal {
        Key::ApplicantNew
    } else {
        Key::AccountNew
    };

    html! {
        <section class="page" data-testid={scope.testid()}>
            <div class="page-heading">
                <h1 class="page-title">{ scope.module().name(i18n.locale) }</h1>
                <div class="page-actions">
                    if may_create {
                        <button type="button" class="button button-primary" data-testid="btn-new-account" onclick={open(Dialog::Create)}>
                            { i18n.t(new_label) }
                        </button>
                    }
                </div>
            </div>
            { tabs(&i18n, scope, false) }
            { flash_view(flash.as_ref()) }
            { filter_bar(&i18n, scope, &filter, &units, on_search, on_reset) }
            <div class="panel panel-table">
                <table class="table" data-testid="accounts-table" aria-busy={loaded.busy.to_string()}>
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.t(Key::LoginUsername) }</th>
                            <th scope="col">{ i18n.t(Key::AccountDisplayName) }</th>
                            <th scope="col">{ i18n.t(Key::HomeKindLabel) }</th>
                            if show_unit {
                                <th scope="col">{ i18n.t(Key::AccountUnit) }</th>
                            }
                            <th scope="col">{ i18n.t(if scope == Scope::Personal { Key::AccountIdNumber } else { Key::AccountPhone }) }</th>
                            <th scope="col">{ i18n.t(Key::StatusLabel) }</th>
                            <th scope="col">{ i18n.t(Key::AccountLastLogin) }</th>
                            <th scope="col">{ i18n.t(Key::Actions) }</th>
                        </tr>
                    </thead>
                    <tbody>{ table::rows(&i18n, &loaded, columns, row) }</tbody>
                </table>
                if let Some(page) = table::page(&loaded) {
                    <Pager page={page.page} per_page={page.per_page} total={page.total} {on_page} />
                }
            </div>
            { dialog_view }
        </section>
    }
}

/// 账号列表 | 批量导入, for the screens that import.
pub fn tabs(i18n: &I18n, scope: Scope, importing: bool) -> Html {
    let Some(import) = scope.import_route() else {
        return Html::default();
    };
    let class = |current: bool| classes!("tab", current.then_some("tab-current"));
    html! {
        <nav class="tabs" aria-label={i18n.t(Key::TabsLabel)}>
            <NavLink to={scope.route()} classes={class(!importing)} testid="tab-list">
                { i18n.t(Key::TabList) }
            </NavLink>
            <NavLink to={import} classes={class(importing)} testid="tab-import">
                { i18n.t(Key::TabImport) }
            </NavLink>
            // publicity, committees, public site
            if scope == Scope::Personal {
                <crate::pages::title::accounts::policy_reviewers::PolicyReviewerTab />
            }
        </nav>
    }
}

fn filter_bar(
    i18n: &I18n,
    scope: Scope,
    filter: &AccountFilter,
    units: &[Unit],
    onsubmit: Callback<SubmitEvent>,
    on_reset: Callback<MouseEvent>,
) -> Html {
    let locale = i18n.locale;
    let unit_options: Vec<(String, String)> = units
        .iter()
        .map(|u| (u.id.to_string(), u.name.clone()))
        .collect();
    html! {
        <form class="filter-bar" role="search" aria-label={i18n.t(Key::FilterLabel)} {onsubmit}>
            if scope == Scope::Extended {
                <SelectField
                    name="filter-unit_id"
                    label={i18n.t(Key::AccountUnit)}
                    options={unit_options}
                    selected={filter.unit_id.map(|id| id.to_string()).unwrap_or_default()}
                    empty={i18n.t(Key::All)}
                />
            }
            if scope != Scope::Personal {
                <SelectField
                    name="filter-kind"
                    label={i18n.t(Key::HomeKindLabel)}
                    options={enum_options(AccountKind::ALL, AccountKind::as_str, |k| k.label(locale))}
                    selected={filter.kind.map_or("", AccountKind::as_str)}
                    empty={i18n.t(Key::All)}
                />
            }
            <TextField name="filter-q" label={i18n.t(Key::NameOrUsername)} value={filter.q.clone()} />
            <SelectField
                name="filter-enabled"
                label={i18n.t(Key::StatusLabel)}
                options={enabled_options(i18n)}
                selected={filter.enabled.map_or("", |e| if e { "true" } else { "false" })}
                empty={i18n.t(Key::All)}
            />
            <div class="filter-actions">
                <button type="submit" class="button button-primary" data-testid="btn-search">{ i18n.t(Key::Search) }</button>
                <button type="reset" class="button" data-testid="btn-reset" onclick={on_reset}>{ i18n.t(Key::Reset) }</button>
            </div>
        </form>
    }
}
