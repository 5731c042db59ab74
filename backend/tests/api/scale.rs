//! The organisation at 100,000 units: a subtree is one index range scan on both engines, and a
//! jurisdiction-filtered page stays fast.

use std::time::{Duration, Instant};

use backend::{
    clock::Clock,
    db::{schema::units, DbConnection},
    org::{generate, units::subtree_end},
};
use diesel::{prelude::*, sql_query, sql_types::Text};

use crate::{
    db_tests,
    helpers::{spawn_app, Backend},
};

struct PlanLine {
    line: String,
}

fn plan(conn: &mut DbConnection, start: &str, end: &str) -> String {
    let query = format!(
        "SELECT id FROM units WHERE path >= '{start}' AND path < '{end}' ORDER BY path LIMIT 20"
    );
    let lines: Vec<PlanLine> = match conn {
        DbConnection::Sqlite(c) => sql_query(format!("EXPLAIN QUERY PLAN {query}"))
            .load::<SqlitePlan>(c)
            .map(|v| v.into_iter().map(|p| PlanLine { line: p.detail }).collect()),
        DbConnection::Pg(c) => sql_query(format!("EXPLAIN {query}"))
            .load::<PgPlan>(c)
            .map(|v| v.into_iter().map(|p| PlanLine { line: p.line }).collect()),
    }
    .expect("explain");
    lines
        .into_iter()
        .map(|l| l.line)
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(QueryableByName)]
struct SqlitePlan {
    #[diesel(sql_type = Text)]
    detail: String,
}

#[derive(QueryableByName)]
struct PgPlan {
    #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
    line: String,
}

async fn a_hundred_thousand_units_keep_subtree_queries_indexed_and_fast(backend: Backend) {
    let app = spawn_app(backend).await;
    let now = app.clock.now();
    let started = Instant::now();
    let added = app
        .db
        .run(move |conn| generate::units(conn, 100_000, now))
        .await
        .expect("generate");
    let generated_in = started.elapsed();
    assert_eq!(added, 100_000);

    let (county_path, total, county_total, plan_text) = app
        .db
        .run(|conn| {
            if let DbConnection::Pg(pg) = conn {
                sql_query("ANALYZE units").execute(pg)?;
            }
            let path: String = units::table
                .filter(units::name.eq("示范县人力资源和社会保障局"))
                .select(units::path)
                .first(conn)?;
            let total: i64 = units::table.count().get_result(conn)?;
            let end = subtree_end(&path);
            let county: i64 = units::table
                .filter(units::path.ge(&path))
                .filter(units::path.lt(&end))
                .count()
                .get_result(conn)?;
            let plan_text = plan(conn, &path, &end);
            Ok((path, total, county, plan_text))
        })
        .await
        .expect("read");
    assert_eq!(total, 100_009);
    assert!(
        county_total > 30_000 && county_total < 40_000,
        "{county_total} units under the county HRSS"
    );
    assert!(
        plan_text.contains("units_path"),
        "the subtree range must use the path index:\n{plan_text}"
    );
    assert!(!county_path.is_empty());

    let session = app.login_as("county_hrss_unit").await;
    let mut times = Vec::new();
    for page in 1..=20 {
        let t = Instant::now();
        let res = app
            .get_as(
                &session.access_token,
                &format!("/api/v1/units?page={page}&per_page=20"),
            )
            .await;
        assert_eq!(res.status(), 200);
        let body: shared::Page<shared::org::Unit> = res.json().await.expect("page");
        times.push(t.elapsed());
        assert_eq!(body.total as i64, county_total);
        assert!(body
            .items
            .iter()
            .all(|u| u.name.starts_with("生成单位") || u.name.starts_with("示范县")));
    }
    times.sort();
    let p50 = times[times.len() / 2];
    let max = times[times.len() - 1];
    eprintln!("scale[{backend:?}]: generated 100,000 units in {generated_in:?}; county subtree {county_total} units; page p50 {p50:?}, max {max:?}\n{plan_text}");
    assert!(
        max < Duration::from_secs(2),
        "a jurisdiction page took {max:?}"
    );
}

db_tests!(a_hundred_thousand_units_keep_subtree_queries_indexed_and_fast);
