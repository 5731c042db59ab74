//! 申报统计分析 (`/dashboards/applications`, entry `manage`): the year's applications of the
//! caller's jurisdiction — where they stand (a funnel by stage with the median wait), pass
//! rates by series, level and employer, submissions per month, publicity reports by state —
//! with the filters in the URL (year, series, level, unit) and 导出 XLSX of the same filter.
//! For the accounts of HRSS units and of units that organise a committee; the API refuses
//! anyone else (403), and the page then says so.

use shared::application::{Level, Series};
use shared::dashboards::{ApplicationsDashboard, PassFigure};
use yew::prelude::*;
use yew_router::prelude::*;

use super::{failed, loading};
use crate::api::{
    self,
    dashboards::{APPLICATIONS, APPLICATIONS_EXPORT},
};
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{fill, fill_n, paren, t, use_i18n, Key, Locale};
use crate::kit::charts::{bars, columns, rate, BarDatum, Bars, ColumnDatum, Columns, Ink};
use crate::kit::filters::{api_query, choice, enum_select, unit, FilterBar, FilterDef};
use crate::kit::format::{china_time, china_today};
use crate::kit::list::ExportButton;
use crate::kit::query::ListQuery;
use crate::routes::Route;

/// How many years the year filter offers: this one and the nine before.
pub const YEARS: i32 = 10;

/// The current year in China time.
pub fn this_year() -> i32 {
    china_today()
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(2026)
}

/// Year (this one by default, and the nine before), series, level and the unit to narrow to.
pub fn filters(locale: Locale, this_year: i32) -> Vec<FilterDef> {
    let years = (0..YEARS)
        .map(|back| {
            let year = (this_year - back).to_string();
            (year.clone(), year)
        })
        .collect();
    vec![
        choice(
            "year",
            t(locale, Key::CertYear),
            years,
            this_year.to_string(),
        ),
        enum_select::<Series>("series", t(locale, Key::WfSeries), locale),
        enum_select::<Level>("level", t(locale, Key::WfLevel), locale),
        unit("unit_id", t(locale, Key::CertUnit)),
    ]
}

/// A month's name under its column.
pub fn month_label(locale: Locale, month: u32) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match locale {
        Locale::ZhCn => format!("{month}月"),
        Locale::En => usize::try_from(month)
            .ok()
            .and_then(|m| m.checked_sub(1))
            .and_then(|m| EN.get(m))
            .map_or_else(|| month.to_string(), |m| (*m).to_owned()),
    }
}

/// `12/20（60.0%）`, or `0/0` when nothing was decided.
pub fn pass_text(locale: Locale, f: &PassFigure) -> String {
    let counts = format!("{}/{}", f.passed, f.decided);
    match rate(f.passed, f.decided) {
        Some(rate) => paren(locale, &counts, &rate),
        None => counts,
    }
}

/// The page.
#[component]
pub fn ApplicationsDashboardPage() -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let location = use_location();
    let navigator = use_navigator();
    let locale = i18n.locale;
    let query = ListQuery::parse(location.as_ref().map_or("", |l| l.query_str()));
    let filters = filters(locale, this_year());
    let sent = api_query(&filters, &query);
    let path = sent.api_path(APPLICATIONS, &[], &[]);
    let export = sent.api_path(APPLICATIONS_EXPORT, &[], &[]);
    let loaded = use_load(path, move |path| async move {
        api::dashboards::applications(&api, &path).await
    });
    let go = Callback::from(move |next: ListQuery| {
        if let Some(navigator) = &navigator {
            let pairs: Vec<(&str, &str)> = next.pairs().collect();
            let _ = navigator.push_with_query(&Route::DashboardApplications, &pairs);
        }
    });
    let title = i18n.t(Key::DashApplicationsTitle);
    let forbidden = matches!(&loaded.state, Load::Failed(e) if e.is(shared::ErrorCode::Forbidden));
    let body = match &loaded.state {
        Load::Loading => loading(&i18n),
        Load::Failed(error) => failed(&i18n, error, &loaded.reload),
        Load::Ready(d) => html! {
            <>
                <p class="muted page-intro" data-testid="dashboard-scope">
                    { fill_n(i18n.t(Key::DashScope), &[&d.unit, &d.year.to_string(), &d.total.to_string()]) }
                </p>
                <p class="muted" data-testid="dashboard-as-of">{ fill(i18n.t(Key::DashAsOf), &china_time(&d.as_of)) }</p>
                <div class="chart-grid" aria-busy={loaded.busy.to_string()}>
                    { charts(locale, d) }
                </div>
            </>
        },
    };
    html! {
        <section class="page" data-testid="dashboard-applications">
            <div class="page-heading">
                <h1 class="page-title">{ title }</h1>
                if !forbidden {
                    <div class="page-actions no-print">
                        <ExportButton name={title} path={export} label={i18n.t(Key::DashExport)} />
                    </div>
                }
            </div>
            if !forbidden {
                <FilterBar {filters} {query} on_search={go} />
            }
            { body }
        </section>
    }
}

/// The bars of pass figures: passed of decided, with the rate.
fn pass_bars(locale: Locale, figures: &[PassFigure]) -> Vec<BarDatum> {
    figures
        .iter()
        .map(|f| BarDatum {
            label: f.label.clone(),
            value: f.passed,
            whole: Some(f.decided),
            text: pass_text(locale, f),
            cells: vec![
                f.decided.to_string(),
                f.passed.to_string(),
                rate(f.passed, f.decided).unwrap_or_else(|| "—".to_owned()),
            ],
        })
        .collect()
}

