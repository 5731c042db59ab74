//! The list page: a screen is its columns, its filters and the API path it lists. The page
//! owns the filter, sort and page in the URL query (so reload, back/forward and a pasted link
//! keep them), loads with a loading and an error state, and offers checked rows with batch
//! actions, the pager, the empty state, a flash message, 导出 (the same query at
//! `<path>/export`, an XLSX) and 打印 (the list as it stands, on A4 with unit and date).

use std::collections::BTreeSet;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use yew::prelude::*;
use yew_router::prelude::*;

use super::filters::{FilterBar, FilterDef};
use super::format::china_today;
use super::query::{next_sort, ListQuery};
use crate::api::RowsShape;
use crate::components::alert::{flash_view, Flash};
use crate::components::pager::Pager;
use crate::components::table;
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{fill, use_i18n, Key};
use crate::routes::Route;
use crate::state::session::use_session;

/// One column: its heading, its cell, and the sorts a click on the heading walks through.
pub struct Column<T> {
    label: AttrValue,
    cell: Rc<dyn Fn(&T) -> Html>,
    sorts: &'static [&'static str],
    class: Option<&'static str>,
}

/// A column headed `label` showing `cell` of each row.
pub fn col<T>(label: impl Into<AttrValue>, cell: impl Fn(&T) -> Html + 'static) -> Column<T> {
    Column {
        label: label.into(),
        cell: Rc::new(cell),
        sorts: &[],
        class: None,
    }
}

impl<T> Column<T> {
    /// Sortable: the API's sort values a click walks through (`["name"]`, `["id", "-id"]`).
    #[must_use]
    pub fn sort(mut self, sorts: &'static [&'static str]) -> Self {
        self.sorts = sorts;
        self
    }

    /// A cell class (`cell-mono`, `cell-time`, `cell-name`).
    #[must_use]
    pub fn class(mut self, class: &'static str) -> Self {
        self.class = Some(class);
        self
    }
}

/// A column whose cell is one text of the row: `text_col(label, |u: &Unit| &u.region)`.
pub fn text_col<T: 'static>(label: impl Into<AttrValue>, text: fn(&T) -> &str) -> Column<T> {
    col(label, move |row: &T| html! { { text(row) } })
}

/// What a page learns and says after its own actions: a flash message and a reload.
#[derive(Clone, PartialEq)]
pub struct ListControl {
    /// The message above the list.
    pub flash: UseStateHandle<Option<Flash>>,
    tick: UseStateHandle<u32>,
}

impl ListControl {
    /// Shows `flash` and loads the list again (an action succeeded or failed).
    pub fn done(&self, flash: Flash) {
        self.flash.set(Some(flash));
        self.reload();
    }

    /// Loads the list again and keeps the message (a dialog still open changed a row).
    pub fn reload(&self) {
        self.tick.set(self.tick.wrapping_add(1));
    }

    /// How many times the list was told to load again (a dependency for what loads with it).
    pub fn ticks(&self) -> u32 {
        *self.tick
    }

    /// Clears the message (a dialog opens).
    pub fn quiet(&self) {
        self.flash.set(None);
    }
}

/// The three ends of a list page's dialog: open one (the old message goes), close it, and
/// finish it (its message, the list loaded again).
pub fn dialog_handles<D: Clone + 'static>(
    dialog: &UseStateHandle<D>,
    control: &ListControl,
    none: D,
) -> (Callback<D>, Callback<()>, Callback<Flash>) {
    let (d, c) = (dialog.clone(), control.clone());
    let open = Callback::from(move |next: D| {
        c.quiet();
        d.set(next);
    });
    let (d, n) = (dialog.clone(), none.clone());
    let close = Callback::from(move |()| d.set(n.clone()));
    let (d, c) = (dialog.clone(), control.clone());
    let finish = Callback::from(move |message: Flash| {
        d.set(none.clone());
        c.done(message);
    });
    (open, close, finish)
}

/// The pieces of a list page with dialogs: its message and reload, the dialog open
/// (`D::default()` for none) and that dialog's three ends ([`dialog_handles`]).
pub type ListDialogs<D> = (
    ListControl,
    UseStateHandle<D>,
    Callback<D>,
    Callback<()>,
    Callback<Flash>,
);

