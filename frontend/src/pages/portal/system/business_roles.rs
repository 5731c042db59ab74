//! 业务角色管理 (`portal.system.business_roles`): the unit's business roles — named sets of
//! modules its handlers get — with 新增 / 编辑 / 删除. The modules offered are those a unit may
//! ever hand out; the API refuses any outside the unit's 可分配菜单 and names them.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use shared::org::{BusinessRole, BusinessRoleRequest};
use shared::{Module, Subsystem};
use yew::prelude::*;

use crate::api::{self, Api, ApiError};
use crate::components::alert::Flash;
use crate::components::form::{FormValues, TextField};
use crate::components::module_picker::{ModulePicker, PickColumn};
use crate::hooks::use_api;
use crate::i18n::{fill, t, use_i18n, Key, Locale};
use crate::kit::dialog::{
    act, confirm_question, use_pending, ConfirmAction, EditProps, FormDialog,
};
use crate::kit::list::{col, dialog_handles, id_row, text_col, use_list_control, ListPage};
use crate::kit::tags::{text_tag, Tone};

/// The modules a business role may offer: the business subsystems' (职称评审, 系统配置), never
/// the administrators' own.
pub fn offered() -> Vec<Module> {
    Module::ALL
        .iter()
        .copied()
        .filter(|m| matches!(m.group().subsystem(), Subsystem::Title | Subsystem::Config))
        .filter(|m| !crate::pages::portal::system::unit_roles::never_for_units(*m))
        .collect()
}

/// The modules of a submitted form, in menu order.
pub fn picked(codes: &[String]) -> Vec<Module> {
    Module::ALL
        .iter()
        .copied()
        .filter(|m| codes.iter().any(|c| c == m.code()))
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
enum Dialog {
    None,
    Edit(Option<BusinessRole>),
    Delete(BusinessRole),
}

/// The page.
#[component]
pub fn BusinessRoles() -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let control = use_list_control();
    let api = use_api();
    let dialog = use_state(|| Dialog::None);
    let (open, close, finish) = dialog_handles(&dialog, &control, Dialog::None);
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Edit(role) => {
            html! { <RoleDialog item={role.clone()} on_done={finish} on_close={close} /> }
        }
        Dialog::Delete(role) => delete(api, role, locale, finish, close),
    };
    let to = open.clone();
    let columns = vec![
        text_col(i18n.t(Key::RoleName), |r: &BusinessRole| &r.name).class("cell-name"),
        text_col(i18n.t(Key::RoleDescription), |r: &BusinessRole| {
            &r.description
        }),
        col(i18n.t(Key::RoleModules), move |r: &BusinessRole| {
            html! { <span class="tags">
            { for r.modules.iter().map(|m| text_tag(m.name(locale), Tone::Neutral)) }</span> }
        }),
        col(i18n.t(Key::Actions), move |r: &BusinessRole| {
            let (edit, delete) = (Dialog::Edit(Some(r.clone())), Dialog::Delete(r.clone()));
            html! { <div class="row-actions">
                <button type="button" class="link-button" data-testid="btn-edit" onclick={to.reform(move |_| edit.clone())}>
                    { t(locale, Key::Edit) }</button>
                <button type="button" class="link-button link-danger" data-testid="btn-delete" onclick={to.reform(move |_| delete.clone())}>
                    { t(locale, Key::Delete) }</button>
            </div> }
        }),
    ];
    let actions = html! {
        <button type="button" class="button button-primary" data-testid="btn-new-role" onclick={open.reform(|_| Dialog::Edit(None))}>
            { i18n.t(Key::RoleNew) }
        </button>
    };
    html! {
        <ListPage<BusinessRole> name="roles" title={Module::BusinessRoles.name(locale)} path="/api/v1/business-roles"
            unpaged=true intro={i18n.t(Key::BusinessRolesIntro)} {columns} {actions} control={control.clone()}>
            { dialog_view }
        </ListPage<BusinessRole>>
    }
}

id_row!(BusinessRole);

/// What a role dialog sends for a submitted form, answering the saved role's name.
pub type SaveRole =
    Rc<dyn Fn(FormValues) -> Pin<Box<dyn Future<Output = Result<String, ApiError>>>>>;

/// A role dialog's request: `build` makes the body of the name, the description and the form
/// (its module columns), `send` saves it and answers the saved role's name.
pub fn save_role<R: 'static, Fut>(
    build: impl Fn(String, String, &FormValues) -> R + 'static,
    send: impl Fn(R) -> Fut + 'static,
) -> SaveRole
where
    Fut: Future<Output = Result<String, ApiError>> + 'static,
{
    Rc::new(move |form: FormValues| {
        Box::pin(send(build(
            form.text("name"),
            form.text("description"),
            &form,
        )))
    })
}

