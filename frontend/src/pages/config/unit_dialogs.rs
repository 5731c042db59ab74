//! The dialogs of 单位创建: 新增单位 (with the optional administrator) and 编辑单位.

use shared::ids::CreditCode;
use shared::org::{CreateUnitRequest, CreatedUnit, Unit, UpdateUnitRequest};
use shared::{UnitKind, UnitLevel};
use yew::prelude::*;

use crate::api;
use crate::components::alert::{flash_view, Flash};
use crate::components::form::{FormValues, SelectField, TextField};
use crate::hooks::{use_api, use_api_load, Load};
use crate::i18n::{fill, t, use_i18n, Key, Locale};
use crate::kit::dialog::{use_pending, FormDialog, InfoDialog};

/// The kinds and levels a new unit may have under a parent (SPEC §2): an HRSS holds the
/// next-level HRSS and same-level departments and employers; a department holds same-level
/// employers; an employer holds nothing. The API applies the same rule.
pub fn placements(parent_kind: UnitKind, parent_level: UnitLevel) -> Vec<(UnitKind, UnitLevel)> {
    match parent_kind {
        UnitKind::Hrss => {
            let mut out = Vec::new();
            if let Some(below) = parent_level.below() {
                out.push((UnitKind::Hrss, below));
            }
            out.push((UnitKind::CompetentDepartment, parent_level));
            out.push((UnitKind::Employer, parent_level));
            out
        }
        UnitKind::CompetentDepartment => vec![(UnitKind::Employer, parent_level)],
        UnitKind::Employer => Vec::new(),
    }
}

/// What the 新增单位 form holds, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitDraft {
    /// 上级单位.
    pub parent: Option<Unit>,
    /// 单位类型.
    pub kind: Option<UnitKind>,
    /// The other fields, trimmed.
    pub name: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    /// 所在地区.
    pub region: String,
    /// 联系人.
    pub contact_name: String,
    /// 联系电话.
    pub contact_phone: String,
    /// 管理员用户名 (optional).
    pub admin_username: String,
    /// 管理员姓名 (optional).
    pub admin_display_name: String,
}

/// The request for a draft, or what to fix first.
pub fn unit_request(draft: &UnitDraft) -> Result<CreateUnitRequest, Key> {
    let parent = draft.parent.as_ref().ok_or(Key::UnitParentRequired)?;
    let kind = draft.kind.ok_or(Key::UnitKindRequired)?;
    let level = placements(parent.kind, parent.level)
        .into_iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, level)| level)
        .ok_or(Key::UnitKindRequired)?;
    let required = [
        &draft.name,
        &draft.credit_code,
        &draft.region,
        &draft.contact_name,
        &draft.contact_phone,
    ];
    if required.iter().any(|v| v.is_empty()) {
        return Err(Key::FieldsRequired);
    }
    let credit_code = CreditCode::parse(&draft.credit_code).map_err(|_| Key::CreditCodeInvalid)?;
    if draft.admin_username.is_empty() && !draft.admin_display_name.is_empty() {
        return Err(Key::UnitAdminUsernameRequired);
    }
    let admin_username = Some(draft.admin_username.clone()).filter(|v| !v.is_empty());
    let admin_display_name = admin_username.as_ref().map(|username| {
        Some(draft.admin_display_name.clone())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| username.clone())
    });
    Ok(CreateUnitRequest {
        parent_id: parent.id,
        kind,
        level,
        name: draft.name.clone(),
        credit_code: credit_code.as_str().to_owned(),
        region: draft.region.clone(),
        contact_name: draft.contact_name.clone(),
        contact_phone: draft.contact_phone.clone(),
        admin_username,
        admin_display_name,
    })
}

/// Props of [`CreateUnitDialog`].
#[derive(Properties, PartialEq)]
pub struct CreateUnitDialogProps {
    /// A unit was created (its name).
    pub on_created: Callback<String>,
    /// Closed.
    pub on_close: Callback<()>,
}