/// `let (control, dialog, open, close, finish) = use_list_dialogs::<Dialog>();`
#[hook]
pub fn use_list_dialogs<D: Default + Clone + 'static>() -> ListDialogs<D> {
    let control = use_list_control();
    let dialog = use_state(D::default);
    let (open, close, finish) = dialog_handles(&dialog, &control, D::default());
    (control, dialog, open, close, finish)
}

/// The flash and reload of a list page.
#[hook]
pub fn use_list_control() -> ListControl {
    ListControl {
        flash: use_state(|| None),
        tick: use_state(|| 0),
    }
}

/// A row of a list: its key names it in the test ids (`row-<key>`, `check-<key>`) and in
/// the checked set.
pub trait Row {
    /// The key (the id, or a username).
    fn key(&self) -> String;

    /// Its status as a wire name (`data-status` on the row), where it has one.
    fn status(&self) -> Option<&'static str> {
        None
    }
}

/// `impl Row` for rows keyed by their `id`: `id_row!(Unit);`, or with a status whose wire name
/// goes to `data-status`: `id_row!(Certificate, status = status);`.
macro_rules! id_row {
    ($t:ty, status = $field:ident) => {
        impl $crate::kit::list::Row for $t {
            fn key(&self) -> String {
                self.id.to_string()
            }

            fn status(&self) -> Option<&'static str> {
                Some(self.$field.as_str())
            }
        }
    };
    ($t:ty) => {
        impl $crate::kit::list::Row for $t {
            fn key(&self) -> String {
                self.id.to_string()
            }
        }
    };
}
pub(crate) use id_row;

/// One link button among a row's actions.
pub struct RowButton {
    /// `data-testid`.
    pub testid: String,
    /// Its text.
    pub label: &'static str,
    /// Red (disable, reset, delete).
    pub danger: bool,
    /// What it does.
    pub onclick: Callback<MouseEvent>,
}

/// A row's actions.
pub fn row_buttons(buttons: Vec<RowButton>) -> Html {
    html! {
        <div class="row-actions">
            { for buttons.into_iter().map(|b| html! {
                <button type="button" class={classes!("link-button", b.danger.then_some("link-danger"))}
                    data-testid={b.testid} onclick={b.onclick}>{ b.label }</button>
            }) }
        </div>
    }
}

/// One row button: its test id, its text, red or not, what it does.
pub fn row_button(
    testid: &str,
    label: &'static str,
    danger: bool,
    onclick: Callback<MouseEvent>,
) -> RowButton {
    RowButton {
        testid: testid.to_owned(),
        label,
        danger,
        onclick,
    }
}

/// A row's decision: the favourable one (审核通过, 受理) and the red one, with their test ids
/// and texts; each opens `open` with `dialog(approve)`.
pub fn decision_buttons<D: Clone + 'static>(
    open: &Callback<D>,
    [yes_id, no_id]: [String; 2],
    [yes, no]: [&'static str; 2],
    dialog: impl Fn(bool) -> D,
) -> Html {
    let (approve, reject) = (dialog(true), dialog(false));
    row_buttons(vec![
        row_button(&yes_id, yes, false, open.reform(move |_| approve.clone())),
        row_button(&no_id, no, true, open.reform(move |_| reject.clone())),
    ])
}

/// 编辑 (`btn-edit`) and 启用 / 停用 (`btn-enable` / `btn-disable`) of something enabled or not.
pub fn edit_and_toggle(
    locale: crate::i18n::Locale,
    enabled: bool,
    edit: Callback<MouseEvent>,
    toggle: Callback<MouseEvent>,
) -> Vec<RowButton> {
    let t = |key| crate::i18n::t(locale, key);
    let (testid, label) = if enabled {
        ("btn-disable", Key::Disable)
    } else {
        ("btn-enable", Key::Enable)
    };
    vec![
        row_button("btn-edit", t(Key::Edit), false, edit),
        row_button(testid, t(label), enabled, toggle),
    ]
}

