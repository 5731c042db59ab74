//! A list longer than `EXACT_TOTAL_BOUND` counts to the bound on the request, then answers a
//! recent exact count, rounded and marked as an estimate; a filtered list within the bound stays
//! exact, and the export still reads every row.

use std::io::Cursor;

use backend::{
    applications::generate,
    clock::Clock,
    db::schema::{applications, units},
};
use calamine::{Reader, Xlsx};
use diesel::prelude::*;
use shared::{
    application::ApplicationSummary, pagination::rounded_estimate, Page, TotalKind,
    EXACT_TOTAL_BOUND,
};

use crate::{
    db_tests,
    helpers::{spawn_app, Backend, TestApp},
};

async fn page(app: &TestApp, token: &str, query: &str) -> Page<ApplicationSummary> {
    let res = app
        .get_as(token, &format!("/api/v1/applications?{query}"))
        .await;
    assert_eq!(res.status(), 200, "{query}");
    res.json().await.expect("page")
}

async fn a_long_list_counts_to_the_bound_then_answers_an_estimate(backend: Backend) {
    let app = spawn_app(backend).await;
    let now = app.clock.now();
    app.db
        .run(move |conn| generate::applications(conn, 12_000, 1_200, now))
        .await
        .expect("applications");
    // The province HRSS sees every submitted application of the province (all are under it).
    let (submitted, this_year): (i64, i64) = app
        .db
        .run(|conn| {
            let root: String = units::table
                .filter(units::parent_id.is_null())
                .select(units::path)
                .first(conn)?;
            let all = applications::table
                .filter(applications::submitted_at.is_not_null())
                .filter(applications::employer_path.ge(root.clone()));
            let submitted = all.count().get_result(conn)?;
            let this_year = applications::table
                .filter(applications::submitted_at.is_not_null())
                .filter(applications::employer_path.ge(root))
                .filter(applications::year.eq(2026))
                .count()
                .get_result(conn)?;
            Ok((submitted, this_year))
        })
        .await
        .expect("counts");
    let submitted = u64::try_from(submitted).expect("count");
    assert!(submitted > EXACT_TOTAL_BOUND, "{submitted} submitted");
    let token = app.login_as("prov_hrss_unit").await.access_token;

    // First sight: the bound, as a lower bound, and a full page that has a next one.
    let first = page(&app, &token, "").await;
    assert_eq!(
        (first.total, first.total_kind),
        (EXACT_TOTAL_BOUND, TotalKind::AtLeast)
    );
    assert_eq!(first.items.len(), 20);
    assert!(first.has_next());

    // The count runs off the request; once it is in, the next pages answer it, rounded to four
    // digits.
    let db = app.db.clone();
    tokio::task::spawn_blocking(move || db.settle_counts())
        .await
        .expect("the count");
    let counted = page(&app, &token, "page=2").await;
    assert_eq!(counted.total_kind, TotalKind::Estimate);
    assert_eq!(counted.total, rounded_estimate(submitted));
    assert_ne!(counted.items, first.items);
    assert!(counted.has_next());

    // Within the bound the total stays exact, and the last page knows it is the last.
    let year = page(&app, &token, "year=2026&per_page=100").await;
    assert_eq!(
        (year.total, year.total_kind),
        (u64::try_from(this_year).expect("count"), TotalKind::Exact)
    );
    let last = u32::try_from(year.total.div_ceil(100)).expect("pages");
    let end = page(&app, &token, &format!("year=2026&per_page=100&page={last}")).await;
    assert!(!end.items.is_empty());
    assert!(!end.has_next());

    // The export reads every row, whatever the list's total said.
    let res = app.get_as(&token, "/api/v1/applications/export").await;
    assert_eq!(res.status(), 200);
    let bytes = res.bytes().await.expect("workbook");
    let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an XLSX workbook");
    let rows = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable")
        .rows()
        .count();
    assert_eq!(
        u64::try_from(rows).expect("rows"),
        submitted + 1,
        "header and rows"
    );
}

db_tests!(a_long_list_counts_to_the_bound_then_answers_an_estimate);
