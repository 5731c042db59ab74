//! 批量导入 (in 用户管理 and 个人账号管理): choose a CSV or XLSX file, 预检 (a dry run that lists
//! every broken rule by row and field, or says all rows pass), then 导入. The API creates all
//! rows or none, so a failed check or import never leaves half a batch behind.

use shared::Locale;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::accounts::{tabs, Scope};
use crate::api::{self, accounts::BulkAccount, accounts::BulkReport};
use crate::components::alert::{flash_view, Flash};
use crate::hooks::use_api;
use crate::i18n::{fill, t, use_i18n, I18n, Key};
use crate::kit::bulk::{
    capped_table, errors_table, outcome, template_button, Chosen, Export, FileField, Tally, Wording,
};
use crate::kit::list::{col, text_col, Row};
use crate::kit::tags::{text_tag, Tone};
use crate::state::session::use_session;

/// What runs right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Busy {
    Checking,
    Importing,
}

/// The header of the template file for a screen (the API reads these Chinese headers).
pub fn template(scope: Scope) -> &'static str {
    match scope {
        Scope::Personal => "\u{feff}用户名,姓名,账号类型,单位ID,手机号,身份证号\n",
        Scope::Users | Scope::Extended => {
            "\u{feff}用户名,姓名,账号类型,单位ID,手机号,身份证号,业务角色\n"
        }
    }
}

/// Props of [`BulkImport`].
#[derive(Properties, PartialEq)]
pub struct BulkImportProps {
    /// The screen the import belongs to.
    pub scope: Scope,
}

/// The import tab.
#[component]
pub fn BulkImport(props: &BulkImportProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let locale = i18n.locale;
    let scope = props.scope;
    let unit_id = session.status.signed_in().map(|s| s.user.unit.id);
    let chosen = use_state(|| None::<Chosen>);
    let busy = use_state(|| None::<Busy>);
    let checked = use_state(|| None::<BulkReport>);
    let imported = use_state(|| None::<BulkReport>);
    let flash = use_state(|| None::<Flash>);

    let on_choose = {
        let (chosen, checked, imported, flash) = (
            chosen.clone(),
            checked.clone(),
            imported.clone(),
            flash.clone(),
        );
        Callback::from(move |file: Option<Chosen>| {
            checked.set(None);
            imported.set(None);
            flash.set(None);
            chosen.set(file);
        })
    };
    let run = |dry_run: bool| {
        let (chosen, busy, checked, imported, flash) = (
            chosen.clone(),
            busy.clone(),
            checked.clone(),
            imported.clone(),
            flash.clone(),
        );
        let api = api.clone();
        Callback::from(move |_: MouseEvent| {
            if busy.is_some() {
                return;
            }
            let Some(Chosen { file, content_type }) = (*chosen).clone() else {
                flash.set(Some(Flash::Error(t(locale, Key::BulkNoFile).to_owned())));
                return;
            };
            busy.set(Some(if dry_run {
                Busy::Checking
            } else {
                Busy::Importing
            }));
            flash.set(None);
            let (busy, checked, imported, flash, api) = (
                busy.clone(),
                checked.clone(),
                imported.clone(),
                flash.clone(),
                api.clone(),
            );
            spawn_local(async move {
                match api::accounts::bulk(&api, &file, content_type, dry_run).await {
                    Ok(report) if dry_run => checked.set(Some(report)),
                    Ok(report) => imported.set(Some(report)),
                    Err(e) => flash.set(Some(Flash::Error(e.message(locale)))),
                }
                busy.set(None);
            });
        })
    };
    let can_import = imported.is_none() && busy.is_none() && checked.as_ref().is_some_and(|r| r.ok);
    let report = imported.as_ref().or(checked.as_ref());
    html! {
        <section class="page" data-testid={if scope == Scope::Personal { "page-personal-import" } else { "page-users-import" }}>
            <div class="page-heading">
                <h1 class="page-title">{ scope.module().name(locale) }</h1>
            </div>
            { tabs(&i18n, scope, true) }
            { flash_view(flash.as_ref()) }
            <div class="panel">
                <div class="import-steps">
                    <FileField {on_choose} hint={html! { <>
                        { i18n.t(if scope == Scope::Personal { Key::BulkHintApplicants } else { Key::BulkHint }) }
                        if let Some(id) = unit_id {
                            { " " }{ fill(i18n.t(Key::BulkUnitIdHint), &id.to_string()) }
                        }
                    </> }} />
                    <div class="import-actions">
                        { template_button(i18n.t(Key::BulkTemplate), template(scope).to_owned(), "accounts-template.csv") }
                        <button type="button" class="button" data-testid="btn-check" onclick={run(true)}
                            disabled={chosen.is_none() || busy.is_some()}>
                            { i18n.t(if *busy == Some(Busy::Checking) { Key::BulkChecking } else { Key::BulkCheck }) }
                        </button>
                        <button type="button" class="button button-primary" data-testid="btn-import" onclick={run(false)}
                            disabled={!can_import}>
                            { i18n.t(if *busy == Some(Busy::Importing) { Key::BulkImporting } else { Key::BulkImport }) }
                        </button>
                    </div>
                </div>
                if let Some(step) = *busy {
                    <p class="state-loading" role="status" data-testid="bulk-progress">
                        { i18n.t(if step == Busy::Checking { Key::BulkChecking } else { Key::BulkImporting }) }
                    </p>
                }
                if let Some(report) = report {
                    { report_view(&i18n, report) }
                }
            </div>
        </section>
    }
}

