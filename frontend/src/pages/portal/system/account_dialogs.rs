//! The dialogs of the account screens: 新增用户 / 新增申报人, 编辑用户, and the confirmations
//! of 启用 / 停用 and 重置密码.

use std::rc::Rc;

use shared::auth::CurrentUser;
use shared::org::{Account, Unit, UpdateAccountRequest};
use shared::AccountKind;
use yew::prelude::*;

use super::account_rules::{account_request, creatable_kinds, AccountDraft};
use super::accounts::Scope;
use crate::api::{self, Api};
use crate::components::alert::Flash;
use crate::components::form::{FormValues, SelectField, TextField};
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{fill, t, use_i18n, Key, Locale};
use crate::kit::dialog::{act, use_pending, ConfirmAction, FormDialog};
use crate::state::session::use_session;

/// A row action that needs a confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAction {
    /// 启用 or 停用, whichever the account is not.
    Toggle,
    /// 重置密码: back to 123@abc, unlocked, changed at next sign-in.
    ResetPassword,
    /// 重置双因素: the authenticator removed (a lost phone), signed out.
    ResetMfa,
}

/// Confirms and carries out a row action.
pub fn account_action(
    api: Api,
    action: RowAction,
    account: &Account,
    locale: Locale,
    on_done: Callback<Flash>,
    on_cancel: Callback<()>,
) -> Html {
    let enable = !account.enabled;
    let (id, version, username) = (account.id, account.version, account.username.clone());
    let (title, question, danger, done) = match (action, enable) {
        (RowAction::ResetPassword, _) => (
            Key::ResetPassword,
            Key::AccountConfirmReset,
            true,
            Key::ResetPasswordDone,
        ),
        (RowAction::ResetMfa, _) => (
            Key::ResetMfa,
            Key::AccountConfirmResetMfa,
            true,
            Key::ResetMfaDone,
        ),
        (RowAction::Toggle, true) => (
            Key::Enable,
            Key::AccountConfirmEnable,
            false,
            Key::AccountEnabledDone,
        ),
        (RowAction::Toggle, false) => (
            Key::Disable,
            Key::AccountConfirmDisable,
            true,
            Key::AccountDisabledDone,
        ),
    };
    let request = act(move || {
        let (api, username) = (api.clone(), username.clone());
        async move {
            match action {
                RowAction::Toggle => {
                    let request = UpdateAccountRequest {
                        version,
                        display_name: None,
                        phone: None,
                        enabled: Some(enable),
                        role_ids: None,
                    };
                    api::accounts::update(&api, id, &request).await?
                }
                RowAction::ResetPassword => api::accounts::reset_password(&api, id).await?,
                RowAction::ResetMfa => api::accounts::reset_mfa(&api, id).await?,
            };
            Ok(Flash::Success(fill(t(locale, done), &username)))
        }
    });
    let who = crate::i18n::paren(locale, &account.display_name, &account.username);
    html! {
        <ConfirmAction action={t(locale, title)} message={fill(t(locale, question), &who)} {danger} act={request} {on_done} {on_cancel} />
    }
}

/// Props of [`CreateAccountDialog`].
#[derive(Properties, PartialEq)]
pub struct CreateAccountDialogProps {
    /// The screen it is opened from.
    pub scope: Scope,
    /// The caller.
    pub me: Rc<CurrentUser>,
    /// The units to choose from (扩展用户管理); the others create in the own unit.
    pub units: Rc<Vec<Unit>>,
    /// Created: the message.
    pub on_done: Callback<Flash>,
    /// Closed.
    pub on_close: Callback<()>,
}