/// 编辑 (`btn-edit`) and 删除 (`btn-delete`, red).
pub fn edit_and_delete(
    locale: crate::i18n::Locale,
    edit: Callback<MouseEvent>,
    delete: Callback<MouseEvent>,
) -> Vec<RowButton> {
    let t = |key| crate::i18n::t(locale, key);
    vec![
        row_button("btn-edit", t(Key::Edit), false, edit),
        row_button("btn-delete", t(Key::Delete), true, delete),
    ]
}

/// A table of rows already at hand (an import's report, what a creation answered, a record's
/// changes): the same columns as a list page, `data-testid="<name>"` on the table and
/// `row-<key>` on each row, without loading, filter or pager.
pub fn static_table<T: Row>(
    locale: crate::i18n::Locale,
    name: &str,
    caption: Option<&str>,
    columns: &[Column<T>],
    rows: &[T],
) -> Html {
    html! {
        <table class="table table-compact" data-testid={name.to_owned()}>
            if let Some(caption) = caption {
                <caption class="visually-hidden">{ caption.to_owned() }</caption>
            }
            { head(columns) }
            <tbody>
                if rows.is_empty() {
                    <tr><td colspan={columns.len().to_string()} class="empty-state" data-testid="table-empty">
                        { crate::i18n::t(locale, Key::EmptyList) }
                    </td></tr>
                }
                { for rows.iter().map(|r| body_row(columns, r)) }
            </tbody>
        </table>
    }
}

/// One group of a [`grouped_table`]: `group-<key>` on its body, a heading row, its rows.
pub struct Group<'a, T> {
    /// Names the group's test id.
    pub key: String,
    /// The heading row's content (the group's name and count).
    pub heading: Html,
    /// Its rows.
    pub rows: Vec<&'a T>,
}

/// A [`static_table`] whose rows come in groups, each under a heading row (attachments by
/// category).
pub fn grouped_table<T: Row>(name: &str, columns: &[Column<T>], groups: Vec<Group<'_, T>>) -> Html {
    let span = columns.len().to_string();
    html! {
        <table class="table table-compact" data-testid={name.to_owned()}>
            { head(columns) }
            { for groups.into_iter().map(|g| html! {
                <tbody key={g.key.clone()} data-testid={format!("group-{}", g.key)}>
                    <tr class="group-row"><th scope="rowgroup" colspan={span.clone()}>{ g.heading }</th></tr>
                    { for g.rows.into_iter().map(|r| body_row(columns, r)) }
                </tbody>
            }) }
        </table>
    }
}

fn head<T>(columns: &[Column<T>]) -> Html {
    html! {
        <thead><tr>
            { for columns.iter().map(|c| html! { <th scope="col">{ c.label.clone() }</th> }) }
        </tr></thead>
    }
}

fn body_row<T: Row>(columns: &[Column<T>], r: &T) -> Html {
    let key = r.key();
    html! {
        <tr key={key.clone()} data-testid={format!("row-{key}")} data-status={r.status()}>
            { for columns.iter().map(|c| html! { <td class={c.class}>{ (c.cell)(r) }</td> }) }
        </tr>
    }
}

/// The batch actions offered for the checked rows.
pub type Batch<T> = Rc<dyn Fn(&[&T]) -> Html>;

/// Props of [`ListPage`].
#[derive(Properties)]
pub struct ListPageProps<T: 'static> {
    /// The list's name: `data-testid="list-<name>"`, the export's file name.
    pub name: AttrValue,
    /// The heading.
    pub title: AttrValue,
    /// The API path that lists (its export is `<path>/export`).
    pub path: AttrValue,
    /// Parameters the screen always sends (a queue's stage); never taken from the URL.
    #[prop_or_default]
    pub fixed: Vec<(&'static str, String)>,
    /// Parameters sent while the URL does not set them (a queue's `todo=true`).
    #[prop_or_default]
    pub defaults: Vec<(&'static str, &'static str)>,
    /// The filter bar.
    #[prop_or_default]
    pub filters: Vec<FilterDef>,
    /// The table.
    pub columns: Vec<Column<T>>,
    /// Buttons beside the heading (新建).
    #[prop_or_default]
    pub actions: Html,
    /// Above the filter bar (tabs).
    #[prop_or_default]
    pub above: Html,
    /// Checkboxes per row, and these buttons for the checked rows.
    #[prop_or_default]
    pub batch: Option<Batch<T>>,
    /// Flash and reload, when the page acts on rows.
    #[prop_or_default]
    pub control: Option<ListControl>,
    /// Offer 导出 (the endpoint `<path>/export` exists).
    #[prop_or(true)]
    pub export: bool,
    /// The export's path when it is not `<path>/export` (the audit log's `export.xlsx`).
    #[prop_or_default]
    pub export_path: Option<AttrValue>,
    /// The endpoint answers every row as a JSON array, not a page (short lists: roles).
    #[prop_or_default]
    pub unpaged: bool,
    /// The endpoint answers every row in the `days` of an object that says more (the
    /// calendar's year): no pager, 导出 as usual.
    #[prop_or_default]
    pub wrapped: bool,
    /// A line under the heading.
    #[prop_or_default]
    pub intro: Option<AttrValue>,
    /// Below the table: dialogs, batch results.
    #[prop_or_default]
    pub children: Html,
}

