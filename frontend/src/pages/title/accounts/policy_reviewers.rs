//! 个人账号管理 › 政策性审查账号 (SPEC §2, §4.5, manual §6.1.1): a unit that organises a
//! committee creates its policy-review accounts (usernames generated, one-time passwords shown
//! once), edits them until first used, and enables or disables them.

use std::rc::Rc;

use shared::committees::{
    Committee, CreatePolicyReviewersRequest, CreatedPolicyReviewer, CreatedPolicyReviewers,
    PolicyReviewer, UpdatePolicyReviewerRequest,
};
use shared::Module;
use yew::prelude::*;

use crate::api;
use crate::components::alert::Flash;
use crate::components::form::{FormValues, SelectField};
use crate::components::nav_link::NavLink;
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::dialog::{use_pending, use_submit, FormDialog, InfoDialog, Refusal};
use crate::kit::fields::TextField;
use crate::kit::format::china_time;
use crate::kit::list::{col, static_table, text_col, use_list_dialogs, ListPage, Row};
use crate::kit::tags::{status_tag, text_tag, Status, Tone};
use crate::pages::title::review::publicity_rules::{china_today, split_list};
use crate::routes::Route;
use crate::state::session::use_session;

/// The committees the caller's own unit organises (not those of units below).
#[hook]
fn use_own_committees() -> Rc<Vec<Committee>> {
    let session = use_session();
    let api = use_api();
    let unit = session.status.signed_in().map(|s| s.user.unit.id);
    let loaded = use_load(unit, move |unit| async move {
        let Some(unit) = unit else {
            return Ok(Vec::new());
        };
        let page = api::committees::committees(&api).await?;
        Ok(page
            .items
            .into_iter()
            .filter(|c| c.unit.id == unit)
            .collect::<Vec<_>>())
    });
    match loaded.state {
        Load::Ready(list) => list,
        Load::Loading | Load::Failed(_) => Rc::new(Vec::new()),
    }
}

/// The 政策性审查账号 tab of 个人账号管理, shown only to a unit that organises a committee.
#[component]
pub fn PolicyReviewerTab() -> Html {
    let i18n = use_i18n();
    let committees = use_own_committees();
    let current = yew_router::hooks::use_route::<Route>() == Some(Route::PolicyReviewers);
    if committees.is_empty() {
        return Html::default();
    }
    html! {
        <NavLink to={Route::PolicyReviewers} classes={classes!("tab", current.then_some("tab-current"))} testid="tab-policy-reviewers">
            { i18n.t(Key::RevTab) }
        </NavLink>
    }
}

#[derive(Clone, PartialEq, Default)]
enum Dialog {
    #[default]
    None,
    Create,
    Created(Rc<CreatedPolicyReviewers>),
    Edit(PolicyReviewer),
    Toggle(PolicyReviewer),
}

