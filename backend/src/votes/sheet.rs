//! The vote sheet (评审表决表) of a tallied session: per applicant the name, employer,
//! specialty, qualification, the group's recommendation, agree / disagree / abstain,
//! attending and the result; with the session, committee, date, attendance and quorum, and the
//! ballots' digest (re-computed on every read and compared with the one stored at the tally).
//! As JSON (the print view) and as XLSX (the export of the session row).

use chrono::NaiveDate;
use diesel::prelude::*;
use rust_xlsxwriter::{Format, Workbook};
use shared::{
    votes::{VoteRules, VoteSheet, VoteSheetRow},
    ErrorCode, Locale,
};

use super::{applicants, count, recommendations};
use crate::{
    db::{
        schema::{committees, review_sessions, tally_results},
        DbConnection,
    },
    error::ApiError,
    http::export::{xlsx_error, Cell, Column},
    online::SessionRow,
};

/// The sheet; 409 `invalid_transition` before the tally.
pub fn load(conn: &mut DbConnection, session: &SessionRow) -> Result<VoteSheet, ApiError> {
    #[expect(
        clippy::type_complexity,
        reason = "one row of the session's tally facts"
    )]
    let (year, date, tallied, size, attending, digest, rules, committee): (
        i32,
        NaiveDate,
        Option<chrono::NaiveDateTime>,
        Option<i32>,
        Option<i32>,
        Option<String>,
        Option<String>,
        String,
    ) = review_sessions::table
        .inner_join(committees::table)
        .filter(review_sessions::id.eq(session.id))
        .select((
            review_sessions::year,
            review_sessions::session_date,
            review_sessions::tallied_at,
            review_sessions::committee_size,
            review_sessions::attending,
            review_sessions::ballots_digest,
            review_sessions::vote_rules,
            committees::name,
        ))
        .first(conn)?;
    let (Some(tallied), Some(digest)) = (tallied, digest) else {
        return Err(ApiError::with_text(
            ErrorCode::InvalidTransition,
            "本次评审尚未统票，没有评审表决表",
            "The session is not tallied yet; there is no vote sheet",
        ));
    };
    let rules: VoteRules = match rules {
        Some(text) => serde_json::from_str(&text).map_err(ApiError::internal)?,
        None => VoteRules::default(),
    };
    let (recomputed, ballots) = super::tally::digest(conn, session.id)?;
    let results: std::collections::HashMap<i64, (i32, i32, i32, i32, bool)> = tally_results::table
        .filter(tally_results::session_id.eq(session.id))
        .select((
            tally_results::application_id,
            tally_results::agree,
            tally_results::disagree,
            tally_results::abstain,
            tally_results::attending,
            tally_results::passed,
        ))
        .load::<(i64, i32, i32, i32, i32, bool)>(conn)?
        .into_iter()
        .map(|(a, x, y, z, att, p)| (a, (x, y, z, att, p)))
        .collect();
    let recs = recommendations(conn, session.id)?;
    let rows: Vec<VoteSheetRow> = applicants(conn, session.id, None)?
        .into_iter()
        .filter_map(|a| {
            let (agree, disagree, abstain, att, passed) = *results.get(&a.application_id)?;
            Some(VoteSheetRow {
                recommendation: recs.get(&a.application_id).copied(),
                application_id: a.application_id,
                name: a.name,
                employer: a.employer,
                specialty: a.specialty,
                qualification: a.qualification,
                group_name: a.group_name,
                counts: shared::votes::Counts {
                    agree: count(agree),
                    disagree: count(disagree),
                    abstain: count(abstain),
                },
                attending: count(att),
                passed,
            })
        })
        .collect();
    let size = count(size.unwrap_or(0));
    Ok(VoteSheet {
        session_id: session.id,
        session_name: session.name.clone(),
        committee_name: committee,
        year,
        session_date: date.to_string(),
        tallied_at: crate::clock::rfc3339(tallied),
        committee_size: size,
        attending: count(attending.unwrap_or(0)),
        quorum: rules.quorum(size),
        rules,
        ballots,
        digest_verified: recomputed == digest,
        digest,
        passed: crate::online::count(rows.iter().filter(|r| r.passed).count()),
        rows,
    })
}

fn result_label(passed: bool, l: Locale) -> &'static str {
    match (passed, l) {
        (true, Locale::ZhCn) => "通过",
        (false, Locale::ZhCn) => "未通过",
        (true, Locale::En) => "Passed",
        (false, Locale::En) => "Not passed",
    }
}

