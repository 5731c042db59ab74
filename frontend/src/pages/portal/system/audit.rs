//! 审计日志 (`system.audit_log`, the auditor's duty): the hash-chained log with filters (the
//! action chosen from the labelled codes of `shared::audit`), named targets, the details of
//! one record as labelled before → after changes, 导出 CSV with the same filters, and 校验链.

use shared::org::{AuditEntry, AuditVerification};
use shared::Module;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::audit_checkpoints::AuditCheckpoints;
use crate::api::{self, audit::AuditFilter, audit::Outcome};
use crate::components::alert::{flash_view, Flash};
use crate::components::form::{FormValues, SelectField, TextField};
use crate::components::modal::Modal;
use crate::components::pager::Pager;
use crate::components::table;
use crate::hooks::use_load;
use crate::i18n::{fill, fill_n, t, use_i18n, I18n, Key, Locale};
use crate::pages::format::{browser_offset_minutes, day_bound, local_time};
use crate::routes::Route;
use crate::state::session::use_session;

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

/// The dates of the filter as API bounds: from the start of `from` to the end of `to`, in the
/// browser's time zone. `Err` when `to` is before `from`.
pub fn date_bounds(
    from: &str,
    to: &str,
    offset: i64,
) -> Result<(Option<String>, Option<String>), Key> {
    if !from.is_empty() && !to.is_empty() && to < from {
        return Err(Key::AuditDateOrder);
    }
    Ok((day_bound(from, offset, 0), day_bound(to, offset, 1)))
}