// Closures cannot be compared: a new set of props always renders.
impl<T> PartialEq for ListPageProps<T> {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// The list page. Only what needs the rows' type is here (the load and the cells); the
/// table, its heading, the checked rows, the pager and the frame around them are built once
/// for every row type by [`table_view`] and [`frame`], so that each list screen adds little
/// to its entry's wasm.
#[component]
pub fn ListPage<T>(props: &ListPageProps<T>) -> Html
where
    T: Row + DeserializeOwned + 'static,
{
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let location = use_location();
    let navigator = use_navigator();
    let route = use_route::<Route>();
    let query = ListQuery::parse(location.as_ref().map_or("", |l| l.query_str()));
    let tick = props.control.as_ref().map_or(0, |c| *c.tick);
    let api_query = super::filters::api_query(&props.filters, &query);
    let path = api_query.api_path(&props.path, &props.fixed, &props.defaults);
    let shape = if props.wrapped {
        RowsShape::Wrapped
    } else if props.unpaged {
        RowsShape::Unpaged
    } else {
        RowsShape::Paged
    };
    let loaded = use_load((path.clone(), tick), move |(path, _)| async move {
        api.get_rows::<T>(&path, shape).await
    });
    let rows: &[T] = table::page(&loaded).map_or(&[], |p| p.items.as_slice());
    let keys: Vec<String> = rows.iter().map(Row::key).collect();
    let checked = use_checked_rows(location.as_ref(), &query, &keys, &path, tick);
    let batch_bar = props.batch.as_ref().map(|batch| {
        let selected: Vec<&T> = rows.iter().filter(|r| checked.contains(&r.key())).collect();
        (selected.len(), batch(&selected))
    });
    let cells = rows
        .iter()
        .map(|r| RowCells {
            key: r.key(),
            status: r.status(),
            cells: props
                .columns
                .iter()
                .map(|c| html! { <td class={c.class}>{ (c.cell)(r) }</td> })
                .collect(),
        })
        .collect();
    let go = {
        let (navigator, route) = (navigator.clone(), route.clone());
        Callback::from(move |next: ListQuery| {
            if let (Some(navigator), Some(route)) = (&navigator, &route) {
                let pairs: Vec<(&str, &str)> = next.pairs().collect();
                let _ = navigator.push_with_query(route, &pairs);
            }
        })
    };
    let table = table_view(
        &i18n,
        TableView {
            name: &props.name,
            heads: props.columns.iter().map(|c| (&c.label, c.sorts)).collect(),
            query: &query,
            go: &go,
            state: match &loaded.state {
                Load::Loading => Load::Loading,
                Load::Failed(e) => Load::Failed(e.clone()),
                Load::Ready(page) => Load::Ready(Rc::new(PageAt {
                    page: page.page,
                    per_page: page.per_page,
                    total: page.total,
                    total_kind: page.total_kind,
                    items: page.items.len(),
                })),
            },
            busy: loaded.busy,
            reload: &loaded.reload,
            rows: cells,
            checked: props.batch.is_some().then_some(&checked),
            batch_bar,
            pager: !props.unpaged && !props.wrapped,
        },
    );
    let export = (props.export && !props.unpaged).then(|| {
        let at = props
            .export_path
            .clone()
            .unwrap_or_else(|| format!("{}/export", props.path).into());
        format!("{at}{}", export_query(&path))
    });
    frame(
        &i18n,
        &session,
        Frame {
            name: props.name.clone(),
            title: props.title.clone(),
            filters: &props.filters,
            query,
            go,
            intro: props.intro.clone(),
            actions: props.actions.clone(),
            above: props.above.clone(),
            flash: props.control.as_ref().and_then(|c| (*c.flash).clone()),
            export,
            table,
            children: props.children.clone(),
        },
    )
}

/// The checked rows of a list page, emptied when the list loads again; and, for a detail page
/// opened from the list, the way back and the next row (`keys` in order).
#[hook]
fn use_checked_rows(
    location: Option<&Location>,
    query: &ListQuery,
    keys: &[String],
    path: &str,
    tick: u32,
) -> UseStateHandle<BTreeSet<String>> {
    {
        let here = location.map(|l| l.path().to_owned()).unwrap_or_default();
        let deps = (here, query.to_query(), keys.to_vec());
        use_effect_with(deps, |(path, query, keys)| {
            if !keys.is_empty() {
                super::detail::remember(&super::detail::ListTrail {
                    path: path.clone(),
                    query: query.clone(),
                    keys: keys.clone(),
                });
            }
        });
    }
    let checked = use_state(BTreeSet::<String>::new);
    {
        let checked = checked.clone();
        use_effect_with((path.to_owned(), tick), move |_| {
            checked.set(BTreeSet::new())
        });
    }
    checked
}

/// One row of a list page, its cells already rendered.
struct RowCells {
    key: String,
    status: Option<&'static str>,
    cells: Vec<Html>,
}

/// Where the loaded page stands among all the rows.
struct PageAt {
    page: u32,
    per_page: u32,
    total: u64,
    total_kind: shared::TotalKind,
    items: usize,
}

/// The table of a list page and what goes with it, apart from the rows' type.
struct TableView<'a> {
    name: &'a str,
    /// Each column's label and the sorts its heading walks through.
    heads: Vec<(&'a AttrValue, &'static [&'static str])>,
    query: &'a ListQuery,
    go: &'a Callback<ListQuery>,
    state: Load<PageAt>,
    busy: bool,
    reload: &'a Callback<()>,
    rows: Vec<RowCells>,
    /// The checked rows, when the list has batch actions.
    checked: Option<&'a UseStateHandle<BTreeSet<String>>>,
    /// How many rows are checked, and the batch actions for them.
    batch_bar: Option<(usize, Html)>,
    /// Whether the list pages (a pager under the table).
    pager: bool,
}

/// The batch bar, the table (heading with its sort buttons, the check boxes, the rows in
/// their load state) and the pager: one copy for every row type.
fn table_view(i18n: &crate::i18n::I18n, v: TableView<'_>) -> Html {
    let header = |(label, sorts): &(&AttrValue, &'static [&'static str])| {
        if sorts.is_empty() {
            return html! { <th scope="col">{ (*label).clone() }</th> };
        }
        let current = v.query.sort().filter(|s| sorts.contains(s));
        let aria = current.map_or("none", |s| {
            if s.starts_with('-') {
                "descending"
            } else {
                "ascending"
            }
        });
        let next = v.query.clone().with_sort(next_sort(v.query.sort(), sorts));
        let go = v.go.clone();
        let key = sorts.first().map_or("", |s| s.trim_start_matches('-'));
        html! {
            <th scope="col" aria-sort={aria}>
                <button type="button" class="sort-button" data-testid={format!("sort-{key}")}
                    onclick={Callback::from(move |_: MouseEvent| go.emit(next.clone()))}>
                    { (*label).clone() }
                    <span class="sort-mark" aria-hidden="true">
                        { match aria { "ascending" => "▲", "descending" => "▼", _ => "↕" } }
                    </span>
                </button>
            </th>
        }
    };
    let keys: Vec<String> = v.rows.iter().map(|r| r.key.clone()).collect();
    let checked = v.checked;
    let all_checked =
        checked.is_some_and(|c| !keys.is_empty() && keys.iter().all(|k| c.contains(k)));
    let toggle = |key: String| {
        let checked = checked.cloned();
        Callback::from(move |_: Event| {
            if let Some(checked) = &checked {
                let mut next = (**checked).clone();
                if !next.remove(&key) {
                    next.insert(key.clone());
                }
                checked.set(next);
            }
        })
    };
    let toggle_all = {
        let checked = checked.cloned();
        Callback::from(move |_: Event| {
            if let Some(checked) = &checked {
                checked.set(if all_checked {
                    BTreeSet::new()
                } else {
                    keys.iter().cloned().collect()
                });
            }
        })
    };
    let columns = v.heads.len() + usize::from(checked.is_some());
    let colspan = columns.to_string();
    let body = match &v.state {
        Load::Loading => html! {
            <tr><td colspan={colspan}>
                <p class="state-loading" role="status" data-testid="table-loading">{ i18n.t(Key::Loading) }</p>
            </td></tr>
        },
        Load::Failed(error) => html! {
            <tr><td colspan={colspan}>{ table::load_error(i18n, error, v.reload) }</td></tr>
        },
        Load::Ready(_) if v.rows.is_empty() => html! {
            <tr><td colspan={colspan} class="empty-state" data-testid="table-empty">{ i18n.t(Key::EmptyList) }</td></tr>
        },
        Load::Ready(_) => v
            .rows
            .into_iter()
            .map(|r| {
                let key = r.key;
                html! {
                    <tr key={key.clone()} data-testid={format!("row-{key}")} data-status={r.status}>
                        if let Some(checked) = checked {
                            <td class="cell-check no-print">
                                <input type="checkbox" checked={checked.contains(&key)} onchange={toggle(key.clone())}
                                    aria-label={fill(i18n.t(Key::WfCheckRow), &key)} data-testid={format!("check-{key}")} />
                            </td>
                        }
                        { for r.cells }
                    </tr>
                }
            })
            .collect::<Html>(),
    };
    let pager = match &v.state {
        Load::Ready(at) if v.pager => {
            let (go, query) = (v.go.clone(), v.query.clone());
            let on_page = Callback::from(move |page: u32| go.emit(query.clone().with_page(page)));
            html! {
                <Pager page={at.page} per_page={at.per_page} total={at.total}
                    total_kind={at.total_kind} items={at.items} {on_page} />
            }
        }
        _ => Html::default(),
    };
    html! {
        <>
            if let Some((count, actions)) = v.batch_bar {
                <div class="batch-bar no-print" role="group" aria-label={i18n.t(Key::WfBatchLabel)} data-testid="batch-bar">
                    <span class="muted">{ fill(i18n.t(Key::WfChecked), &count.to_string()) }</span>
                    { actions }
                </div>
            }
            <div class="panel panel-table">
                <table class="table" data-testid={format!("{}-table", v.name)} aria-busy={v.busy.to_string()}>
                    <thead><tr>
                        if checked.is_some() {
                            <th scope="col" class="cell-check no-print">
                                <input type="checkbox" checked={all_checked} onchange={toggle_all}
                                    aria-label={i18n.t(Key::WfCheckAll)} data-testid="check-all" />
                            </th>
                        }
                        { for v.heads.iter().map(header) }
                    </tr></thead>
                    <tbody>{ body }</tbody>
                </table>
                { pager }
            </div>
        </>
    }
}

/// The parts of a list page that do not depend on its rows' type.
struct Frame<'a> {
    name: AttrValue,
    title: AttrValue,
    filters: &'a [FilterDef],
    query: ListQuery,
    go: Callback<ListQuery>,
    intro: Option<AttrValue>,
    actions: Html,
    above: Html,
    flash: Option<Flash>,
    export: Option<String>,
    /// The batch bar, the table and the pager ([`table_view`]).
    table: Html,
    children: Html,
}