/// 新增用户 (or 新增申报人): unit, kind, username or ID number, name, phone.
#[component]
pub fn CreateAccountDialog(props: &CreateAccountDialogProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let me = &props.me;
    let scope = props.scope;
    let unit_id = use_state(|| (scope != Scope::Extended).then_some(me.unit.id));
    let kinds_for = |unit: Option<i64>| -> Vec<AccountKind> {
        let Some(unit) = unit else {
            return Vec::new();
        };
        let kinds = creatable_kinds(me, unit == me.unit.id);
        match scope {
            Scope::Users => kinds
                .into_iter()
                .filter(|k| *k != AccountKind::Applicant)
                .collect(),
            Scope::Personal => kinds
                .into_iter()
                .filter(|k| *k == AccountKind::Applicant)
                .collect(),
            Scope::Extended => kinds,
        }
    };
    let kinds = kinds_for(*unit_id);
    let kind = use_state(|| kinds_for(*unit_id).first().copied());
    let pending = use_pending();
    let kind_now = kind.filter(|k| kinds.contains(k));
    let applicant = kind_now == Some(AccountKind::Applicant);

    let on_unit = {
        let (unit_id, kind) = (unit_id.clone(), kind.clone());
        let kinds_of: Vec<(i64, Option<AccountKind>)> = props
            .units
            .iter()
            .map(|u| (u.id, kinds_for(Some(u.id)).first().copied()))
            .collect();
        Callback::from(move |value: String| {
            let id: Option<i64> = value.parse().ok();
            unit_id.set(id);
            kind.set(
                kinds_of
                    .iter()
                    .find(|(u, _)| Some(*u) == id)
                    .and_then(|(_, k)| *k),
            );
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |value: String| kind.set(AccountKind::parse(&value)))
    };
    let on_submit = {
        let (pending, api) = (pending.clone(), api.clone());
        let (unit_id, on_done) = (*unit_id, props.on_done.clone());
        Callback::from(move |form: FormValues| {
            let draft = AccountDraft {
                unit_id,
                kind: kind_now,
                username: form.text("username"),
                display_name: form.text("display_name"),
                phone: form.text("phone"),
                id_number: form.text("id_number"),
            };
            let mut request = match account_request(&draft) {
                Ok(request) => request,
                Err(key) => return pending.fail(t(locale, key)),
            };
            request.role_ids = role_ids(&form);
            let (api, on_done) = (api.clone(), on_done.clone());
            pending.run(
                async move { api::accounts::create(&api, &request).await },
                move |account| {
                    on_done.emit(Flash::Success(format!(
                        "{}{}",
                        fill(t(locale, Key::AccountCreated), &account.username),
                        t(locale, Key::InitialPasswordNotice)
                    )));
                },
            );
        })
    };

    let unit_field = if scope == Scope::Extended {
        let options: Vec<(String, String)> = props
            .units
            .iter()
            .filter(|u| !kinds_for(Some(u.id)).is_empty())
            .map(|u| (u.id.to_string(), u.name.clone()))
            .collect();
        html! {
            <SelectField
                name="unit_id"
                label={i18n.t(Key::AccountUnit)}
                {options}
                selected={unit_id.map(|id| id.to_string()).unwrap_or_default()}
                empty={i18n.t(Key::SelectPlaceholder)}
                required=true
                onchange={on_unit}
            />
        }
    } else {
        html! {
            <TextField name="unit_name" label={i18n.t(Key::AccountUnit)} value={me.unit.name.clone()} readonly=true />
        }
    };
    let kind_options: Vec<(String, String)> = kinds
        .iter()
        .map(|k| (k.as_str().to_owned(), k.label(locale).to_owned()))
        .collect();
    let title = if scope == Scope::Personal {
        Key::ApplicantNew
    } else {
        Key::AccountNew
    };
    html! {
        <FormDialog title={i18n.t(title)} name="account" submit_label={i18n.t(Key::Save)} {pending} {on_submit}
            on_close={props.on_close.clone()} wide=true>
                <div class="form-grid">
                    { unit_field }
                    <SelectField
                        name="kind"
                        label={i18n.t(Key::HomeKindLabel)}
                        options={kind_options}
                        selected={kind_now.map_or("", AccountKind::as_str)}
                        empty={kind_now.is_none().then(|| AttrValue::from(i18n.t(Key::SelectPlaceholder)))}
                        required=true
                        onchange={on_kind}
                    />
                    if applicant {
                        <TextField name="id_number" label={i18n.t(Key::AccountIdNumber)} required=true maxlength={18}
                            hint={i18n.t(Key::IdNumberIsUsername)} />
                    } else {
                        <TextField name="username" label={i18n.t(Key::LoginUsername)} required=true maxlength={64}
                            hint={i18n.t(Key::UsernameHint)} />
                    }
                    <TextField name="display_name" label={i18n.t(Key::AccountDisplayName)} required=true maxlength={100} />
                    <TextField name="phone" label={i18n.t(Key::AccountPhone)} input_type="tel" maxlength={30} />
                </div>
                if offers_roles(me, kind_now, *unit_id) {
                    <RolePicker selected={Vec::new()} />
                }
                <p class="form-note">{ i18n.t(Key::InitialPasswordNotice) }</p>
        </FormDialog>
    }
}

/// Whether the caller hands out business roles to a handler of `unit_id` here: its own unit's
/// roles, with 业务角色管理 to read them.
fn offers_roles(me: &CurrentUser, kind: Option<AccountKind>, unit_id: Option<i64>) -> bool {
    kind == Some(AccountKind::Handler)
        && unit_id == Some(me.unit.id)
        && me.modules.contains(&shared::Module::BusinessRoles)
}

/// Props of [`RolePicker`].
#[derive(Properties, PartialEq)]
struct RolePickerProps {
    /// Ticked at the start.
    selected: Vec<i64>,
}

/// The unit's business roles as checkboxes (`role_ids`).
#[component]
fn RolePicker(props: &RolePickerProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let roles = use_load((), move |()| async move {
        api::roles::business_roles(&api).await
    });
    let body = match &roles.state {
        Load::Loading => html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> },
        Load::Failed(e) => html! { <p class="alert alert-error">{ e.message(locale) }</p> },
        Load::Ready(list) if list.is_empty() => html! { <p class="muted">{ i18n.t(Key::NoBusinessRoles) }</p> },
        Load::Ready(list) => list
            .iter()
            .map(|role| {
                let id = format!("role-{}", role.id);
                html! {
                    <label class="check" for={id.clone()}>
                        <input type="checkbox" id={id.clone()} name="role_ids" value={role.id.to_string()}
                            checked={props.selected.contains(&role.id)} data-testid={id} />
                        { &role.name }
                    </label>
                }
            })
            .collect::<Html>(),
    };
    html! {
        <fieldset class="fieldset">
            <legend>{ i18n.t(Key::AccountRoles) }</legend>
            <div class="checks">{ body }</div>
        </fieldset>
    }
}