/// 新增单位: the form, then what was created (the administrator's username and the initial
/// password notice).
#[component]
pub fn CreateUnitDialog(props: &CreateUnitDialogProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let parents = use_api_load(
        (),
        move |api, ()| async move { api::units::all(&api).await },
    );
    let parent_id = use_state(|| None::<i64>);
    let kind = use_state(|| None::<UnitKind>);
    let pending = use_pending();
    let created = use_state(|| None::<CreatedUnit>);

    // Units that may hold a new unit: enabled HRSS and departments.
    let candidates: Vec<Unit> = match &parents.state {
        Load::Ready(units) => units
            .iter()
            .filter(|u| u.enabled && !placements(u.kind, u.level).is_empty())
            .cloned()
            .collect(),
        Load::Loading | Load::Failed(_) => Vec::new(),
    };
    let parent = parent_id.and_then(|id| candidates.iter().find(|u| u.id == id).cloned());
    let allowed = parent
        .as_ref()
        .map(|p| placements(p.kind, p.level))
        .unwrap_or_default();
    let level = kind.and_then(|k| allowed.iter().find(|(ak, _)| *ak == k).map(|(_, l)| *l));

    if let Some(answer) = &*created {
        return created_view(locale, answer, &props.on_close);
    }

    let on_parent = {
        let (parent_id, kind) = (parent_id.clone(), kind.clone());
        Callback::from(move |value: String| {
            parent_id.set(value.parse().ok());
            kind.set(None);
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |value: String| kind.set(UnitKind::parse(&value)))
    };
    let on_submit = {
        let (pending, created, api) = (pending.clone(), created.clone(), api.clone());
        let (parent, kind, on_created) = (parent.clone(), *kind, props.on_created.clone());
        Callback::from(move |form: FormValues| {
            let draft = UnitDraft {
                parent: parent.clone(),
                kind,
                name: form.text("name"),
                credit_code: form.text("credit_code"),
                region: form.text("region"),
                contact_name: form.text("contact_name"),
                contact_phone: form.text("contact_phone"),
                admin_username: form.text("admin_username"),
                admin_display_name: form.text("admin_display_name"),
            };
            let request = match unit_request(&draft) {
                Ok(request) => request,
                Err(key @ Key::CreditCodeInvalid) => {
                    return pending.fail_at("credit_code", t(locale, key))
                }
                Err(key) => return pending.fail(t(locale, key)),
            };
            let (created, api, on_created) = (created.clone(), api.clone(), on_created.clone());
            pending.run(
                async move { api::units::create(&api, &request).await },
                move |answer| {
                    on_created.emit(answer.unit.name.clone());
                    created.set(Some(answer));
                },
            );
        })
    };

    let parent_options: Vec<(String, String)> = candidates
        .iter()
        .map(|u| {
            (
                u.id.to_string(),
                crate::i18n::paren(locale, &u.name, u.kind.label(locale)),
            )
        })
        .collect();
    let kind_options: Vec<(String, String)> = allowed
        .iter()
        .map(|(k, _)| (k.as_str().to_owned(), k.label(locale).to_owned()))
        .collect();
    let level_options: Vec<(String, String)> = level
        .map(|l| vec![(l.as_str().to_owned(), l.label(locale).to_owned())])
        .unwrap_or_default();
    let parents_failed = match &parents.state {
        Load::Failed(e) => Some(Flash::Error(e.message(locale))),
        Load::Loading | Load::Ready(_) => None,
    };
    html! {
        <FormDialog title={i18n.t(Key::UnitNew)} name="unit" submit_label={i18n.t(Key::Save)} wide=true
            {pending} {on_submit} on_close={props.on_close.clone()}>
                { flash_view(parents_failed.as_ref()) }
                <div class="form-grid">
                    <SelectField
                        name="parent_id"
                        label={i18n.t(Key::UnitParent)}
                        options={parent_options}
                        selected={parent_id.map(|id| id.to_string()).unwrap_or_default()}
                        empty={i18n.t(Key::SelectPlaceholder)}
                        required=true
                        onchange={on_parent}
                    />
                    <SelectField
                        name="kind"
                        label={i18n.t(Key::UnitKindLabel)}
                        options={kind_options}
                        selected={kind.map_or("", UnitKind::as_str)}
                        empty={i18n.t(Key::SelectPlaceholder)}
                        required=true
                        onchange={on_kind}
                    />
                    <p class="field-hint grid-wide">{ i18n.t(Key::UnitPlacementHint) }</p>
                    <SelectField
                        name="level"
                        label={i18n.t(Key::UnitLevelLabel)}
                        options={level_options}
                        selected={level.map_or("", UnitLevel::as_str)}
                        empty={level.is_none().then(|| AttrValue::from(i18n.t(Key::UnitLevelFollows)))}
                        required=true
                    />
                    <TextField name="name" label={i18n.t(Key::UnitName)} required=true maxlength={100} />
                    <TextField name="credit_code" label={i18n.t(Key::UnitCreditCode)} required=true maxlength={18}
                        hint={i18n.t(Key::CreditCodeHint)} />
                    <TextField name="region" label={i18n.t(Key::UnitRegion)} required=true maxlength={100} />
                    <TextField name="contact_name" label={i18n.t(Key::UnitContactName)} required=true maxlength={50} />
                    <TextField name="contact_phone" label={i18n.t(Key::UnitContactPhone)} required=true maxlength={30} input_type="tel" />
                </div>
                <fieldset class="fieldset">
                    <legend>{ i18n.t(Key::UnitAdminSection) }</legend>
                    <p class="field-hint">{ i18n.t(Key::UnitAdminHint) }</p>
                    <div class="form-grid">
                        <TextField name="admin_username" label={i18n.t(Key::UnitAdminUsername)} maxlength={64} />
                        <TextField name="admin_display_name" label={i18n.t(Key::UnitAdminDisplayName)} maxlength={100} />
                    </div>
                </fieldset>
        </FormDialog>
    }
}

/// What 新增单位 created: the unit and, when one was made, its administrator's username with
/// the initial password notice.
fn created_view(locale: Locale, answer: &CreatedUnit, on_close: &Callback<()>) -> Html {
    html! {
        <InfoDialog title={t(locale, Key::UnitNew)} name="unit" on_close={on_close.clone()} wide=true>
            <div class="alert alert-success" role="status" data-testid="alert-success">
                <p class="alert-title" data-testid="created-unit">{ fill(t(locale, Key::UnitCreated), &answer.unit.name) }</p>
                if let Some(admin) = &answer.admin {
                    <p>
                        { t(locale, Key::UnitAdminCreated) }
                        <code data-testid="created-admin-username">{ &admin.username }</code>
                        { " " }{ &admin.display_name }
                    </p>
                    <p data-testid="initial-password-notice">{ t(locale, Key::InitialPasswordNotice) }</p>
                }
            </div>
            <dl class="facts">
                <dt>{ t(locale, Key::UnitKindLabel) }</dt>
                <dd>{ answer.unit.kind.label(locale) }</dd>
                <dt>{ t(locale, Key::UnitLevelLabel) }</dt>
                <dd>{ answer.unit.level.label(locale) }</dd>
                <dt>{ t(locale, Key::UnitCreditCode) }</dt>
                <dd class="cell-mono">{ &answer.unit.credit_code }</dd>
            </dl>
        </InfoDialog>
    }
}

/// Props of [`EditUnitDialog`].
#[derive(Properties, PartialEq)]
pub struct EditUnitDialogProps {
    /// The unit as listed (its version guards against a concurrent edit).
    pub unit: Unit,
    /// Saved: the message.
    pub on_done: Callback<Flash>,
    /// Closed.
    pub on_close: Callback<()>,
}

/// 编辑单位: name, region and contact. The parent is changed only through 主管部门更改.
#[component]
pub fn EditUnitDialog(props: &EditUnitDialogProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let pending = use_pending();
    let unit = &props.unit;
    let on_submit = {
        let (pending, api) = (pending.clone(), api.clone());
        let (id, version, on_done, locale) =
            (unit.id, unit.version, props.on_done.clone(), i18n.locale);
        Callback::from(move |form: FormValues| {
            let fields = ["name", "region", "contact_name", "contact_phone"].map(|f| form.text(f));
            if let Some(i) = fields.iter().position(String::is_empty) {
                let name = ["name", "region", "contact_name", "contact_phone"][i];
                return pending.fail_at(name, t(locale, Key::FieldsRequired));
            }
            let [name, region, contact_name, contact_phone] = fields;
            let request = UpdateUnitRequest {
                version,
                name: Some(name),
                region: Some(region),
                contact_name: Some(contact_name),
                contact_phone: Some(contact_phone),
                enabled: None,
            };
            let (api, on_done) = (api.clone(), on_done.clone());
            pending.run(
                async move { api::units::update(&api, id, &request).await },
                move |_| {
                    on_done.emit(Flash::Success(t(locale, Key::UnitSaved).to_owned()));
                },
            );
        })
    };
    html! {
        <FormDialog title={i18n.t(Key::UnitEditTitle)} name="unit-edit" submit_label={i18n.t(Key::Save)} wide=true
            {pending} {on_submit} on_close={props.on_close.clone()}>
                <div class="form-grid">
                    <TextField name="name" label={i18n.t(Key::UnitName)} value={unit.name.clone()} required=true maxlength={100} />
                    <TextField name="credit_code" label={i18n.t(Key::UnitCreditCode)} value={unit.credit_code.clone()} readonly=true />
                    <TextField name="region" label={i18n.t(Key::UnitRegion)} value={unit.region.clone()} required=true maxlength={100} />
                    <TextField name="contact_name" label={i18n.t(Key::UnitContactName)} value={unit.contact_name.clone()} required=true maxlength={50} />
                    <TextField name="contact_phone" label={i18n.t(Key::UnitContactPhone)} value={unit.contact_phone.clone()} required=true maxlength={30} input_type="tel" />
                </div>
        </FormDialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, kind: UnitKind, level: UnitLevel) -> Unit {
        Unit {
            id,
            parent_id: None,
            kind,
            level,
            name: "上级".into(),
            credit_code: String::new(),
            region: String::new(),
            contact_name: String::new(),
            contact_phone: String::new(),
            enabled: true,
            depth: 0,
            unit_role_id: None,
            version: 1,
        }
    }

    #[test]
    fn placements_follow_the_tree_rules() {
        assert_eq!(
            placements(UnitKind::Hrss, UnitLevel::City),
            vec![
                (UnitKind::Hrss, UnitLevel::County),
                (UnitKind::CompetentDepartment, UnitLevel::City),
                (UnitKind::Employer, UnitLevel::City),
            ]
        );
        assert_eq!(placements(UnitKind::Hrss, UnitLevel::County).len(), 2);
        assert_eq!(
            placements(UnitKind::CompetentDepartment, UnitLevel::County),
            vec![(UnitKind::Employer, UnitLevel::County)]
        );
        assert!(placements(UnitKind::Employer, UnitLevel::Province).is_empty());
    }

    #[test]
    fn a_draft_needs_parent_kind_fields_and_a_valid_code() {
        let mut draft = UnitDraft::default();
        assert_eq!(unit_request(&draft), Err(Key::UnitParentRequired));
        draft.parent = Some(unit(5, UnitKind::CompetentDepartment, UnitLevel::County));
        assert_eq!(unit_request(&draft), Err(Key::UnitKindRequired));
        draft.kind = Some(UnitKind::Hrss);
        assert_eq!(unit_request(&draft), Err(Key::UnitKindRequired));
        draft.kind = Some(UnitKind::Employer);
        assert_eq!(unit_request(&draft), Err(Key::FieldsRequired));
        draft.name = "示范县实验小学".into();
        draft.credit_code = "91350100M000100Y44".into();
        draft.region = "示范县".into();
        draft.contact_name = "李老师".into();
        draft.contact_phone = "0851-12345678".into();
        assert_eq!(unit_request(&draft), Err(Key::CreditCodeInvalid));
        draft.credit_code = "91350100m000100y43".into();
        draft.admin_display_name = "管理员".into();
        assert_eq!(unit_request(&draft), Err(Key::UnitAdminUsernameRequired));
        draft.admin_username = "sx_admin".into();
        let request = unit_request(&draft).unwrap_or_else(|k| panic!("{k:?}"));
        assert_eq!(request.parent_id, 5);
        assert_eq!(request.level, UnitLevel::County);
        assert_eq!(request.credit_code, "91350100M000100Y43");
        assert_eq!(request.admin_display_name.as_deref(), Some("管理员"));
        draft.admin_display_name.clear();
        let request = unit_request(&draft).unwrap_or_else(|k| panic!("{k:?}"));
        assert_eq!(request.admin_display_name.as_deref(), Some("sx_admin"));
    }
}