/// The page around the table (one copy for every row type: the wasm stays small).
fn frame(i18n: &crate::i18n::I18n, session: &crate::state::session::Session, f: Frame<'_>) -> Html {
    let unit = session
        .status
        .signed_in()
        .map(|s| s.user.unit.name.clone())
        .unwrap_or_default();
    html! {
        <section class="page list-page" data-testid={format!("list-{}", f.name)}>
            <div class="print-header print-only" data-testid="print-header">
                <p class="print-title">{ f.title.clone() }</p>
                <p>{ i18n.t(Key::KitPrintUnit) }{ unit }{ " · " }{ i18n.t(Key::KitPrintDate) }{ china_today() }</p>
                <p>{ super::filters::summary(i18n, f.filters, &f.query) }</p>
            </div>
            <div class="page-heading">
                <h1 class="page-title">{ f.title.clone() }</h1>
                <div class="page-actions no-print">
                    { f.actions }
                    if let Some(path) = f.export {
                        <ExportButton name={f.title.clone()} {path} />
                    }
                    <button type="button" class="button" data-testid="btn-print" onclick={Callback::from(|_: MouseEvent| print())}>
                        { i18n.t(Key::KitPrint) }
                    </button>
                </div>
            </div>
            if let Some(intro) = f.intro {
                <p class="muted page-intro">{ intro }</p>
            }
            { f.above }
            { flash_view(f.flash.as_ref()) }
            <FilterBar filters={f.filters.to_vec()} query={f.query} on_search={f.go} />
            { f.table }
            { f.children }
        </section>
    }
}

