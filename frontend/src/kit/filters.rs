//! The filter bar of a list page, built from filter definitions: text, a `shared` enum as a
//! select, a checkbox with a default, a date range (days in China time), a unit picker. Each
//! control is `filter-<key>`; 查询 (`btn-search`) writes the values into the URL, 重置
//! (`btn-reset`) clears them.

use yew::prelude::*;

use super::fields::{SelectField, TextField};
use super::format::{day_bound, CHINA};
use super::query::ListQuery;
use crate::api;
use crate::components::form::FormValues;
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{labelled, use_i18n, I18n, Key};

/// What kind of control a filter is.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterKind {
    /// Free text.
    Text,
    /// A number (a year).
    Number,
    /// One of `(value, label)`; empty is 全部.
    Select(Vec<(String, String)>),
    /// One of `(value, label)`, no 全部: the URL says the value only when it differs from
    /// `default`, which the API is sent when the URL is silent (a year).
    Choice {
        /// The options.
        options: Vec<(String, String)>,
        /// Chosen when the URL says nothing.
        default: String,
    },
    /// A checkbox; the URL says `true`/`false` only when it differs from `default`.
    Check {
        /// Checked when the URL says nothing.
        default: bool,
    },
    /// 从 … 至 … as days; the API gets China-time bounds (the end day included).
    DateRange {
        /// The parameter of the first day.
        to: &'static str,
    },
    /// One of the units the caller sees.
    Unit,
}

/// One filter: the query parameter, its label and its control.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterDef {
    /// The query parameter (the API's); for a date range, the first day's.
    pub key: &'static str,
    /// The label.
    pub label: AttrValue,
    /// The control.
    pub kind: FilterKind,
}

/// A text filter.
pub fn text(key: &'static str, label: &str) -> FilterDef {
    def(key, label, FilterKind::Text)
}

/// A number filter.
pub fn number(key: &'static str, label: &str) -> FilterDef {
    def(key, label, FilterKind::Number)
}

/// A select over a `shared` enum's values (`T::ALL`, `as_str`, `label`).
pub fn select(key: &'static str, label: &str, options: Vec<(String, String)>) -> FilterDef {
    def(key, label, FilterKind::Select(options))
}

/// A select without 全部 that is `default` when the URL is silent.
pub fn choice(
    key: &'static str,
    label: &str,
    options: Vec<(String, String)>,
    default: String,
) -> FilterDef {
    def(key, label, FilterKind::Choice { options, default })
}

/// A select over every value of a `shared` text enum, labelled in `locale`.
pub fn enum_select<T: crate::components::form::TextEnum>(
    key: &'static str,
    label: &str,
    locale: crate::i18n::Locale,
) -> FilterDef {
    select(key, label, crate::components::form::options_of::<T>(locale))
}

/// 年度, 系列 and 级别: the filters every list of applications, batches and filings shares.
pub fn year_series_level(i18n: &I18n) -> [FilterDef; 3] {
    use shared::application::{Level, Series};
    [
        number("year", i18n.t(Key::WfYear)),
        enum_select::<Series>("series", i18n.t(Key::WfSeries), i18n.locale),
        enum_select::<Level>("level", i18n.t(Key::WfLevel), i18n.locale),
    ]
}

/// 状态 over a `shared` status enum, then 年度, 系列 and 级别 (publicity batches, filings).
pub fn status_year_series_level<T: crate::components::form::TextEnum>(
    i18n: &I18n,
) -> Vec<FilterDef> {
    let status = enum_select::<T>("status", i18n.t(Key::StatusLabel), i18n.locale);
    [status]
        .into_iter()
        .chain(year_series_level(i18n))
        .collect()
}

/// A checkbox that is `default` when the URL is silent.
pub fn check(key: &'static str, label: &str, default: bool) -> FilterDef {
    def(key, label, FilterKind::Check { default })
}

/// A date range between the parameters `from` and `to`.
pub fn date_range(from: &'static str, to: &'static str, label: &str) -> FilterDef {
    def(from, label, FilterKind::DateRange { to })
}

/// A unit picker.
pub fn unit(key: &'static str, label: &str) -> FilterDef {
    def(key, label, FilterKind::Unit)
}

fn def(key: &'static str, label: &str, kind: FilterKind) -> FilterDef {
    FilterDef {
        key,
        label: AttrValue::from(label.to_owned()),
        kind,
    }
}

/// The URL's query as the API reads it: a date range's days become China-time bounds.
pub fn api_query(filters: &[FilterDef], query: &ListQuery) -> ListQuery {
    filters.iter().fold(query.clone(), |q, f| match f.kind {
        FilterKind::DateRange { to } => {
            let from_day = q.get(f.key).and_then(|d| day_bound(d, CHINA, 0));
            let to_day = q.get(to).and_then(|d| day_bound(d, CHINA, 1));
            q.set(f.key, &from_day.unwrap_or_default())
                .set(to, &to_day.unwrap_or_default())
        }
        FilterKind::Choice { ref default, .. } if q.get(f.key).is_none() => q.set(f.key, default),
        FilterKind::Choice { .. }
        | FilterKind::Text
        | FilterKind::Number
        | FilterKind::Select(_)
        | FilterKind::Check { .. }
        | FilterKind::Unit => q,
    })
}