/// The ticked role ids of a form.
fn role_ids(form: &FormValues) -> Vec<i64> {
    form.all("role_ids")
        .iter()
        .filter_map(|v| v.parse().ok())
        .collect()
}

/// Props of [`EditAccountDialog`].
#[derive(Properties, PartialEq)]
pub struct EditAccountDialogProps {
    /// The account as listed (its version guards against a concurrent edit).
    pub account: Account,
    /// Saved: the message.
    pub on_done: Callback<Flash>,
    /// Closed.
    pub on_close: Callback<()>,
}

/// 编辑用户: name and phone.
#[component]
pub fn EditAccountDialog(props: &EditAccountDialogProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let pending = use_pending();
    let account = &props.account;
    let roles = session
        .status
        .signed_in()
        .is_some_and(|s| offers_roles(&s.user, Some(account.kind), Some(account.unit_id)));
    let on_submit = {
        let (pending, api) = (pending.clone(), api.clone());
        let (id, version, on_done, locale) = (
            account.id,
            account.version,
            props.on_done.clone(),
            i18n.locale,
        );
        Callback::from(move |form: FormValues| {
            let display_name = form.text("display_name");
            if display_name.is_empty() {
                return pending.fail_at("display_name", t(locale, Key::FieldsRequired));
            }
            let request = UpdateAccountRequest {
                version,
                display_name: Some(display_name),
                phone: form.opt("phone"),
                enabled: None,
                role_ids: roles.then(|| role_ids(&form)),
            };
            let (api, on_done) = (api.clone(), on_done.clone());
            pending.run(
                async move { api::accounts::update(&api, id, &request).await },
                move |_| {
                    on_done.emit(Flash::Success(t(locale, Key::AccountSaved).to_owned()));
                },
            );
        })
    };
    html! {
        <FormDialog title={i18n.t(Key::AccountEditTitle)} name="account-edit" submit_label={i18n.t(Key::Save)}
            {pending} {on_submit} on_close={props.on_close.clone()}>
                <TextField name="username" label={i18n.t(Key::LoginUsername)} value={account.username.clone()} readonly=true />
                <TextField name="display_name" label={i18n.t(Key::AccountDisplayName)} value={account.display_name.clone()} required=true maxlength={100} />
                <TextField name="phone" label={i18n.t(Key::AccountPhone)} value={account.phone.clone().unwrap_or_default()} input_type="tel" maxlength={30} />
                if roles {
                    <RolePicker selected={account.role_ids.clone()} />
                }
        </FormDialog>
    }
}
