//! The account screens: 用户管理 (`portal.system.users`, the own unit), 扩展用户管理
//! (`portal.system.extended_users`, the own unit and below) and 个人账号管理
//! (`title.accounts.personal_accounts`, the own unit's applicants). One list with filters,
//! status tags and row actions: 编辑, 启用 / 停用, 重置密码 and (with MFA on) 重置双因素.

use std::rc::Rc;

use shared::auth::CurrentUser;
use shared::org::{Account, Unit};
use shared::{AccountKind, Module};
use yew::prelude::*;

use super::account_dialogs::{account_action, CreateAccountDialog, EditAccountDialog, RowAction};
use super::account_rules::{can_manage, creatable_kinds};
use crate::api;
use crate::components::form::enabled_options;
use crate::components::nav_link::NavLink;
use crate::hooks::{use_api, use_api_load, Load};
use crate::i18n::{t, use_i18n, I18n, Key, Locale};
use crate::kit::filters::{enum_select, select, text, unit};
use crate::kit::format::china_time;
use crate::kit::list::{
    col, dialog_handles, edit_and_toggle, row_buttons, text_col, use_list_control, Column,
    ListPage, Row, RowButton,
};
use crate::kit::tags::{account_status, Tags};
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

    /// The list's name (`list-<name>`).
    fn name(self) -> &'static str {
        match self {
            Scope::Users => "users",
            Scope::Extended => "extended-users",
            Scope::Personal => "personal-accounts",
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
    let (scope, me, locale) = (props.scope, props.me.clone(), i18n.locale);
    let control = use_list_control();
    let dialog = use_state(|| Dialog::None);
    // Units for the new account's unit (扩展用户管理 only).
    let api = use_api();
    let units = use_api_load(scope == Scope::Extended, move |api, wanted| async move {
        if wanted {
            api::units::all(&api).await
        } else {
            Ok(Vec::new())
        }
    });
    let units: Rc<Vec<Unit>> = match &units.state {
        Load::Ready(units) => units.clone(),
        Load::Loading | Load::Failed(_) => Rc::new(Vec::new()),
    };
    let (opener, close, finish) = dialog_handles(&dialog, &control, Dialog::None);
    let mut filters = Vec::new();
    if scope == Scope::Extended {
        filters.push(unit("unit_id", i18n.t(Key::AccountUnit)));
    }
    if scope != Scope::Personal {
        filters.push(enum_select::<AccountKind>(
            "kind",
            i18n.t(Key::HomeKindLabel),
            locale,
        ));
    }
    filters.push(text("q", i18n.t(Key::NameOrUsername)));
    filters.push(select(
        "enabled",
        i18n.t(Key::StatusLabel),
        enabled_options(&i18n),
    ));
    let fixed = match scope {
        Scope::Users => vec![("unit_id", me.unit.id.to_string())],
        Scope::Extended => Vec::new(),
        Scope::Personal => vec![
            ("unit_id", me.unit.id.to_string()),
            ("kind", "applicant".to_owned()),
        ],
    };
    let own_kinds = creatable_kinds(&me, true);
    let may_create = match scope {
        Scope::Users => own_kinds.iter().any(|k| *k != AccountKind::Applicant),
        Scope::Extended => !own_kinds.is_empty() || !creatable_kinds(&me, false).is_empty(),
        Scope::Personal => own_kinds.contains(&AccountKind::Applicant),
    };
    let new_label = if scope == Scope::Personal {
        Key::ApplicantNew
    } else {
        Key::AccountNew
    };
    let actions = html! { if may_create {
        <button type="button" class="button button-primary" data-testid="btn-new-account" onclick={opener.reform(|_| Dialog::Create)}>
            { i18n.t(new_label) }
        </button>
    } };
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Create => html! {
            <CreateAccountDialog {scope} me={me.clone()} units={units.clone()} on_done={finish.clone()} on_close={close.clone()} />
        },
        Dialog::Edit(account) => html! {
            <EditAccountDialog account={account.clone()} on_done={finish.clone()} on_close={close.clone()} />
        },
        Dialog::Confirm(action, account) => account_action(
            api.clone(),
            *action,
            account,
            locale,
            finish.clone(),
            close.clone(),
        ),
    };
    html! {
        <ListPage<Account> name={scope.name()} title={scope.module().name(locale)} path="/api/v1/accounts" {filters} {fixed}
            columns={columns(&i18n, scope, &me, &opener)} {actions} above={tabs(&i18n, scope, false)} control={control.clone()}>
            { dialog_view }
        </ListPage<Account>>
    }
}