/// The page.
#[component]
pub fn PolicyReviewers() -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let committees = use_own_committees();
    let (control, dialog, open, close, finish) = use_list_dialogs::<Dialog>();
    let created = {
        let (dialog, control) = (dialog.clone(), control.clone());
        Callback::from(move |answer: CreatedPolicyReviewers| {
            control.done(Flash::Success(t(locale, Key::RevCreatedTitle).to_owned()));
            dialog.set(Dialog::Created(Rc::new(answer)));
        })
    };
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Create => {
            html! { <CreateDialog committees={committees.clone()} on_created={created} on_close={close} /> }
        }
        Dialog::Created(answer) => {
            html! { <PasswordsDialog answer={answer.clone()} on_close={close} /> }
        }
        Dialog::Edit(r) => {
            html! { <EditDialog reviewer={r.clone()} on_done={finish} on_close={close} /> }
        }
        Dialog::Toggle(r) => {
            html! { <ToggleDialog reviewer={r.clone()} on_done={finish} on_close={close} /> }
        }
    };
    let to = open.clone();
    let columns = vec![
        text_col(i18n.t(Key::LoginUsername), |r: &PolicyReviewer| &r.username).class("cell-mono"),
        text_col(i18n.t(Key::AccountDisplayName), |r: &PolicyReviewer| &r.display_name).class("cell-name"),
        col(i18n.t(Key::RevScope), move |r: &PolicyReviewer| html! { <>{ &r.committee.name }
            <span class="muted cell-sub">{ format!("{} · {}", r.year, r.series.label(locale)) }</span></> }),
        col(i18n.t(Key::ComSpecialties), move |r: &PolicyReviewer| html! {
            { if r.specialties.is_empty() { t(locale, Key::ComAllSpecialties).to_owned() } else { r.specialties.join("、") } } }),
        col(i18n.t(Key::StatusLabel), move |r: &PolicyReviewer| html! { <span class="tags">
            { status_tag(locale, Status::Enabled(r.enabled), None) }
            if !r.editable { { text_tag(t(locale, Key::RevUsed), Tone::Neutral) } }</span> }),
        col(i18n.t(Key::RevFirstUsed), |r: &PolicyReviewer| html! { { r.first_used_at.as_deref().map(china_time).unwrap_or_default() } })
            .class("cell-time"),
        col(i18n.t(Key::Actions), move |r: &PolicyReviewer| {
            let (edit, toggle) = (Dialog::Edit(r.clone()), Dialog::Toggle(r.clone()));
            html! { <div class="row-actions">
                if r.editable {
                    <button type="button" class="link-button" data-testid={format!("edit-reviewer-{}", r.account_id)}
                        onclick={to.reform(move |_| edit.clone())}>{ t(locale, Key::Edit) }</button>
                }
                <button type="button" class={classes!("link-button", r.enabled.then_some("link-danger"))}
                    data-testid={format!("toggle-reviewer-{}", r.account_id)} onclick={to.reform(move |_| toggle.clone())}>
                    { t(locale, if r.enabled { Key::Disable } else { Key::Enable }) }
                </button>
            </div> }
        }),
    ];
    let actions = html! { if !committees.is_empty() {
        <button type="button" class="button button-primary" data-testid="new-reviewers" onclick={open.reform(|_| Dialog::Create)}>
            { i18n.t(Key::RevNew) }
        </button>
    } };
    let tab = |to: Route, key: Key, testid: &'static str, current: bool| {
        html! {
            <NavLink {to} classes={classes!("tab", current.then_some("tab-current"))} {testid}>{ i18n.t(key) }</NavLink>
        }
    };
    let tabs = html! {
        <nav class="tabs" aria-label={i18n.t(Key::TabsLabel)}>
            { tab(Route::PersonalAccounts, Key::TabList, "tab-list", false) }
            { tab(Route::PersonalImport, Key::TabImport, "tab-import", false) }
            { tab(Route::PolicyReviewers, Key::RevTab, "tab-policy-reviewers", true) }
        </nav>
    };
    html! {
        <ListPage<PolicyReviewer> name="reviewers" title={Module::PersonalAccounts.name(locale)} path="/api/v1/policy-reviewers"
            intro={i18n.t(Key::RevIntro)} above={tabs} {columns} {actions} control={control.clone()}>
            { dialog_view }
        </ListPage<PolicyReviewer>>
    }
}

impl Row for PolicyReviewer {
    fn key(&self) -> String {
        self.username.clone()
    }
}

/// `row-password-<username>` in the passwords dialog (the list behind has `row-<username>`).
impl Row for CreatedPolicyReviewer {
    fn key(&self) -> String {
        format!("password-{}", self.reviewer.username)
    }
}

/// Props of [`CreateDialog`].
#[derive(Properties, PartialEq)]
struct CreateProps {
    committees: Rc<Vec<Committee>>,
    on_created: Callback<CreatedPolicyReviewers>,
    on_close: Callback<()>,
}

/// 新增政策性审查账号: committee (its series follows), year, specialties, name, count.
#[component]
fn CreateDialog(props: &CreateProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let pending = use_pending();
    let locale = i18n.locale;
    let committee = use_state(|| props.committees.first().map(|c| c.id));
    let chosen = props
        .committees
        .iter()
        .find(|c| Some(c.id) == *committee)
        .cloned();
    let on_committee = {
        let committee = committee.clone();
        Callback::from(move |v: String| committee.set(v.parse().ok()))
    };
    let on_submit = {
        let (pending, api, on_created) = (pending.clone(), api.clone(), props.on_created.clone());
        let chosen = chosen.clone();
        Callback::from(move |form: FormValues| {
            let (Some(c), Ok(year), Ok(count)) = (
                chosen.as_ref(),
                form.text("year").parse::<i32>(),
                form.text("count").parse::<u32>(),
            ) else {
                pending.fail(t(locale, Key::FieldsRequired));
                return;
            };
            let display_name = form.text("display_name");
            if display_name.is_empty() {
                pending.fail(t(locale, Key::FieldsRequired));
                return;
            }
            let request = CreatePolicyReviewersRequest {
                committee_id: c.id,
                year,
                series: c.series,
                specialties: split_list(&form.text("specialties")),
                display_name,
                count,
            };
            let (api, on_created) = (api.clone(), on_created.clone());
            pending.run(
                async move { api::committees::create_reviewers(&api, &request).await },
                move |answer| on_created.emit(answer),
            );
        })
    };
    let options = props
        .committees
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect::<Vec<_>>();
    let year = china_today().get(..4).unwrap_or("2026").to_owned();
    let series = chosen
        .as_ref()
        .map(|c| c.series.label(locale).to_owned())
        .unwrap_or_default();
    let inactive = chosen.as_ref().is_some_and(|c| !c.active);
    html! {
        <FormDialog title={i18n.t(Key::RevNew)} name="reviewers" submit_label={i18n.t(Key::RevCreate)}
            wide=true {pending} {on_submit} on_close={props.on_close.clone()}>
            <div class="form-grid">
                <SelectField name="committee_id" label={i18n.t(Key::ComName)} {options} required=true
                    selected={committee.map(|c| c.to_string()).unwrap_or_default()} onchange={on_committee} />
                <TextField name="series" testid="reviewer-series" label={i18n.t(Key::ComSeries)} value={series} readonly=true
                    hint={i18n.t(Key::RevSeriesFixed)} />
                <TextField name="year" testid="reviewer-year" label={i18n.t(Key::RevYear)} input_type="number" value={year} required=true />
                <TextField name="count" testid="reviewer-count" label={i18n.t(Key::RevCount)} input_type="number" value="1"
                    required=true hint={i18n.t(Key::RevCountHint)} />
                <TextField name="display_name" testid="reviewer-name" label={i18n.t(Key::AccountDisplayName)} required=true maxlength={90}
                    hint={i18n.t(Key::RevNameHint)} />
                <TextField name="specialties" testid="reviewer-specialties" label={i18n.t(Key::ComSpecialties)}
                    hint={i18n.t(Key::ComSpecialtiesHint)} />
            </div>
            if inactive {
                <p class="alert alert-warning">{ i18n.t(Key::RevNoAuthority) }</p>
            }
        </FormDialog>
    }
}

