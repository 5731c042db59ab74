//! 审计日志 (`system.audit_log`, the auditor's duty): the hash-chained log with filters (the
//! action chosen from the labelled codes of `shared::audit`), named targets, the details of
//! one record as labelled before → after changes, 导出 XLSX with the same filters, and 校验链.

use shared::org::{AuditEntry, AuditVerification};
use shared::Module;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::audit_checkpoints::AuditCheckpoints;
use crate::api::{self, audit::Outcome};
use crate::components::alert::Flash;
use crate::hooks::use_api;
use crate::i18n::{fill, fill_n, t, use_i18n, I18n, Key, Locale};
use crate::kit::dialog::InfoDialog;
use crate::kit::filters;
use crate::kit::format::china_time;
use crate::kit::list::{
    col, id_row, static_table, text_col, use_list_control, Column, ListPage, Row,
};
use crate::kit::tabs::{view_of, view_tabs, Tab};
use crate::routes::Route;

/// Whole families the filter offers besides single actions (the API matches a code ending in
/// `.` as a prefix).
const FAMILIES: &[(&str, Key)] = &[
    ("auth.", Key::AuditActAuthAll),
    ("unit.", Key::AuditActUnitAll),
    ("account.", Key::AuditActAccountAll),
];

/// The name of an action (`shared::audit::ACTIONS`, the one table the server's export uses
/// too), or its code when it has none.
pub fn action_name(locale: Locale, action: &str) -> String {
    FAMILIES
        .iter()
        .find(|(code, _)| *code == action)
        .map(|(_, key)| t(locale, *key))
        .or_else(|| shared::audit::action_label(action, locale))
        .map_or_else(|| action.to_owned(), str::to_owned)
}

/// What the action filter offers: the families, then every action by its name.
pub fn action_options(locale: Locale) -> Vec<(String, String)> {
    FAMILIES
        .iter()
        .map(|(code, key)| ((*code).to_owned(), t(locale, *key).to_owned()))
        .chain(
            shared::audit::ACTIONS
                .iter()
                .map(|(code, _, _)| ((*code).to_owned(), action_name(locale, code))),
        )
        .collect()
}

/// The target as people name it: kind label, then the resolved name (or `#id`).
pub fn target_text(locale: Locale, entry: &AuditEntry) -> String {
    let kind = shared::audit::target_label(&entry.target_type, locale)
        .unwrap_or(&entry.target_type)
        .to_owned();
    match (&entry.target_name, &entry.target_id) {
        (Some(name), _) => format!("{kind}：{name}"),
        (None, Some(id)) => format!("{kind} #{id}"),
        (None, None) => kind,
    }
}

/// One line of a record's details: the field's label, its value before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Field label (or key when it has none).
    pub field: String,
    /// Value before (`—` when absent).
    pub before: String,
    /// Value after (`—` when absent).
    pub after: String,
}

fn flat(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "—".to_owned(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Bool(true) => "✓".to_owned(),
        serde_json::Value::Bool(false) => "✗".to_owned(),
        serde_json::Value::Array(items) => items.iter().map(flat).collect::<Vec<_>>().join("、"),
        other => other.to_string(),
    }
}

/// The before/after data as a list of changed fields (every field when only one side
/// exists), labelled from `shared::audit::FIELDS`. `None` when either side is not a JSON
/// object (then the raw JSON is shown).
pub fn changes(locale: Locale, before: Option<&str>, after: Option<&str>) -> Option<Vec<Change>> {
    let parse = |raw: Option<&str>| -> Option<serde_json::Map<String, serde_json::Value>> {
        match raw {
            None => Some(serde_json::Map::new()),
            Some(text) => match serde_json::from_str(text).ok()? {
                serde_json::Value::Object(map) => Some(map),
                _ => None,
            },
        }
    };
    let (old, new) = (parse(before)?, parse(after)?);
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.dedup();
    let mut seen = std::collections::BTreeSet::new();
    let null = serde_json::Value::Null;
    Some(
        keys.into_iter()
            .filter(|k| seen.insert(k.as_str()))
            .filter(|k| old.get(*k) != new.get(*k) || old.is_empty() || new.is_empty())
            .map(|k| Change {
                field: shared::audit::field_label(k, locale)
                    .map_or_else(|| k.clone(), str::to_owned),
                before: flat(old.get(k).unwrap_or(&null)),
                after: flat(new.get(k).unwrap_or(&null)),
            })
            .collect(),
    )
}

id_row!(AuditEntry);

