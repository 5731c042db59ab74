//! 职称证书导入 (`POST /api/v1/certificates/import`): choose a CSV or XLSX file, 预检 (a dry run
//! whose report lists every failed row: row, field, message), then 导入 — offered only once the
//! check of this very file passed. The API imports every row or none. The template is the
//! API's XLSX (`GET /api/v1/certificates/import-template`).

use shared::certificates::{ImportReport, ImportRowError};
use shared::{Locale, Module};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, bulk::BulkRowError};
use crate::components::alert::{flash_view, Flash};
use crate::hooks::use_api;
use crate::i18n::{t, use_i18n, Key};
use crate::kit::bulk::{errors_table, outcome, tally, Chosen, FileField, Wording};

const WORDING: Wording = Wording {
    passed: Key::CertImportPassed,
    done: Key::CertImportDone,
    check_failed: Key::CertImportCheckFailed,
    failed: Key::CertImportFailed,
};

/// The template's file name.
const TEMPLATE: &str = "certificate-import-template.xlsx";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The sentence of a check's or an import's answer.
pub fn summary(locale: Locale, report: &ImportReport, dry_run: bool) -> Flash {
    outcome(locale, &WORDING, tally!(report, dry_run))
}

/// A report's failures as the kit's error table reads them.
fn row_errors(errors: &[ImportRowError]) -> Vec<BulkRowError> {
    errors
        .iter()
        .map(|e| BulkRowError {
            row: e.row,
            field: e.field.clone(),
            code: e.code,
            message: e.message.clone(),
        })
        .collect()
}

/// What the page last heard: an answer (and whether it was a check), or a refusal.
#[derive(Debug, Clone, PartialEq)]
enum Heard {
    Report { dry_run: bool, report: ImportReport },
    Refused(String),
}

/// The page (`page-certificate-import`): `input-file`, `btn-template`, `btn-check`, the
/// report (`bulk-errors-table`) and `btn-import`.
#[component]
pub fn CertificateImport() -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let chosen = use_state(|| None::<Chosen>);
    let heard = use_state(|| None::<Heard>);
    let busy = use_state(|| false);
    let on_choose = {
        let (chosen, heard) = (chosen.clone(), heard.clone());
        Callback::from(move |file: Option<Chosen>| {
            chosen.set(file);
            heard.set(None);
        })
    };
    let send = {
        let (api, chosen, heard, busy) = (api.clone(), chosen.clone(), heard.clone(), busy.clone());
        Callback::from(move |dry_run: bool| {
            let Some(Chosen { file, content_type }) = (*chosen).clone() else {
                heard.set(Some(Heard::Refused(t(locale, Key::BulkNoFile).to_owned())));
                return;
            };
            if *busy {
                return;
            }
            let (api, heard, busy) = (api.clone(), heard.clone(), busy.clone());
            busy.set(true);
            heard.set(None);
            spawn_local(async move {
                let answer = api::certificates::import(&api, &file, content_type, dry_run).await;
                heard.set(Some(match answer {
                    Ok(report) => Heard::Report { dry_run, report },
                    Err(e) => Heard::Refused(e.message(locale)),
                }));
                busy.set(false);
            });
        })
    };
    let template = {
        let (api, heard) = (api.clone(), heard.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, heard) = (api.clone(), heard.clone());
            spawn_local(async move {
                match api::certificates::import_template(&api).await {
                    Ok(bytes) => {
                        if !crate::download::save(&bytes, TEMPLATE, XLSX) {
                            heard.set(Some(Heard::Refused(t(locale, Key::DownloadFailed).into())));
                        }
                    }
                    Err(e) => heard.set(Some(Heard::Refused(e.message(locale)))),
                }
            });
        })
    };
    let passed = matches!(&*heard, Some(Heard::Report { dry_run: true, report }) if report.ok);
    let busy_now = *busy;
    let (message, errors) = match &*heard {
        None => (None, Html::default()),
        Some(Heard::Refused(m)) => (Some(Flash::Error(m.clone())), Html::default()),
        Some(Heard::Report { dry_run, report }) => (
            Some(summary(locale, report, *dry_run)),
            if report.ok {
                Html::default()
            } else {
                errors_table(&i18n, &row_errors(&report.errors))
            },
        ),
    };
    html! {
        <section class="page" data-testid="page-certificate-import">
            <div class="page-heading">
                <h1 class="page-title">{ Module::CertificateImport.name(locale) }</h1>
            </div>
            <div class="panel">
                <div class="import-steps">
                    <FileField {on_choose} hint={html! { { i18n.t(Key::CertImportHint) } }} />
                    <div class="import-actions">
                        <button type="button" class="button" data-testid="btn-template" onclick={template}>
                            { i18n.t(Key::BulkTemplate) }
                        </button>
                        <button type="button" class="button" data-testid="btn-check" onclick={send.reform(|_: MouseEvent| true)}
                            disabled={busy_now || chosen.is_none()} aria-busy={busy_now.to_string()}>
                            { i18n.t(if busy_now { Key::BulkChecking } else { Key::BulkCheck }) }
                        </button>
                        <button type="button" class="button button-primary" data-testid="btn-import"
                            onclick={send.reform(|_: MouseEvent| false)} disabled={busy_now || !passed}>
                            { i18n.t(Key::CertImportSubmit) }
                        </button>
                    </div>
                </div>
                <div data-testid="import-outcome">{ flash_view(message.as_ref()) }</div>
                { errors }
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::ErrorCode;

    #[test]
    fn a_check_and_an_import_say_what_happened() {
        let report = |ok: bool| ImportReport {
            ok,
            rows: 2,
            created: if ok { 2 } else { 0 },
            errors: Vec::new(),
        };
        let text = crate::kit::bulk::said;
        assert_eq!(
            text(summary(Locale::ZhCn, &report(true), true)),
            "ok:全部通过：共 2 行，可以导入。"
        );
        assert_eq!(
            text(summary(Locale::ZhCn, &report(true), false)),
            "ok:导入成功：已导入 2 张证书。"
        );
        assert!(text(summary(Locale::ZhCn, &report(false), true)).starts_with("err:预检未通过"));
    }

    #[test]
    fn a_report_row_reads_as_the_kit_table_row() {
        let errors = row_errors(&[ImportRowError {
            row: 3,
            field: Some("id_number".into()),
            code: ErrorCode::ValidationFailed,
            message: "身份证号校验位错误".into(),
        }]);
        assert_eq!(errors[0].row, 3);
        assert_eq!(errors[0].field.as_deref(), Some("id_number"));
    }
}