/// A pass-rate chart: `head` names its rows (系列, 级别, 工作单位).
fn pass_chart(
    locale: Locale,
    name: &'static str,
    caption: Key,
    head: Key,
    figures: &[PassFigure],
    wide: bool,
) -> Html {
    let tr = |key| t(locale, key);
    bars(
        locale,
        Bars {
            name,
            caption: tr(caption),
            heads: vec![
                tr(head),
                tr(Key::DashDecided),
                tr(Key::DashPassed),
                tr(Key::DashRate),
            ],
            data: pass_bars(locale, figures),
            legend: vec![
                (Ink::Main, tr(Key::DashPassed)),
                (Ink::Light, tr(Key::DashDecided)),
            ],
            centred: false,
            wide,
            note: None,
        },
    )
}

/// Every chart of the dashboard, in reading order.
fn charts(locale: Locale, d: &ApplicationsDashboard) -> Html {
    let tr = |key| t(locale, key);
    let funnel = bars(
        locale,
        Bars {
            name: "funnel",
            caption: tr(Key::DashFunnel),
            heads: vec![
                tr(Key::WfStage),
                tr(Key::DashCount),
                tr(Key::DashMedianWait),
            ],
            data: d
                .funnel
                .iter()
                .map(|s| {
                    let count = s.count.to_string();
                    let (text, wait) = match s.median_wait_days {
                        Some(days) => {
                            let days = days.to_string();
                            (fill_n(tr(Key::DashCountWait), &[&count, &days]), days)
                        }
                        None => (fill(tr(Key::DashCountOnly), &count), "—".to_owned()),
                    };
                    BarDatum {
                        label: s.stage.label(locale).to_owned(),
                        value: s.count,
                        whole: None,
                        text,
                        cells: vec![count, wait],
                    }
                })
                .collect(),
            legend: Vec::new(),
            centred: true,
            wide: true,
            note: Some(tr(Key::DashFunnelNote)),
        },
    );
    let months = columns(
        locale,
        Columns {
            name: "months",
            caption: tr(Key::DashPerMonth),
            head: tr(Key::DashMonth),
            data: d
                .per_month
                .iter()
                .map(|m| {
                    let label = month_label(locale, m.month);
                    ColumnDatum {
                        name: label.clone(),
                        label,
                        values: vec![m.count],
                    }
                })
                .collect(),
            series: vec![(Ink::Main, tr(Key::DashApplications))],
            wide: false,
        },
    );
    let reports = bars(
        locale,
        Bars {
            name: "reports",
            caption: tr(Key::DashReports),
            heads: vec![tr(Key::StatusLabel), tr(Key::DashCount)],
            data: d
                .reports
                .iter()
                .map(|r| {
                    let count = r.count.to_string();
                    BarDatum {
                        label: r.status.label(locale).to_owned(),
                        value: r.count,
                        whole: None,
                        text: count.clone(),
                        cells: vec![count],
                    }
                })
                .collect(),
            legend: Vec::new(),
            centred: false,
            wide: false,
            note: None,
        },
    );
    html! {
        <>
            { funnel }
            { pass_chart(locale, "series", Key::DashPassSeries, Key::WfSeries, &d.pass_by_series, false) }
            { pass_chart(locale, "level", Key::DashPassLevel, Key::WfLevel, &d.pass_by_level, false) }
            { pass_chart(locale, "employer", Key::DashPassEmployer, Key::WfEmployer, &d.pass_by_employer, true) }
            { months }
            { reports }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_filter_offers_this_year_and_the_nine_before() {
        let f = filters(Locale::ZhCn, 2026);
        let crate::kit::filters::FilterKind::Choice { options, default } = &f[0].kind else {
            panic!("the year is a choice");
        };
        assert_eq!(default, "2026");
        assert_eq!(options.len(), 10);
        assert_eq!(options[0].0, "2026");
        assert_eq!(options[9].0, "2017");
        let keys: Vec<&str> = f.iter().map(|f| f.key).collect();
        assert_eq!(keys, vec!["year", "series", "level", "unit_id"]);
        // A silent URL asks for this year; the unit picker's parameter is the API's.
        let sent = api_query(&f, &ListQuery::parse("unit_id=12&level=senior"));
        assert_eq!(
            sent.api_path(APPLICATIONS, &[], &[]),
            "/api/v1/dashboards/applications?level=senior&unit_id=12&year=2026"
        );
    }

    #[test]
    fn months_and_pass_texts() {
        assert_eq!(month_label(Locale::ZhCn, 3), "3月");
        assert_eq!(month_label(Locale::En, 12), "Dec");
        assert_eq!(month_label(Locale::En, 13), "13");
        let f = |passed, decided| PassFigure {
            key: "engineering".into(),
            label: "工程系列".into(),
            decided,
            passed,
        };
        assert_eq!(pass_text(Locale::ZhCn, &f(12, 20)), "12/20（60.0%）");
        assert_eq!(pass_text(Locale::En, &f(1, 3)), "1/3 (33.3%)");
        assert_eq!(pass_text(Locale::ZhCn, &f(0, 0)), "0/0");
    }
}