/// The page.
#[component]
pub fn AuditLog() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let locale = i18n.locale;
    let filter = use_state(AuditFilter::default);
    // The dates as picked (the filter holds them as API bounds).
    let dates = use_state(|| (String::new(), String::new()));
    let flash = use_state(|| None::<Flash>);
    let details = use_state(|| None::<AuditEntry>);
    let working = use_state(|| None::<Key>);
    let loaded = {
        let store = session.store.clone();
        use_load((*filter).clone(), move |f| async move {
            api::audit::list(&store, &f, locale).await
        })
    };

    let on_search = {
        let (filter, dates, flash) = (filter.clone(), dates.clone(), flash.clone());
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = FormValues::from_submit(&e) else {
                return;
            };
            let (from_day, to_day) = (form.text("filter-from"), form.text("filter-to"));
            let (from, to) = match date_bounds(&from_day, &to_day, browser_offset_minutes()) {
                Ok(bounds) => bounds,
                Err(key) => {
                    flash.set(Some(Flash::Error(t(locale, key).to_owned())));
                    return;
                }
            };
            flash.set(None);
            dates.set((from_day, to_day));
            filter.set(AuditFilter {
                actor: form.text("filter-actor"),
                action: form.text("filter-action"),
                outcome: Outcome::parse(&form.text("filter-outcome")),
                from,
                to,
                ..AuditFilter::default()
            });
        })
    };
    let on_reset = {
        let (filter, dates) = (filter.clone(), dates.clone());
        Callback::from(move |_: MouseEvent| {
            dates.set((String::new(), String::new()));
            filter.set(AuditFilter::default());
        })
    };
    let on_page = {
        let filter = filter.clone();
        Callback::from(move |page: u32| {
            filter.set(AuditFilter {
                page,
                ..(*filter).clone()
            })
        })
    };
    let on_export = {
        let (filter, flash, working, store) = (
            filter.clone(),
            flash.clone(),
            working.clone(),
            session.store.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if working.is_some() {
                return;
            }
            working.set(Some(Key::AuditExporting));
            let (filter, flash, working, store) = (
                (*filter).clone(),
                flash.clone(),
                working.clone(),
                store.clone(),
            );
            spawn_local(async move {
                let outcome = match api::audit::export(&store, &filter, locale).await {
                    Ok(bytes) => {
                        if crate::download::save(&bytes, "audit-log.csv", "text/csv;charset=utf-8")
                        {
                            Flash::Success(t(locale, Key::AuditExported).to_owned())
                        } else {
                            Flash::Error(t(locale, Key::DownloadFailed).to_owned())
                        }
                    }
                    Err(e) => Flash::Error(e.message(locale)),
                };
                flash.set(Some(outcome));
                working.set(None);
            });
        })
    };
    let on_verify = {
        let (flash, working, store) = (flash.clone(), working.clone(), session.store.clone());
        Callback::from(move |_: MouseEvent| {
            if working.is_some() {
                return;
            }
            working.set(Some(Key::AuditVerifying));
            let (flash, working, store) = (flash.clone(), working.clone(), store.clone());
            spawn_local(async move {
                let outcome = match api::audit::verify(&store, locale).await {
                    Ok(result) => verification(locale, &result),
                    Err(e) => Flash::Error(e.message(locale)),
                };
                flash.set(Some(outcome));
                working.set(None);
            });
        })
    };
    let show = |entry: &AuditEntry| {
        let (details, entry) = (details.clone(), entry.clone());
        Callback::from(move |_: MouseEvent| details.set(Some(entry.clone())))
    };
    let row = |entry: &AuditEntry| {
        let failed = entry.outcome == Outcome::Failure.as_str();
        let target = target_text(locale, entry);
        html! {
            <tr key={entry.id} data-testid={format!("row-{}", entry.id)}>
                <td class="cell-mono">{ entry.id }</td>
                <td class="cell-time">{ local_time(&entry.created_at) }</td>
                <td class="cell-mono">{ entry.actor_name.clone().unwrap_or_default() }</td>
                <td>
                    { action_name(locale, &entry.action) }
                    <span class="muted cell-sub cell-mono">{ &entry.action }</span>
                </td>
                <td>{ target }</td>
                <td>
                    if failed {
                        <span class="tag tag-danger">{ i18n.t(Key::AuditFailure) }</span>
                    } else {
                        <span class="tag tag-success">{ i18n.t(Key::AuditSuccess) }</span>
                    }
                </td>
                <td class="cell-mono">{ entry.ip.clone().unwrap_or_default() }</td>
                <td>
                    <button type="button" class="link-button" data-testid="btn-details" onclick={show(entry)}>
                        { i18n.t(Key::AuditDetails) }
                    </button>
                </td>
            </tr>
        }
    };
    let details_view = match &*details {
        Some(entry) => {
            let details = details.clone();
            html! { <Details entry={entry.clone()} on_close={Callback::from(move |()| details.set(None))} /> }
        }
        None => Html::default(),
    };
    let working_key = *working;
    let location = yew_router::prelude::use_location();
    let on_checkpoints = location
        .as_ref()
        .is_some_and(|l| l.query_str().contains("view=checkpoints"));
    let tabs = audit_tabs(&i18n, on_checkpoints);
    if on_checkpoints {
        return html! { <AuditCheckpoints {tabs} /> };
    }

    html! {
        <section class="page" data-testid="page-audit">
            <div class="page-heading">
                <h1 class="page-title">{ Module::AuditLog.name(locale) }</h1>
                <div class="page-actions">
                    <button type="button" class="button" data-testid="btn-export" onclick={on_export} disabled={working_key.is_some()}>
                        { i18n.t(if working_key == Some(Key::AuditExporting) { Key::AuditExporting } else { Key::AuditExport }) }
                    </button>
                    <button type="button" class="button button-primary" data-testid="btn-verify" onclick={on_verify} disabled={working_key.is_some()}>
                        { i18n.t(if working_key == Some(Key::AuditVerifying) { Key::AuditVerifying } else { Key::AuditVerify }) }
                    </button>
                </div>
            </div>
            <p class="muted page-intro">{ i18n.t(Key::AuditIntro) }</p>
            { tabs }
            { flash_view(flash.as_ref()) }
            { filter_bar(&i18n, &filter, &dates, on_search, on_reset) }
            <div class="panel panel-table">
                <table class="table" data-testid="audit-table" aria-busy={loaded.busy.to_string()}>
                    <thead>
                        <tr>
                            <th scope="col">{ "ID" }</th>
                            <th scope="col">{ i18n.t(Key::AuditTime) }</th>
                            <th scope="col">{ i18n.t(Key::AuditActor) }</th>
                            <th scope="col">{ i18n.t(Key::AuditAction) }</th>
                            <th scope="col">{ i18n.t(Key::AuditTarget) }</th>
                            <th scope="col">{ i18n.t(Key::AuditOutcome) }</th>
                            <th scope="col">{ i18n.t(Key::AuditIp) }</th>
                            <th scope="col">{ i18n.t(Key::Actions) }</th>
                        </tr>
                    </thead>
                    <tbody>{ table::rows(&i18n, &loaded, 8, row) }</tbody>
                </table>
                if let Some(page) = table::page(&loaded) {
                    <Pager page={page.page} per_page={page.per_page} total={page.total} {on_page} />
                }
            </div>
            { details_view }
        </section>
    }
}