/// Copies `text` to the clipboard where the browser allows it.
fn copy_text(text: &str) -> bool {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::js_sys::{Function, Reflect};
    let Some(window) = web_sys::window() else {
        return false;
    };
    let write = Reflect::get(&window, &JsValue::from_str("navigator"))
        .and_then(|n| Reflect::get(&n, &JsValue::from_str("clipboard")))
        .ok()
        .filter(|c| !c.is_undefined())
        .and_then(|c| {
            let f = Reflect::get(&c, &JsValue::from_str("writeText")).ok()?;
            Some((c, f.dyn_into::<Function>().ok()?))
        });
    match write {
        Some((clipboard, f)) => f.call1(&clipboard, &JsValue::from_str(text)).is_ok(),
        None => false,
    }
}

/// The lines to copy: username, name and password, tab-separated.
pub fn password_lines(answer: &CreatedPolicyReviewers) -> String {
    answer
        .items
        .iter()
        .map(|c| {
            format!(
                "{}\t{}\t{}",
                c.reviewer.username, c.reviewer.display_name, c.initial_password
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Props of [`PasswordsDialog`].
#[derive(Properties, PartialEq)]
struct PasswordsProps {
    answer: Rc<CreatedPolicyReviewers>,
    on_close: Callback<()>,
}

/// The generated usernames and one-time passwords, shown only once.
#[component]
fn PasswordsDialog(props: &PasswordsProps) -> Html {
    let i18n = use_i18n();
    let copied = use_state(|| None::<bool>);
    let lines = password_lines(&props.answer);
    let on_copy = {
        let (copied, lines) = (copied.clone(), lines.clone());
        Callback::from(move |_: MouseEvent| copied.set(Some(copy_text(&lines))))
    };
    let columns = vec![
        col(
            i18n.t(Key::LoginUsername),
            |c: &CreatedPolicyReviewer| html! { { &c.reviewer.username } },
        )
        .class("cell-mono"),
        col(
            i18n.t(Key::AccountDisplayName),
            |c: &CreatedPolicyReviewer| html! { { &c.reviewer.display_name } },
        ),
        text_col(i18n.t(Key::RevPassword), |c: &CreatedPolicyReviewer| {
            &c.initial_password
        })
        .class("cell-mono"),
    ];
    let buttons = html! {
        <button type="button" class="button" data-testid="copy-passwords" onclick={on_copy}>{ i18n.t(Key::RevCopy) }</button>
    };
    html! {
        <InfoDialog title={i18n.t(Key::RevCreatedTitle)} name="reviewer-passwords" wide=true
            close_label={i18n.t(Key::RevSaved)} {buttons} on_close={props.on_close.clone()}>
            <p class="alert alert-warning" role="alert" data-testid="passwords-once">{ i18n.t(Key::RevOnce) }</p>
            { static_table(i18n.locale, "reviewer-passwords", None, &columns, &props.answer.items) }
            <div class="field">
                <label for="passwords-text">{ i18n.t(Key::RevCopyText) }</label>
                <textarea id="passwords-text" readonly=true rows="3" value={lines} data-testid="passwords-text" />
            </div>
            if let Some(ok) = *copied {
                <p class={classes!("alert", if ok { "alert-success" } else { "alert-warning" })} role="status">
                    { i18n.t(if ok { Key::RevCopied } else { Key::RevCopyFailed }) }
                </p>
            }
        </InfoDialog>
    }
}

/// Props of the row dialogs.
#[derive(Properties, PartialEq)]
struct RowProps {
    reviewer: PolicyReviewer,
    on_done: Callback<Flash>,
    on_close: Callback<()>,
}

/// 编辑: name and specialties, while the account has not been used.
#[component]
fn EditDialog(props: &RowProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let r = &props.reviewer;
    let (id, version, username) = (r.account_id, r.version, r.username.clone());
    let (pending, on_submit) = use_submit(&props.on_done, move |api, form| {
        let display_name = form
            .opt("display_name")
            .ok_or_else(|| Refusal::new(t(locale, Key::FieldsRequired)))?;
        let request = UpdatePolicyReviewerRequest {
            display_name: Some(display_name),
            specialties: Some(split_list(&form.text("specialties"))),
            version: Some(version),
        };
        let username = username.clone();
        Ok(async move {
            let answer = api::committees::update_reviewer(&api, id, &request).await;
            answer.map(|_| Flash::Success(fill(t(locale, Key::RevSavedDone), &username)))
        })
    });
    html! {
        <FormDialog title={i18n.t(Key::Edit)} name="reviewer-edit" submit_label={i18n.t(Key::Save)}
            {pending} {on_submit} on_close={props.on_close.clone()}>
            <TextField name="username" testid="reviewer-username" label={i18n.t(Key::LoginUsername)} value={r.username.clone()} readonly=true />
            <TextField name="display_name" testid="reviewer-name" label={i18n.t(Key::AccountDisplayName)}
                value={r.display_name.clone()} required=true maxlength={100} />
            <TextField name="specialties" testid="reviewer-specialties" label={i18n.t(Key::ComSpecialties)}
                value={r.specialties.join("，")} hint={i18n.t(Key::ComSpecialtiesHint)} />
            <p class="form-note">{ i18n.t(Key::RevEditNote) }</p>
        </FormDialog>
    }
}

/// 启用 / 停用 with a confirmation.
#[component]
fn ToggleDialog(props: &RowProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let r = &props.reviewer;
    let enable = !r.enabled;
    let (id, username) = (r.account_id, r.username.clone());
    let (pending, on_submit) = use_submit(&props.on_done, move |api, _| {
        let username = username.clone();
        Ok(async move {
            api::committees::set_enabled(&api, id, enable).await?;
            let key = if enable {
                Key::AccountEnabledDone
            } else {
                Key::AccountDisabledDone
            };
            Ok(Flash::Success(fill(t(locale, key), &username)))
        })
    });
    let (title, question) = if enable {
        (Key::Enable, Key::AccountConfirmEnable)
    } else {
        (Key::Disable, Key::AccountConfirmDisable)
    };
    let who = crate::i18n::paren(locale, &r.display_name, &r.username);
    html! {
        <FormDialog title={i18n.t(title)} name="reviewer-toggle" submit_label={i18n.t(title)} danger={!enable}
            {pending} {on_submit} on_close={props.on_close.clone()}>
            <p class="confirm-message">{ fill(i18n.t(question), &who) }</p>
        </FormDialog>
    }
}

#[cfg(test)]
mod tests {
    use shared::application::Series;
    use shared::auth::UnitRef;
    use shared::committees::{CommitteeRef, CreatedPolicyReviewer};
    use shared::{UnitKind, UnitLevel};

    use super::*;

    #[test]
    fn passwords_copy_as_tab_separated_lines() {
        let reviewer = |n: &str| PolicyReviewer {
            account_id: 1,
            username: format!("pr1_2026_{n}"),
            display_name: format!("审查 {n}"),
            committee: CommitteeRef {
                id: 1,
                name: "评委会".into(),
                series: Series::SchoolTeachers,
                unit: UnitRef {
                    id: 1,
                    name: "县人社局".into(),
                    kind: UnitKind::Hrss,
                    level: UnitLevel::County,
                },
            },
            year: 2026,
            series: Series::SchoolTeachers,
            specialties: vec![],
            enabled: true,
            first_used_at: None,
            editable: true,
            version: 1,
            created_at: "2026-11-26T00:00:00Z".into(),
        };
        let answer = CreatedPolicyReviewers {
            items: vec![
                CreatedPolicyReviewer {
                    reviewer: reviewer("001"),
                    initial_password: "Aa1!x".into(),
                },
                CreatedPolicyReviewer {
                    reviewer: reviewer("002"),
                    initial_password: "Bb2@y".into(),
                },
            ],
        };
        assert_eq!(
            password_lines(&answer),
            "pr1_2026_001\t审查 001\tAa1!x\npr1_2026_002\t审查 002\tBb2@y"
        );
    }
}
