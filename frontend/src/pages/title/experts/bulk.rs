//! 批量预入库 (manual §6.5.1, `POST /api/v1/experts/bulk`): choose the committee and a CSV or
//! XLSX file, 预检 (a dry run that lists every failed row with its number and message), then
//! 预入库. The API pre-enters every row or none. It offers no template, so the one here is made
//! from the columns the API reads (`backend/src/experts/bulk.rs`).

use shared::Locale;
use yew::prelude::*;

use super::entry::CommitteeField;
use crate::api::{self, experts::PoolBulkReport};
use crate::components::alert::{flash_view, Flash};
use crate::components::form::FormValues;
use crate::hooks::use_api;
use crate::i18n::{t, use_i18n, Key};
use crate::kit::bulk::{errors_table, outcome, tally, template_button, Chosen, FileField, Wording};
use crate::kit::dialog::{use_pending, DoneProps, FormDialog};

/// The Chinese headers the API reads, in the API's order (it also takes the wire names). One
/// of 工作单位 (the unit's exact name) and 工作单位ID is enough; 性别 and 电子邮箱 may be empty.
pub const COLUMNS: [&str; 13] = [
    "姓名",
    "身份证号",
    "性别",
    "工作单位",
    "工作单位ID",
    "职称",
    "职称级别",
    "系列",
    "评审专业",
    "联系电话",
    "电子邮箱",
    "任期开始",
    "任期结束",
];

/// The template: a UTF-8 CSV (with the byte-order mark spreadsheet programs look for) holding
/// only the header line.
pub fn template() -> String {
    format!("\u{feff}{}\n", COLUMNS.join(","))
}

const WORDING: Wording = Wording {
    passed: Key::ExpBulkPassed,
    done: Key::ExpBulkDone,
    check_failed: Key::ExpBulkCheckFailed,
    failed: Key::ExpBulkFailed,
};

/// The sentence of a check's or an upload's answer.
pub fn summary(locale: Locale, report: &PoolBulkReport, dry_run: bool) -> Flash {
    outcome(locale, &WORDING, tally!(report, dry_run))
}

/// An answer and whether it was a check.
#[derive(Debug, Clone, PartialEq)]
struct Answer {
    dry_run: bool,
    report: PoolBulkReport,
}

/// The dialog (`dialog-bulk-pre-entry`): `bulk-committee`, `input-file`, `btn-template`,
/// `btn-check`, the report (`bulk-errors-table`), then `dialog-submit`, enabled once a check of
/// this committee and file passed.
#[component]
pub fn BulkPreEntryDialog(props: &DoneProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let pending = use_pending();
    let locale = i18n.locale;
    let committee = use_state(|| None::<i64>);
    let chosen = use_state(|| None::<Chosen>);
    let answer = use_state(|| None::<Answer>);

    // A new committee or file needs a new check.
    let on_committee = {
        let (committee, answer) = (committee.clone(), answer.clone());
        Callback::from(move |value: String| {
            committee.set(value.parse().ok());
            answer.set(None);
        })
    };
    let on_choose = {
        let (chosen, answer) = (chosen.clone(), answer.clone());
        Callback::from(move |file: Option<Chosen>| {
            chosen.set(file);
            answer.set(None);
        })
    };
    // Sends the file: a check, or the pre-entry (which closes the dialog when it is written).
    let send = {
        let (pending, api, committee, chosen, answer, on_done) = (
            pending.clone(),
            api.clone(),
            committee.clone(),
            chosen.clone(),
            answer.clone(),
            props.on_done.clone(),
        );
        Callback::from(move |dry_run: bool| {
            let Some(committee_id) = *committee else {
                return pending.fail_at("committee_id", t(locale, Key::ExpCommitteeRequired));
            };
            let Some(Chosen { file, content_type }) = (*chosen).clone() else {
                return pending.fail_at("file", t(locale, Key::BulkNoFile));
            };
            let (api, answer, on_done) = (api.clone(), answer.clone(), on_done.clone());
            answer.set(None);
            pending.run(
                async move {
                    api::experts::bulk_pre_enter(&api, committee_id, &file, content_type, dry_run)
                        .await
                },
                move |report| {
                    if report.ok && !dry_run {
                        on_done.emit(summary(locale, &report, false));
                    } else {
                        answer.set(Some(Answer { dry_run, report }));
                    }
                },
            );
        })
    };
    let check = send.reform(|_: MouseEvent| true);
    let on_submit = send.reform(|_: FormValues| false);
    let busy = *pending.busy;
    let passed = answer.as_ref().is_some_and(|a| a.dry_run && a.report.ok);
    html! {
        <FormDialog title={i18n.t(Key::ExpBulkPreEntry)} name="bulk-pre-entry" submit_label={i18n.t(Key::ExpBulkSubmit)}
            wide=true submit_disabled={!passed} {pending} {on_submit} on_close={props.on_close.clone()}>
            <CommitteeField testid="bulk-committee" onchange={Some(on_committee)} />
            <div class="import-steps">
                <FileField {on_choose} hint={html! { { i18n.t(Key::ExpBulkHint) } }} />
                <div class="import-actions">
                    { template_button(i18n.t(Key::BulkTemplate), template(), "expert-pre-entry-template.csv") }
                    <button type="button" class="button" data-testid="btn-check" onclick={check}
                        disabled={busy || chosen.is_none() || committee.is_none()}>
                        { i18n.t(if busy { Key::BulkChecking } else { Key::BulkCheck }) }
                    </button>
                </div>
            </div>
            if let Some(a) = &*answer {
                { flash_view(Some(&summary(locale, &a.report, a.dry_run))) }
                if !a.report.ok {
                    { errors_table(&i18n, &a.report.errors) }
                }
            }
        </FormDialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_the_header_the_api_reads() {
        assert_eq!(
            template(),
            "\u{feff}姓名,身份证号,性别,工作单位,工作单位ID,职称,职称级别,系列,评审专业,联系电话,电子邮箱,任期开始,任期结束\n"
        );
    }

    #[test]
    fn a_check_and_an_upload_say_what_happened() {
        let report = |ok: bool| PoolBulkReport {
            ok,
            rows: 2,
            created: if ok { 2 } else { 0 },
            errors: Vec::new(),
        };
        let text = crate::kit::bulk::said;
        assert_eq!(
            text(summary(Locale::ZhCn, &report(true), true)),
            "ok:全部通过：共 2 行，可以预入库。"
        );
        assert_eq!(
            text(summary(Locale::ZhCn, &report(true), false)),
            "ok:批量预入库成功：已预入库 2 位专家。"
        );
        assert!(text(summary(Locale::En, &report(false), true)).starts_with("err:The check failed"));
        assert!(text(summary(Locale::ZhCn, &report(false), false)).starts_with("err:预入库未通过"));
    }
}