impl Row for Account {
    fn key(&self) -> String {
        self.username.clone()
    }
}

/// 用户名, 姓名, 类型 of an account (the lists and each unit of the org tree).
pub fn who_columns(locale: Locale) -> Vec<Column<Account>> {
    vec![
        text_col(t(locale, Key::LoginUsername), |a: &Account| &a.username).class("cell-mono"),
        text_col(t(locale, Key::AccountDisplayName), |a: &Account| {
            &a.display_name
        })
        .class("cell-name"),
        col(
            t(locale, Key::HomeKindLabel),
            move |a: &Account| html! { { a.kind.label(locale) } },
        ),
    ]
}

/// 状态 and 最近登录 of an account.
pub fn state_columns(locale: Locale) -> Vec<Column<Account>> {
    vec![
        col(
            t(locale, Key::StatusLabel),
            |a: &Account| html! { <Tags tags={account_status(a)} /> },
        ),
        col(t(locale, Key::AccountLastLogin), |a: &Account| {
            html! { { a.last_login_at.as_deref().map(china_time).unwrap_or_default() } }
        })
        .class("cell-time"),
    ]
}

fn columns(
    i18n: &I18n,
    scope: Scope,
    me: &Rc<CurrentUser>,
    open: &Callback<Dialog>,
) -> Vec<Column<Account>> {
    let (locale, me, i, open) = (i18n.locale, me.clone(), i18n.clone(), open.clone());
    let mut columns = who_columns(locale);
    if scope == Scope::Extended {
        columns.push(text_col(i18n.t(Key::AccountUnit), |a: &Account| {
            &a.unit_name
        }));
    }
    // 个人账号管理 shows the (masked) ID number, the other screens the phone.
    columns.push(
        if scope == Scope::Personal {
            col(
                i18n.t(Key::AccountIdNumber),
                |a: &Account| html! { { a.id_number_masked.clone().unwrap_or_default() } },
            )
        } else {
            col(
                i18n.t(Key::AccountPhone),
                |a: &Account| html! { { a.phone.clone().unwrap_or_default() } },
            )
        }
        .class("cell-mono"),
    );
    columns.extend(state_columns(locale));
    columns.push(col(i18n.t(Key::Actions), move |a: &Account| {
        row_actions(&i, &me, a, &open)
    }));
    columns
}

/// 编辑, 启用 / 停用 and 重置密码 for an account the caller manages; 本人 on the caller's own.
fn row_actions(i18n: &I18n, me: &CurrentUser, account: &Account, open: &Callback<Dialog>) -> Html {
    if !can_manage(me, account) {
        return html! { if account.id == me.id { <span class="muted">{ i18n.t(Key::AccountSelf) }</span> } };
    }
    let to = |d: Dialog| open.reform(move |_: MouseEvent| d.clone());
    let mut buttons = edit_and_toggle(
        i18n.locale,
        account.enabled,
        to(Dialog::Edit(account.clone())),
        to(Dialog::Confirm(RowAction::Toggle, account.clone())),
    );
    buttons.push(RowButton {
        testid: "btn-reset-password".into(),
        label: i18n.t(Key::ResetPassword),
        danger: true,
        onclick: to(Dialog::Confirm(RowAction::ResetPassword, account.clone())),
    });
    if account.mfa_enabled {
        buttons.push(RowButton {
            testid: "btn-reset-mfa".into(),
            label: i18n.t(Key::ResetMfa),
            danger: true,
            onclick: to(Dialog::Confirm(RowAction::ResetMfa, account.clone())),
        });
    }
    row_buttons(buttons)
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