/// The query of the checkpoints tab.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
struct CheckpointsView {
    view: &'static str,
}

/// 审计日志 | 审计检查点.
fn audit_tabs(i18n: &I18n, checkpoints: bool) -> Html {
    use yew_router::prelude::Link;
    let class = |current: bool| classes!("tab", current.then_some("tab-current"));
    html! {
        <nav class="tabs" aria-label={i18n.t(Key::TabsLabel)}>
            <Link<Route> to={Route::AuditLog} classes={class(!checkpoints)}>
                <span data-testid="tab-audit-log">{ Module::AuditLog.name(i18n.locale) }</span>
            </Link<Route>>
            <Link<Route, CheckpointsView> to={Route::AuditLog} query={Some(CheckpointsView { view: "checkpoints" })}
                classes={class(checkpoints)}>
                <span data-testid="tab-checkpoints">{ i18n.t(Key::AuditCheckpoints) }</span>
            </Link<Route, CheckpointsView>>
        </nav>
    }
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

fn filter_bar(
    i18n: &I18n,
    filter: &AuditFilter,
    dates: &(String, String),
    onsubmit: Callback<SubmitEvent>,
    on_reset: Callback<MouseEvent>,
) -> Html {
    let locale = i18n.locale;
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
    html! {
        <form class="filter-bar" role="search" aria-label={i18n.t(Key::FilterLabel)} {onsubmit}>
            <TextField name="filter-actor" label={i18n.t(Key::AuditActor)} value={filter.actor.clone()} hint={i18n.t(Key::AuditActorHint)} />
            <SelectField
                name="filter-action"
                label={i18n.t(Key::AuditAction)}
                options={action_options(locale)}
                selected={filter.action.clone()}
                empty={i18n.t(Key::All)}
            />
            <SelectField
                name="filter-outcome"
                label={i18n.t(Key::AuditOutcome)}
                options={outcomes}
                selected={filter.outcome.map_or("", Outcome::as_str)}
                empty={i18n.t(Key::All)}
            />
            <TextField name="filter-from" label={i18n.t(Key::AuditFrom)} input_type="date" value={dates.0.clone()} />
            <TextField name="filter-to" label={i18n.t(Key::AuditTo)} input_type="date" value={dates.1.clone()} />
            <div class="filter-actions">
                <button type="submit" class="button button-primary" data-testid="btn-search">{ i18n.t(Key::Search) }</button>
                <button type="reset" class="button" data-testid="btn-reset" onclick={on_reset}>{ i18n.t(Key::Reset) }</button>
            </div>
        </form>
    }
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
    let footer = html! {
        <div class="dialog-actions">
            <button type="button" class="button button-primary" data-testid="btn-close" onclick={props.on_close.reform(|_: MouseEvent| ())}>
                { i18n.t(Key::Close) }
            </button>
        </div>
    };
    html! {
        <Modal title={fill(i18n.t(Key::AuditDetailsTitle), &e.id.to_string())} testid="dialog-audit" on_close={props.on_close.clone()} wide=true {footer}>
            <dl class="facts">
                <dt>{ i18n.t(Key::AuditTime) }</dt>
                <dd>{ local_time(&e.created_at) }</dd>
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
                <table class="table" data-testid="audit-changes">
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.t(Key::BulkField) }</th>
                            <th scope="col">{ i18n.t(Key::AuditBefore) }</th>
                            <th scope="col">{ i18n.t(Key::AuditAfter) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for list.iter().map(|c| html! {
                            <tr>
                                <th scope="row">{ &c.field }</th>
                                <td>{ &c.before }</td>
                                <td>{ "→ " }{ &c.after }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
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
        </Modal>
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
        assert_eq!(action_name(Locale::ZhCn, "expert.invite"), "expert.invite");
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
    fn the_to_day_is_included_and_must_not_precede_from() {
        assert_eq!(
            date_bounds("2026-11-01", "2026-11-30", 480),
            Ok((
                Some("2026-11-01T00:00:00+08:00".to_owned()),
                Some("2026-12-01T00:00:00+08:00".to_owned())
            ))
        );
        assert_eq!(date_bounds("", "", 480), Ok((None, None)));
        assert_eq!(
            date_bounds("2026-11-30", "2026-11-01", 0),
            Err(Key::AuditDateOrder)
        );
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
