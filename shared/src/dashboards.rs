//! Dashboards (统计分析, issue 12, beyond the manual): what HRSS units and committee organising
//! units see of the applications in their jurisdiction, and what the system administrator sees
//! of the accounts. The figures are counted by the server; the SPA draws them (SVG) and shows
//! the same numbers as tables; the XLSX export carries the same numbers.

use serde::{Deserialize, Serialize};

use crate::{
    application::{Level, Series},
    identity::AccountKind,
    publicity::ReportStatus,
    workflow::Stage,
};

/// `GET /api/v1/dashboards/applications`: one stage of the year's funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageFigure {
    pub stage: Stage,
    /// Applications now in this stage.
    pub count: i64,
    /// The median of the whole days those applications have waited in it so far (where work
    /// waits); `None` when none is in it.
    pub median_wait_days: Option<i64>,
}

/// Decided and passed applications of one series, level or employer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PassFigure {
    /// The series or level code, or the employer's id.
    pub key: String,
    /// What people read (in the request's language; an employer's name).
    pub label: String,
    /// Applications with a review result.
    pub decided: i64,
    /// Of which passed.
    pub passed: i64,
}

/// Applications first submitted in one month of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthFigure {
    /// 1–12.
    pub month: u32,
    pub count: i64,
}

/// Reports on the year's publicity batches in one state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportFigure {
    pub status: ReportStatus,
    pub count: i64,
}

/// The applications dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationsDashboard {
    /// When these figures were counted (RFC 3339): a dashboard's figures are at most a minute
    /// old, counted once for every caller of the same scope and filter.
    pub as_of: String,
    pub year: i32,
    /// The unit whose jurisdiction (or subtree) is counted.
    pub unit: String,
    pub series: Option<Series>,
    pub level: Option<Level>,
    /// Applications of the year counted (drafts never submitted excluded).
    pub total: i64,
    /// Every stage of the workflow, in its order, with 0 where none is.
    pub funnel: Vec<StageFigure>,
    pub pass_by_series: Vec<PassFigure>,
    pub pass_by_level: Vec<PassFigure>,
    /// The 20 employers with the most decided applications.
    pub pass_by_employer: Vec<PassFigure>,
    /// January to December.
    pub per_month: Vec<MonthFigure>,
    /// Reports on the year's batches of the units counted, per state.
    pub reports: Vec<ReportFigure>,
}

/// Accounts of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountKindFigure {
    pub kind: AccountKind,
    /// Enabled accounts.
    pub enabled: i64,
    /// Disabled accounts.
    pub disabled: i64,
}

/// Sign-ins and lockouts of one day (China time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayFigure {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub sign_ins: i64,
    pub failed_sign_ins: i64,
    pub lockouts: i64,
}

/// `GET /api/v1/dashboards/accounts`: the system administrator's dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountsDashboard {
    /// When these figures were counted (RFC 3339), at most a minute before.
    pub as_of: String,
    pub by_kind: Vec<AccountKindFigure>,
    /// The last 30 days, oldest first, every day present.
    pub days: Vec<DayFigure>,
}

/// The median of a histogram of whole days (`(days, how many)`, any order); `None` when empty.
/// With an even count, the lower of the two middle values (a day that occurred).
pub fn median_days(histogram: &[(i64, i64)]) -> Option<i64> {
    let mut bins: Vec<(i64, i64)> = histogram.iter().copied().filter(|b| b.1 > 0).collect();
    bins.sort_unstable();
    let total: i64 = bins.iter().map(|b| b.1).sum();
    if total == 0 {
        return None;
    }
    let middle = (total + 1) / 2;
    let mut seen = 0;
    for (days, n) in bins {
        seen += n;
        if seen >= middle {
            return Some(days);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_a_day_histogram() {
        assert_eq!(median_days(&[]), None);
        assert_eq!(median_days(&[(3, 0)]), None);
        assert_eq!(median_days(&[(5, 1)]), Some(5));
        // 1, 2, 2, 9 → the lower middle, 2.
        assert_eq!(median_days(&[(9, 1), (1, 1), (2, 2)]), Some(2));
        // 0, 0, 0, 10, 10 → 0.
        assert_eq!(median_days(&[(10, 2), (0, 3)]), Some(0));
        // 1, 4, 7 → 4.
        assert_eq!(median_days(&[(7, 1), (4, 1), (1, 1)]), Some(4));
    }
}