/// The sheet's columns.
pub const COLUMNS: &[Column<VoteSheetRow>] = &[
    Column {
        zh: "序号",
        en: "No.",
        width: 6.0,
        cell: |r, _| Cell::from(r.application_id),
    },
    Column {
        zh: "姓名",
        en: "Name",
        width: 12.0,
        cell: |r, _| Cell::from(r.name.as_str()),
    },
    Column {
        zh: "工作单位",
        en: "Employer",
        width: 28.0,
        cell: |r, _| Cell::from(r.employer.as_str()),
    },
    Column {
        zh: "专业",
        en: "Specialty",
        width: 14.0,
        cell: |r, _| Cell::from(r.specialty.as_str()),
    },
    Column {
        zh: "申报资格",
        en: "Qualification",
        width: 18.0,
        cell: |r, _| Cell::from(r.qualification.as_str()),
    },
    Column {
        zh: "评审小组",
        en: "Group",
        width: 12.0,
        cell: |r, _| Cell::from(r.group_name.as_str()),
    },
    Column {
        zh: "小组意见",
        en: "Group recommendation",
        width: 22.0,
        cell: |r, l| {
            Cell::from(match r.recommendation {
                Some(g) => format!(
                    "{}（{}/{}/{}）",
                    g.view.label(l),
                    g.counts.agree,
                    g.counts.disagree,
                    g.counts.abstain
                ),
                None => String::new(),
            })
        },
    },
    Column {
        zh: "同意",
        en: "Agree",
        width: 8.0,
        cell: |r, _| Cell::from(i64::from(r.counts.agree)),
    },
    Column {
        zh: "不同意",
        en: "Disagree",
        width: 8.0,
        cell: |r, _| Cell::from(i64::from(r.counts.disagree)),
    },
    Column {
        zh: "弃权",
        en: "Abstain",
        width: 8.0,
        cell: |r, _| Cell::from(i64::from(r.counts.abstain)),
    },
    Column {
        zh: "出席委员",
        en: "Attending",
        width: 10.0,
        cell: |r, _| Cell::from(i64::from(r.attending)),
    },
    Column {
        zh: "表决结果",
        en: "Result",
        width: 10.0,
        cell: |r, l| Cell::from(result_label(r.passed, l)),
    },
];

/// The sheet as an XLSX workbook: the meeting's facts, then the table, then the digest.
pub fn xlsx(sheet: &VoteSheet, l: Locale) -> Result<Vec<u8>, ApiError> {
    let zh = l == Locale::ZhCn;
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = book.add_worksheet();
    ws.set_name(if zh { "评审表决表" } else { "Vote sheet" })
        .map_err(xlsx_error)?;
    let facts: Vec<(&str, String)> = vec![
        (
            if zh { "评审表决表" } else { "Vote sheet" },
            sheet.session_name.clone(),
        ),
        (
            if zh { "评委会" } else { "Committee" },
            sheet.committee_name.clone(),
        ),
        (if zh { "评审年度" } else { "Year" }, sheet.year.to_string()),
        (
            if zh { "评审日期" } else { "Date" },
            sheet.session_date.clone(),
        ),
        (
            if zh { "统票时间" } else { "Tallied at" },
            crate::http::export::china_time(&sheet.tallied_at),
        ),
        (
            if zh {
                "评委会委员"
            } else {
                "Committee members"
            },
            sheet.committee_size.to_string(),
        ),
        (
            if zh { "出席委员" } else { "Attending" },
            sheet.attending.to_string(),
        ),
        (
            if zh { "法定出席人数" } else { "Quorum" },
            sheet.quorum.to_string(),
        ),
        (
            if zh { "通过人数" } else { "Passed" },
            format!("{} / {}", sheet.passed, sheet.rows.len()),
        ),
    ];
    let mut row = 0_u32;
    for (k, v) in &facts {
        ws.write_string_with_format(row, 0, *k, &bold)
            .map_err(xlsx_error)?;
        ws.write_string(row, 1, v).map_err(xlsx_error)?;
        row += 1;
    }
    row += 1;
    for (c, col) in (0_u16..).zip(COLUMNS) {
        ws.write_string_with_format(row, c, if zh { col.zh } else { col.en }, &bold)
            .map_err(xlsx_error)?;
        ws.set_column_width(c, col.width).map_err(xlsx_error)?;
    }
    row += 1;
    for r in &sheet.rows {
        for (c, col) in (0_u16..).zip(COLUMNS) {
            match (col.cell)(r, l) {
                Cell::Text(t) => {
                    ws.write_string(row, c, t).map_err(xlsx_error)?;
                }
                Cell::Number(n) => {
                    ws.write_number(row, c, n).map_err(xlsx_error)?;
                }
            }
        }
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(
        row,
        0,
        if zh {
            "选票摘要（SHA-256）"
        } else {
            "Ballots digest (SHA-256)"
        },
        &bold,
    )
    .map_err(xlsx_error)?;
    ws.write_string(row, 1, &sheet.digest).map_err(xlsx_error)?;
    book.save_to_buffer().map_err(xlsx_error)
}