impl Row for BulkAccount {
    fn key(&self) -> String {
        self.username.clone()
    }
}

/// The outcome line and the rows: errors when any, else the accounts (to be) created.
fn report_view(i18n: &I18n, report: &BulkReport) -> Html {
    let locale = i18n.locale;
    let summary = summary(locale, report);
    let table = if report.ok {
        let columns = vec![
            col(i18n.t(Key::BulkRow), |a: &BulkAccount| html! { { a.row } }),
            text_col(i18n.t(Key::LoginUsername), |a: &BulkAccount| &a.username).class("cell-mono"),
            col(i18n.t(Key::StatusLabel), move |a: &BulkAccount| {
                let (tone, key) = if a.id.is_some() {
                    (Tone::Success, Key::BulkCreatedTag)
                } else {
                    (Tone::Info, Key::BulkReadyTag)
                };
                text_tag(t(locale, key), tone)
            }),
        ];
        let export = Export {
            file_name: "imported-accounts.csv",
            headers: vec![
                i18n.t(Key::BulkRow).to_owned(),
                i18n.t(Key::LoginUsername).to_owned(),
                "ID".to_owned(),
            ],
            cells: |a: &BulkAccount| {
                vec![
                    a.row.to_string(),
                    a.username.clone(),
                    a.id.map(|id| id.to_string()).unwrap_or_default(),
                ]
            },
        };
        capped_table(
            i18n,
            "bulk-accounts-table",
            Some(i18n.t(Key::BulkAccountsCaption)),
            &columns,
            &report.accounts,
            export,
        )
    } else {
        errors_table(i18n, &report.errors)
    };
    html! { <>{ flash_view(Some(&summary)) }{ table }</> }
}

/// The outcome of a check or an import, in one sentence.
pub fn summary(locale: Locale, report: &BulkReport) -> Flash {
    let wording = Wording {
        passed: Key::BulkAllPassed,
        done: Key::BulkImported,
        check_failed: Key::BulkCheckFailed,
        failed: Key::BulkImportFailed,
    };
    let tally = Tally {
        ok: report.ok,
        dry_run: report.dry_run,
        rows: report.rows,
        created: report.created,
        errors: report.errors.len(),
    };
    outcome(locale, &wording, tally)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(ok: bool, dry_run: bool) -> BulkReport {
        BulkReport {
            ok,
            dry_run,
            rows: 3,
            created: if ok && !dry_run { 3 } else { 0 },
            errors: Vec::new(),
            accounts: Vec::new(),
        }
    }

    #[test]
    fn each_outcome_has_its_sentence() {
        let text = |f: Flash| match f {
            Flash::Success(s) => format!("ok:{s}"),
            Flash::Error(s) => format!("err:{s}"),
        };
        assert_eq!(
            text(summary(Locale::ZhCn, &report(true, true))),
            format!("ok:{}", fill(t(Locale::ZhCn, Key::BulkAllPassed), "3"))
        );
        assert!(text(summary(Locale::ZhCn, &report(true, false))).starts_with("ok:"));
        assert!(text(summary(Locale::ZhCn, &report(false, true))).starts_with("err:"));
        assert!(text(summary(Locale::En, &report(false, false))).starts_with("err:"));
        assert!(template(Scope::Users).starts_with('\u{feff}'));
    }
}