/// The page: the kit's list of `/api/v1/audit` (filter in the URL, 导出 XLSX, 打印), with
/// 校验链 beside the heading and one record's details in a dialog.
#[component]
pub fn AuditLog() -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let control = use_list_control();
    let details = use_state(|| None::<AuditEntry>);
    let verifying = use_state(|| false);
    let location = yew_router::prelude::use_location();
    let view = location.as_ref().and_then(|l| view_of(l.query_str()));
    let tabs = audit_tabs(&i18n, view.as_deref());
    if view.as_deref() == Some("checkpoints") {
        return html! { <AuditCheckpoints {tabs} /> };
    }
    let on_verify = {
        let (control, verifying, api) = (control.clone(), verifying.clone(), api.clone());
        Callback::from(move |_: MouseEvent| {
            if *verifying {
                return;
            }
            verifying.set(true);
            let (control, verifying, api) = (control.clone(), verifying.clone(), api.clone());
            spawn_local(async move {
                control.done(match api::audit::verify(&api).await {
                    Ok(result) => verification(locale, &result),
                    Err(e) => Flash::Error(e.message(locale)),
                });
                verifying.set(false);
            });
        })
    };
    let outcomes = vec![
        (
            Outcome::Success.as_str().to_owned(),
            i18n.t(Key::AuditSuccess).to_owned(),
        ),
        (
            Outcome::Failure.as_str().to_owned(),
            i18n.t(Key::AuditFailure).to_owned(),
        ),
    ];
    let filters = vec![
        filters::text("actor", i18n.t(Key::AuditActor)),
        filters::select("action", i18n.t(Key::AuditAction), action_options(locale)),
        filters::select("outcome", i18n.t(Key::AuditOutcome), outcomes),
        filters::date_range("from", "to", i18n.t(Key::AuditTime)),
    ];
    let show = details.clone();
    let columns = vec![
        col("ID", |e: &AuditEntry| html! { { e.id } }).class("cell-mono"),
        col(
            i18n.t(Key::AuditTime),
            |e: &AuditEntry| html! { { china_time(&e.created_at) } },
        )
        .class("cell-time"),
        col(i18n.t(Key::AuditActor), |e: &AuditEntry| {
            html! { { e.actor_name.clone().unwrap_or_default() } }
        })
        .class("cell-mono"),
        col(i18n.t(Key::AuditAction), move |e: &AuditEntry| {
            html! { <>{ action_name(locale, &e.action) }<span class="muted cell-sub cell-mono">{ &e.action }</span></> }
        }),
        col(
            i18n.t(Key::AuditTarget),
            move |e: &AuditEntry| html! { { target_text(locale, e) } },
        ),
        col(i18n.t(Key::AuditOutcome), move |e: &AuditEntry| {
            let failed = e.outcome == Outcome::Failure.as_str();
            html! {
                <span class={classes!("tag", if failed { "tag-danger" } else { "tag-success" })}>
                    { t(locale, if failed { Key::AuditFailure } else { Key::AuditSuccess }) }
                </span>
            }
        }),
        col(
            i18n.t(Key::AuditIp),
            |e: &AuditEntry| html! { { e.ip.clone().unwrap_or_default() } },
        )
        .class("cell-mono"),
        col(i18n.t(Key::Actions), move |e: &AuditEntry| {
            let (show, e) = (show.clone(), e.clone());
            html! {
                <button type="button" class="link-button" data-testid="btn-details"
                    onclick={Callback::from(move |_: MouseEvent| show.set(Some(e.clone())))}>
                    { t(locale, Key::AuditDetails) }
                </button>
            }
        }),
    ];
    let actions = html! {
        <button type="button" class="button button-primary" data-testid="btn-verify" onclick={on_verify}
            disabled={*verifying} aria-busy={verifying.to_string()}>
            { i18n.t(if *verifying { Key::AuditVerifying } else { Key::AuditVerify }) }
        </button>
    };
    let details_view = (*details).clone().map(|entry| {
        let details = details.clone();
        html! { <Details {entry} on_close={Callback::from(move |()| details.set(None))} /> }
    });
    html! {
        <ListPage<AuditEntry> name="audit" title={Module::AuditLog.name(locale)} path="/api/v1/audit"
            export_path="/api/v1/audit/export.xlsx" {filters} {columns} {actions} above={tabs}
            control={control.clone()} intro={i18n.t(Key::AuditIntro)}>
            { for details_view }
        </ListPage<AuditEntry>>
    }
}

/// 审计日志 | 审计检查点.
fn audit_tabs(i18n: &I18n, current: Option<&str>) -> Html {
    view_tabs(
        i18n,
        &Route::AuditLog,
        current,
        vec![
            Tab {
                view: None,
                label: Module::AuditLog.name(i18n.locale).to_owned(),
                testid: "tab-audit-log",
            },
            Tab {
                view: Some("checkpoints"),
                label: i18n.t(Key::AuditCheckpoints).to_owned(),
                testid: "tab-checkpoints",
            },
        ],
    )
}

