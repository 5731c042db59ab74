//! 账号统计分析 (`/system/dashboard`, entry `admin`), for the system administrator: the accounts
//! of each kind, enabled and disabled, and the sign-ins, failed sign-ins and lockouts of each of
//! the last 30 days (China time), each as a chart and a table, and 导出 XLSX. The API refuses
//! anyone else (403), and the page then says so.

use shared::dashboards::AccountsDashboard;
use yew::prelude::*;

use super::{failed, loading};
use crate::api::{self, dashboards::ACCOUNTS_EXPORT};
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{fill, fill_n, t, use_i18n, Key, Locale};
use crate::kit::charts::{bars, columns, BarDatum, Bars, ColumnDatum, Columns, Ink};
use crate::kit::format::china_time;
use crate::kit::list::ExportButton;

/// A day under its column: `MM-DD` of `YYYY-MM-DD`.
pub fn day_label(day: &str) -> String {
    day.get(5..).unwrap_or(day).to_owned()
}

/// The page.
#[component]
pub fn AccountsDashboardPage() -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let loaded = use_load((), move |()| async move {
        api::dashboards::accounts(&api).await
    });
    let title = i18n.t(Key::DashAccountsTitle);
    let forbidden = matches!(&loaded.state, Load::Failed(e) if e.is(shared::ErrorCode::Forbidden));
    let body = match &loaded.state {
        Load::Loading => loading(&i18n),
        Load::Failed(error) => failed(&i18n, error, &loaded.reload),
        Load::Ready(d) => html! {
            <>
                <p class="muted" data-testid="dashboard-as-of">{ fill(i18n.t(Key::DashAsOf), &china_time(&d.as_of)) }</p>
                <div class="chart-grid">{ charts(i18n.locale, d) }</div>
            </>
        },
    };
    html! {
        <section class="page" data-testid="dashboard-accounts">
            <div class="page-heading">
                <h1 class="page-title">{ title }</h1>
                if !forbidden {
                    <div class="page-actions no-print">
                        <ExportButton name={title} path={ACCOUNTS_EXPORT} label={i18n.t(Key::DashExport)} />
                    </div>
                }
            </div>
            <p class="muted page-intro">{ i18n.t(Key::DashAccountsIntro) }</p>
            { body }
        </section>
    }
}

fn charts(locale: Locale, d: &AccountsDashboard) -> Html {
    let tr = |key| t(locale, key);
    let kinds = bars(
        locale,
        Bars {
            name: "kinds",
            caption: tr(Key::DashByKind),
            heads: vec![
                tr(Key::HomeKindLabel),
                tr(Key::StatusEnabled),
                tr(Key::StatusDisabled),
                tr(Key::DashTotal),
            ],
            data: d
                .by_kind
                .iter()
                .map(|k| {
                    let (enabled, disabled) = (k.enabled.to_string(), k.disabled.to_string());
                    BarDatum {
                        label: k.kind.label(locale).to_owned(),
                        value: k.enabled,
                        whole: Some(k.enabled + k.disabled),
                        text: fill_n(tr(Key::DashEnabledDisabled), &[&enabled, &disabled]),
                        cells: vec![enabled, disabled, (k.enabled + k.disabled).to_string()],
                    }
                })
                .collect(),
            legend: vec![
                (Ink::Main, tr(Key::StatusEnabled)),
                (Ink::Light, tr(Key::StatusDisabled)),
            ],
            centred: false,
            wide: true,
            note: None,
        },
    );
    let days = columns(
        locale,
        Columns {
            name: "days",
            caption: tr(Key::DashSignIns),
            head: tr(Key::CalDay),
            data: d
                .days
                .iter()
                .map(|day| ColumnDatum {
                    label: day_label(&day.day),
                    name: day.day.clone(),
                    values: vec![day.sign_ins, day.failed_sign_ins, day.lockouts],
                })
                .collect(),
            series: vec![
                (Ink::Main, tr(Key::DashSignInCount)),
                (Ink::Amber, tr(Key::DashFailedSignIns)),
                (Ink::Red, tr(Key::DashLockouts)),
            ],
            wide: true,
        },
    );
    html! { <>{ kinds }{ days }</> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_labelled_by_month_and_day() {
        assert_eq!(day_label("2026-11-04"), "11-04");
        assert_eq!(day_label("bad"), "bad");
    }
}