/// The query of the export: the list's, without its page.
fn export_query(api_path: &str) -> String {
    let query = api_path.split_once('?').map_or("", |(_, q)| q);
    let q = ListQuery::parse(query).with_page(1).set("per_page", "");
    match q.to_query() {
        q if q.is_empty() => String::new(),
        q => format!("?{q}"),
    }
}

fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Props of [`ExportButton`].
#[derive(Properties, PartialEq)]
pub struct ExportButtonProps {
    /// The file's name before `-<China date>.xlsx`.
    pub name: AttrValue,
    /// The API path that answers the XLSX.
    pub path: String,
    /// The button's text when not 导出 (导出表决表).
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

/// 导出: fetches the XLSX with the session and offers it as `<title>-<China date>.xlsx`.
#[component]
pub fn ExportButton(props: &ExportButtonProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let busy = use_state(|| false);
    let failed = use_state(|| None::<String>);
    let saved = use_state(|| None::<String>);
    let onclick = {
        let (api, busy, failed, saved) = (api.clone(), busy.clone(), failed.clone(), saved.clone());
        let (path, file) = (
            props.path.clone(),
            format!("{}-{}.xlsx", props.name, china_today()),
        );
        let locale = i18n.locale;
        Callback::from(move |_: MouseEvent| {
            let (api, busy, failed, saved, path, file) = (
                api.clone(),
                busy.clone(),
                failed.clone(),
                saved.clone(),
                path.clone(),
                file.clone(),
            );
            busy.set(true);
            saved.set(None);
            yew::platform::spawn_local(async move {
                match api.download(&path).await {
                    Ok(bytes) => {
                        if crate::download::save(&bytes, &file, XLSX) {
                            failed.set(None);
                            saved.set(Some(file));
                        } else {
                            failed.set(Some(crate::i18n::t(locale, Key::DownloadFailed).into()));
                        }
                    }
                    Err(e) => failed.set(Some(e.message(locale))),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <>
            <button type="button" class="button" data-testid="btn-export" disabled={*busy} aria-busy={busy.to_string()} {onclick}>
                { props.label.clone().unwrap_or_else(|| AttrValue::from(i18n.t(Key::KitExport))) }
            </button>
            if let Some(message) = &*failed {
                <span class="field-error" role="alert" data-testid="export-error">{ message.clone() }</span>
            }
            if let Some(file) = &*saved {
                <span class="muted" role="status" data-testid="export-done">{ fill(i18n.t(Key::KitExported), file) }</span>
            }
        </>
    }
}

/// The XLSX media type.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_asks_for_every_row_of_the_same_filter() {
        assert_eq!(
            export_query("/api/v1/accounts?enabled=true&page=3&per_page=20&q=%E5%BC%A0"),
            "?enabled=true&q=%E5%BC%A0"
        );
        assert_eq!(export_query("/api/v1/units"), "");
    }
}