/// Compact JSON laid out one member per line, two spaces per level. It only re-spaces the
/// text (strings are copied as they are), so it needs no JSON value type in the bundle.
pub fn pretty_json(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() * 2);
    let mut depth = 0_usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = raw.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    continue;
                }
                depth += 1;
                newline(&mut out, depth);
            }
            '}' | ']' => {
                if !matches!(out.chars().last(), Some('{' | '[')) {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// What 校验链 found: the chain, then the latest signed checkpoint.
pub fn verification(locale: Locale, result: &AuditVerification) -> Flash {
    let chain_intact = result.first_broken_id.is_none();
    let chain = match result.first_broken_id {
        None if result.ok || result.checkpoint.is_some() => {
            fill(t(locale, Key::AuditChainOk), &result.checked.to_string())
        }
        Some(id) => fill_n(
            t(locale, Key::AuditChainBroken),
            &[&id.to_string(), &result.checked.to_string()],
        ),
        None => fill(
            t(locale, Key::AuditChainBrokenUnknown),
            &result.checked.to_string(),
        ),
    };
    let checkpoint = match &result.checkpoint {
        None => t(locale, Key::AuditCpCheckNone).to_owned(),
        Some(cp) if cp.ok => fill(
            t(locale, Key::AuditCpCheckOk),
            &cp.checkpoint_id.to_string(),
        ),
        Some(cp) => fill_n(
            t(locale, Key::AuditCpCheckFailed),
            &[
                &cp.checkpoint_id.to_string(),
                checkpoint_failure(locale, cp.failure.as_deref()),
            ],
        ),
    };
    let text = format!("{chain} {checkpoint}");
    if result.ok && chain_intact {
        Flash::Success(text)
    } else {
        Flash::Error(text)
    }
}

/// Why a checkpoint failed, in words.
pub fn checkpoint_failure(locale: Locale, failure: Option<&str>) -> &'static str {
    t(
        locale,
        match failure {
            Some("head_missing") => Key::AuditCpFailHeadMissing,
            Some("head_changed") => Key::AuditCpFailHeadChanged,
            Some("row_count") => Key::AuditCpFailRowCount,
            Some("chain_broken") => Key::AuditCpFailChain,
            _ => Key::AuditCpFailSignature,
        },
    )
}

impl Row for Change {
    fn key(&self) -> String {
        self.field.clone()
    }
}

/// 字段 | 变更前 | 变更后.
fn change_columns(locale: Locale) -> Vec<Column<Change>> {
    vec![
        col(
            t(locale, Key::BulkField),
            |c: &Change| html! { <strong>{ &c.field }</strong> },
        ),
        text_col(t(locale, Key::AuditBefore), |c: &Change| &c.before),
        col(
            t(locale, Key::AuditAfter),
            |c: &Change| html! { <>{ "→ " }{ &c.after }</> },
        ),
    ]
}

/// Props of [`Details`].
#[derive(Properties, PartialEq)]
struct DetailsProps {
    entry: AuditEntry,
    on_close: Callback<()>,
}

/// One record in full: who, when, what, and the state before and after.
#[component]
fn Details(props: &DetailsProps) -> Html {
    let i18n = use_i18n();
    let e = &props.entry;
    let pretty = |text: &Option<String>| -> String {
        text.as_deref().map_or_else(|| "—".to_owned(), pretty_json)
    };
    html! {
        <InfoDialog title={fill(i18n.t(Key::AuditDetailsTitle), &e.id.to_string())} name="audit" on_close={props.on_close.clone()} wide=true>
            <dl class="facts">
                <dt>{ i18n.t(Key::AuditTime) }</dt>
                <dd>{ china_time(&e.created_at) }</dd>
                <dt>{ i18n.t(Key::AuditActor) }</dt>
                <dd>{ e.actor_name.clone().unwrap_or_default() }</dd>
                <dt>{ i18n.t(Key::AuditAction) }</dt>
                <dd>{ action_name(i18n.locale, &e.action) }{ " " }<code>{ &e.action }</code></dd>
                <dt>{ i18n.t(Key::AuditHash) }</dt>
                <dd><code class="hash">{ &e.hash }</code></dd>
            </dl>
            <dl class="facts">
                <dt>{ i18n.t(Key::AuditTarget) }</dt>
                <dd>{ target_text(i18n.locale, e) }</dd>
            </dl>
            if let Some(list) = changes(i18n.locale, e.before.as_deref(), e.after.as_deref()) {
                { static_table(i18n.locale, "audit-changes", None, &change_columns(i18n.locale), &list) }
            } else {
                <div class="diff">
                    <div>
                        <h3 class="diff-title">{ i18n.t(Key::AuditBefore) }</h3>
                        <pre class="json">{ pretty(&e.before) }</pre>
                    </div>
                    <div>
                        <h3 class="diff-title">{ i18n.t(Key::AuditAfter) }</h3>
                        <pre class="json">{ pretty(&e.after) }</pre>
                    </div>
                </div>
            }
        </InfoDialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_laid_out_without_touching_strings() {
        assert_eq!(
            pretty_json(r#"{"a":1,"b":[true,{}],"c":"x, {y}: \"z\"","d":[]}"#),
            "{\n  \"a\": 1,\n  \"b\": [\n    true,\n    {}\n  ],\n  \"c\": \"x, {y}: \\\"z\\\"\",\n  \"d\": []\n}"
        );
        assert_eq!(pretty_json("null"), "null");
    }

    #[test]
    fn actions_have_names_and_unknown_ones_keep_their_code() {
        assert_eq!(
            action_name(Locale::ZhCn, "account.reset_password"),
            "重置密码"
        );
        assert_eq!(action_name(Locale::ZhCn, "expert.invite"), "邀请专家");
        assert_eq!(
            action_name(Locale::ZhCn, "no_such.action"),
            "no_such.action"
        );
        assert_eq!(action_name(Locale::ZhCn, "publicity.publish"), "发布公示");
        assert_eq!(action_name(Locale::En, "account."), "All account actions");
        let options = action_options(Locale::ZhCn);
        assert_eq!(options[0].0, "auth.");
        assert!(options
            .iter()
            .any(|(code, name)| code == "business_role.delete" && name == "删除业务角色"));
    }

    #[test]
    fn details_read_as_labelled_changes() {
        let list = changes(
            Locale::ZhCn,
            Some(r#"{"display_name":"张三","phone":null,"enabled":true,"version":3}"#),
            Some(r#"{"display_name":"张三丰","phone":"13800138000","enabled":true,"version":4}"#),
        )
        .unwrap_or_default();
        let rows: Vec<(&str, &str, &str)> = list
            .iter()
            .map(|c| (c.field.as_str(), c.before.as_str(), c.after.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("姓名", "张三", "张三丰"),
                ("手机号", "—", "13800138000"),
                ("版本", "3", "4")
            ]
        );
        let created =
            changes(Locale::En, None, Some(r#"{"role_ids":[1,2],"x_y":1}"#)).unwrap_or_default();
        assert_eq!(created[0].field, "Business roles");
        assert_eq!(created[0].after, "1、2");
        assert_eq!(created[1].field, "x_y", "unknown keys keep their name");
        assert_eq!(changes(Locale::ZhCn, Some("[1]"), None), None);
    }

    #[test]
    fn targets_are_named() {
        let mut e = AuditEntry {
            id: 1,
            created_at: String::new(),
            actor_id: None,
            actor_name: None,
            actor_unit_id: None,
            action: "account.create".into(),
            target_type: "account".into(),
            target_id: Some("7".into()),
            target_name: Some("王五".into()),
            outcome: "success".into(),
            before: None,
            after: None,
            ip: None,
            hash: String::new(),
        };
        assert_eq!(target_text(Locale::ZhCn, &e), "用户：王五");
        e.target_name = None;
        assert_eq!(target_text(Locale::En, &e), "Account #7");
    }

    #[test]
    fn the_chain_check_says_where_it_broke() {
        let ok = AuditVerification {
            ok: true,
            checked: 12,
            first_broken_id: None,
            checkpoint: None,
        };
        assert!(
            matches!(verification(Locale::ZhCn, &ok), Flash::Success(s) if s.contains("12") && s.contains("尚无审计检查点"))
        );
        let broken = AuditVerification {
            ok: false,
            checked: 4,
            first_broken_id: Some(5),
            checkpoint: None,
        };
        assert!(
            matches!(verification(Locale::ZhCn, &broken), Flash::Error(s) if s.contains('5') && s.contains('4'))
        );
    }

    #[test]
    fn the_check_names_a_failed_checkpoint_and_why() {
        use shared::org::CheckpointCheck;
        let held = AuditVerification {
            ok: true,
            checked: 30,
            first_broken_id: None,
            checkpoint: Some(CheckpointCheck {
                checkpoint_id: 3,
                ok: true,
                failure: None,
            }),
        };
        assert!(
            matches!(verification(Locale::ZhCn, &held), Flash::Success(s) if s.contains("#3") && s.contains("校验通过"))
        );
        let deleted = AuditVerification {
            ok: false,
            checked: 28,
            first_broken_id: None,
            checkpoint: Some(CheckpointCheck {
                checkpoint_id: 3,
                ok: false,
                failure: Some("head_missing".into()),
            }),
        };
        assert!(
            matches!(verification(Locale::En, &deleted), Flash::Error(s) if s.contains("intact") && s.contains("#3") && s.contains("deleted"))
        );
    }
}