/// The query a submitted filter bar asks for: every filter's value, the sort kept, page 1.
pub fn from_form(
    filters: &[FilterDef],
    current: &ListQuery,
    read: impl Fn(&str) -> String,
) -> ListQuery {
    filters.iter().fold(current.reset(), |q, f| match f.kind {
        FilterKind::Check { default } => {
            let on = !read(f.key).is_empty();
            q.set(
                f.key,
                if on == default {
                    ""
                } else if on {
                    "true"
                } else {
                    "false"
                },
            )
        }
        FilterKind::DateRange { to } => q.set(f.key, &read(f.key)).set(to, &read(to)),
        FilterKind::Choice { ref default, .. } => {
            let value = read(f.key);
            q.set(f.key, if &value == default { "" } else { &value })
        }
        FilterKind::Text | FilterKind::Number | FilterKind::Select(_) | FilterKind::Unit => {
            q.set(f.key, &read(f.key))
        }
    })
}

/// "姓名：张 · 阶段：单位内部核验" for the print header.
pub fn summary(i18n: &I18n, filters: &[FilterDef], query: &ListQuery) -> String {
    filters
        .iter()
        .filter_map(|f| {
            let value = match &f.kind {
                FilterKind::Choice { options, default } => {
                    let v = query.get(f.key).unwrap_or(default);
                    options
                        .iter()
                        .find(|(o, _)| o == v)
                        .map_or(v, |(_, l)| l)
                        .to_owned()
                }
                FilterKind::Select(options) => {
                    let v = query.get(f.key)?;
                    options
                        .iter()
                        .find(|(o, _)| o == v)
                        .map_or(v, |(_, l)| l)
                        .to_owned()
                }
                FilterKind::DateRange { to } => {
                    format!(
                        "{} ~ {}",
                        query.get(f.key).unwrap_or(""),
                        query.get(to).unwrap_or("")
                    )
                }
                FilterKind::Check { .. }
                | FilterKind::Text
                | FilterKind::Number
                | FilterKind::Unit => query.get(f.key)?.to_owned(),
            };
            Some(labelled(i18n.locale, &f.label, &value))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Props of [`FilterBar`].
#[derive(Properties, PartialEq)]
pub struct FilterBarProps {
    /// The filters.
    pub filters: Vec<FilterDef>,
    /// The URL's query (the values shown).
    pub query: ListQuery,
    /// 查询 / 重置: the new query.
    pub on_search: Callback<ListQuery>,
}

/// The filter bar (nothing when a list has no filters).
#[component]
pub fn FilterBar(props: &FilterBarProps) -> Html {
    let i18n = use_i18n();
    if props.filters.is_empty() {
        return Html::default();
    }
    let onsubmit = {
        let (filters, query, on_search) = (
            props.filters.clone(),
            props.query.clone(),
            props.on_search.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            if let Some(form) = FormValues::from_submit(&e) {
                on_search.emit(from_form(&filters, &query, |k| form.text(k)));
            }
        })
    };
    let on_reset = {
        let (query, on_search) = (props.query.clone(), props.on_search.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            on_search.emit(query.reset());
        })
    };
    let q = &props.query;
    let value = |key: &str| AttrValue::from(q.get(key).unwrap_or_default().to_owned());
    let control = |f: &FilterDef| {
        let testid = Some(AttrValue::from(format!("filter-{}", f.key)));
        match &f.kind {
            FilterKind::Text => html! {
                <TextField name={f.key} label={f.label.clone()} value={value(f.key)} {testid} />
            },
            FilterKind::Number => html! {
                <TextField name={f.key} label={f.label.clone()} value={value(f.key)} {testid} input_type="number" />
            },
            FilterKind::Select(options) => html! {
                <SelectField name={f.key} label={f.label.clone()} options={options.clone()}
                    selected={value(f.key)} empty={i18n.t(Key::All)} {testid} />
            },
            FilterKind::Choice { options, default } => html! {
                <SelectField name={f.key} label={f.label.clone()} options={options.clone()}
                    selected={AttrValue::from(q.get(f.key).unwrap_or(default).to_owned())} {testid} />
            },
            FilterKind::Unit => {
                html! { <UnitFilter name={f.key} label={f.label.clone()} selected={value(f.key)} /> }
            }
            FilterKind::Check { default } => {
                let checked = q.get(f.key).map_or(*default, |v| v == "true");
                html! {
                    <label class="check filter-check">
                        <input type="checkbox" name={f.key} value="true" {checked} data-testid={testid} />
                        { f.label.clone() }
                    </label>
                }
            }
            FilterKind::DateRange { to } => html! {
                <fieldset class="field date-range">
                    <legend>{ f.label.clone() }</legend>
                    <input type="date" name={f.key} value={value(f.key)} aria-label={labelled(i18n.locale, &f.label, i18n.t(Key::KitFrom))}
                        data-testid={testid} />
                    <span aria-hidden="true">{ "~" }</span>
                    <input type="date" name={*to} value={value(to)} aria-label={labelled(i18n.locale, &f.label, i18n.t(Key::KitTo))}
                        data-testid={format!("filter-{to}")} />
                </fieldset>
            },
        }
    };
    html! {
        // Keyed by the query: back/forward shows the URL's values, not what was typed before.
        <form key={props.query.to_query()} class="filter-bar no-print" role="search"
            aria-label={i18n.t(Key::FilterLabel)} {onsubmit}>
            { for props.filters.iter().map(control) }
            <div class="filter-actions">
                <button type="submit" class="button button-primary" data-testid="btn-search">{ i18n.t(Key::Search) }</button>
                <button type="button" class="button" data-testid="btn-reset" onclick={on_reset}>{ i18n.t(Key::Reset) }</button>
            </div>
        </form>
    }
}

/// Props of [`UnitFilter`].
#[derive(Properties, PartialEq)]
struct UnitFilterProps {
    name: &'static str,
    label: AttrValue,
    selected: AttrValue,
}

/// A select of the units the caller sees.
#[component]
fn UnitFilter(props: &UnitFilterProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let units = use_load((), move |()| async move { api::units::all(&api).await });
    let options: Vec<(String, String)> = match &units.state {
        Load::Ready(units) => units
            .iter()
            .map(|u| (u.id.to_string(), u.name.clone()))
            .collect(),
        Load::Loading | Load::Failed(_) => Vec::new(),
    };
    html! {
        <SelectField name={props.name} label={props.label.clone()} {options} selected={props.selected.clone()}
            empty={i18n.t(Key::All)} testid={AttrValue::from(format!("filter-{}", props.name))} />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filters() -> Vec<FilterDef> {
        vec![
            text("q", "姓名"),
            select("stage", "阶段", vec![("draft".into(), "草稿".into())]),
            check("todo", "仅待办", true),
            date_range("from", "to", "时间"),
        ]
    }

    #[test]
    fn a_submitted_bar_writes_only_what_differs_from_the_defaults() {
        let current = ListQuery::parse("sort=-updated&page=4&q=old");
        let form = |k: &str| match k {
            "q" => " 张三 ".to_owned(),
            "stage" => "draft".to_owned(),
            "from" => "2026-11-01".to_owned(),
            _ => String::new(),
        };
        let next = from_form(&filters(), &current, form);
        assert_eq!(
            next.to_query(),
            "from=2026-11-01&q=%E5%BC%A0%E4%B8%89&sort=-updated&stage=draft&todo=false"
        );
        // The checkbox at its default is not written.
        let next = from_form(&filters(), &current, |k| {
            if k == "todo" {
                "true".into()
            } else {
                String::new()
            }
        });
        assert_eq!(next.to_query(), "sort=-updated");
    }

    #[test]
    fn a_choice_is_its_default_unless_the_url_says_otherwise() {
        let filters = vec![choice(
            "year",
            "年度",
            vec![
                ("2026".into(), "2026".into()),
                ("2027".into(), "2027".into()),
            ],
            "2026".into(),
        )];
        // Silent URL: the API is sent the default.
        assert_eq!(
            api_query(&filters, &ListQuery::parse("")).get("year"),
            Some("2026")
        );
        assert_eq!(
            api_query(&filters, &ListQuery::parse("year=2027")).get("year"),
            Some("2027")
        );
        // The default is not written into the URL; another value is.
        let current = ListQuery::parse("year=2027");
        assert_eq!(
            from_form(&filters, &current, |_| "2026".into()).to_query(),
            ""
        );
        assert_eq!(
            from_form(&filters, &current, |_| "2027".into()).to_query(),
            "year=2027"
        );
    }

    #[test]
    fn the_api_reads_days_as_china_time_bounds_with_the_end_day_included() {
        let q = ListQuery::parse("from=2026-11-01&to=2026-11-30&q=x");
        let api = api_query(&filters(), &q);
        assert_eq!(api.get("from"), Some("2026-11-01T00:00:00+08:00"));
        assert_eq!(api.get("to"), Some("2026-12-01T00:00:00+08:00"));
        assert_eq!(api.get("q"), Some("x"));
        // A broken day is dropped, not sent.
        assert_eq!(
            api_query(&filters(), &ListQuery::parse("from=yesterday")).get("from"),
            None
        );
    }
}