/// Props of [`RoleFormDialog`].
#[derive(Properties)]
pub struct RoleFormProps {
    /// 新增… / 编辑….
    pub title: AttrValue,
    /// `dialog-<name>`.
    pub name: AttrValue,
    /// The hint above the modules.
    pub hint: Key,
    /// The role's name and description when editing.
    #[prop_or_default]
    pub current: Option<(String, String)>,
    /// The modules offered.
    pub options: Vec<Module>,
    /// The module columns (授权菜单; 可用 and 可分配).
    pub columns: Vec<PickColumn>,
    /// The request.
    pub save: SaveRole,
    /// Saved: the message.
    pub on_done: Callback<Flash>,
    /// Closed.
    pub on_close: Callback<()>,
}

// The request is a closure: a new set of props always renders.
impl PartialEq for RoleFormProps {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// The role dialog of business and unit roles: name (required), description, the hint and the
/// module columns; 已保存 names the role.
#[component]
pub fn RoleFormDialog(props: &RoleFormProps) -> Html {
    let i18n = use_i18n();
    let pending = use_pending();
    let on_submit = {
        let (pending, save, on_done, locale) = (
            pending.clone(),
            props.save.clone(),
            props.on_done.clone(),
            i18n.locale,
        );
        Callback::from(move |form: FormValues| {
            if form.text("name").is_empty() {
                return pending.fail_at("name", t(locale, Key::FieldsRequired));
            }
            let on_done = on_done.clone();
            pending.run(save(form), move |name| {
                on_done.emit(Flash::Success(fill(t(locale, Key::RoleSaved), &name)));
            });
        })
    };
    let (name, description) = props.current.clone().unwrap_or_default();
    html! {
        <FormDialog title={props.title.clone()} name={props.name.clone()} submit_label={i18n.t(Key::Save)} wide=true
            {pending} {on_submit} on_close={props.on_close.clone()}>
            <div class="form-grid">
                <TextField name="name" label={i18n.t(Key::RoleName)} required=true maxlength={100} value={name} />
                <TextField name="description" label={i18n.t(Key::RoleDescription)} maxlength={500} value={description} />
            </div>
            <p class="field-hint">{ i18n.t(props.hint) }</p>
            <ModulePicker options={props.options.clone()} columns={props.columns.clone()} />
        </FormDialog>
    }
}

/// 新增 / 编辑业务角色: name, description and modules.
#[component]
fn RoleDialog(props: &EditProps<BusinessRole>) -> Html {
    let i18n = use_i18n();
    let role = props.item.clone();
    let (api, id) = (use_api(), role.as_ref().map(|r| r.id));
    let save = save_role(
        |name, description, form| BusinessRoleRequest {
            name,
            description,
            modules: picked(&form.all("modules")),
        },
        move |request| {
            let api = api.clone();
            async move {
                Ok(api::roles::save_business_role(&api, id, &request)
                    .await?
                    .name)
            }
        },
    );
    let columns = vec![PickColumn {
        name: "modules",
        label: i18n.t(Key::RoleGrant).to_owned(),
        selected: role.as_ref().map(|r| r.modules.clone()).unwrap_or_default(),
    }];
    html! {
        <RoleFormDialog title={i18n.t(if role.is_some() { Key::RoleEdit } else { Key::RoleNew })} name="role"
            hint={Key::BusinessRoleModulesHint} current={role.map(|r| (r.name, r.description))} options={offered()}
            {columns} {save} on_done={props.on_done.clone()} on_close={props.on_close.clone()} />
    }
}

/// 删除, after one confirmation; refused while accounts hold the role (the API says how many).
fn delete(
    api: Api,
    role: &BusinessRole,
    locale: Locale,
    on_done: Callback<Flash>,
    on_cancel: Callback<()>,
) -> Html {
    let (id, name) = (role.id, role.name.clone());
    let request = act(move || {
        let (api, name) = (api.clone(), name.clone());
        async move {
            api::roles::delete_business_role(&api, id).await?;
            Ok(Flash::Success(fill(t(locale, Key::RoleDeleted), &name)))
        }
    });
    let question = confirm_question(locale, t(locale, Key::Delete), &role.name);
    html! { <ConfirmAction action={t(locale, Key::Delete)} danger=true message={question} act={request} {on_done} {on_cancel} /> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_roles_offer_business_modules_only_and_keep_menu_order() {
        let offered = offered();
        assert!(offered.contains(&Module::UnitVerification));
        assert!(offered.contains(&Module::UnitCreate));
        for never in [
            Module::Users,
            Module::Password,
            Module::AuditLog,
            Module::PolicyReview,
            Module::MyApplications,
        ] {
            assert!(!offered.contains(&never), "{never:?}");
        }
        let codes = vec![
            "title.review.unit_verification".to_owned(),
            "title.accounts.personal_accounts".to_owned(),
            "x".to_owned(),
        ];
        assert_eq!(
            picked(&codes),
            [Module::PersonalAccounts, Module::UnitVerification]
        );
    }
}
