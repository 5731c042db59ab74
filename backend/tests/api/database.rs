//! The database layer on both engines: migrations, portable types, constraints, transactions,
//! and the two migration sets describing the same schema.

use std::collections::BTreeSet;

use backend::{
    db::{
        migrations,
        schema::{app_settings, calendar_days},
        settings, DbConnection,
    },
    error::ApiError,
};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::{
    prelude::*,
    sql_query,
    sql_types::{Bool, Text},
};
use serde_json::json;

use crate::{
    db_tests,
    helpers::{spawn_app, Backend, TestDatabase},
};

fn noon() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 26)
        .and_then(|d| d.and_hms_micro_opt(12, 0, 0, 123_456))
        .expect("valid time")
}

async fn migrations_are_idempotent(backend: Backend) {
    let app = spawn_app(backend).await;

    let (again, total) = app
        .db
        .run(|conn| {
            Ok((
                migrations::run_pending(conn)?,
                migrations::applied_count(conn)?,
            ))
        })
        .await
        .expect("migrate");

    assert_eq!(again, 0, "a second run applies nothing");
    assert_eq!(total, crate::helpers::migration_count(backend));
}

async fn settings_round_trip_portable_types(backend: Backend) {
    let app = spawn_app(backend).await;
    let value = json!({"min_length": 8, "classes": 3, "名称": "等保"});

    let (first, stored, replaced) = app
        .db
        .run(move |conn| {
            let first = settings::get(conn, "password_policy")?;
            settings::put(conn, "password_policy", &value, Some(7), noon())?;
            let stored = settings::get(conn, "password_policy")?;
            settings::put(conn, "password_policy", &json!(1), None, noon())?;
            let replaced = app_settings::table
                .find("password_policy")
                .select((
                    app_settings::value,
                    app_settings::updated_at,
                    app_settings::updated_by,
                ))
                .first::<(String, NaiveDateTime, Option<i64>)>(conn)?;
            Ok((first, stored, replaced))
        })
        .await
        .expect("settings");

    assert_eq!(first, None);
    assert_eq!(
        stored,
        Some(json!({"min_length": 8, "classes": 3, "名称": "等保"}))
    );
    assert_eq!(
        replaced,
        ("1".to_owned(), noon(), None),
        "microseconds survive"
    );
}

/// Every value of a stored enum, bound as `TEXT` and read back as the enum; `true` when all
/// came back unchanged.
macro_rules! round_trips {
    ($conn:expr, $ty:ty, $values:expr) => {{
        let values: Vec<$ty> = $values.to_vec();
        let mut back = Vec::with_capacity(values.len());
        for value in values.iter().copied() {
            back.push(diesel::select(value.into_sql::<Text>()).get_result::<$ty>($conn)?);
        }
        (stringify!($ty), back == values)
    }};
}

/// The shared enums convert themselves (feature `db`, `db_text!`): every value survives a bind
/// and a read on both engines, a typed column stores the enum's text, and a text the enum does
/// not know is an error naming the type — not a panic, not a silently dropped row.
async fn stored_enums_round_trip_and_refuse_unknown_text(backend: Backend) {
    use shared::{
        application::{DeclarationType, Education, Gender, Level, Series},
        attachments::AttachmentSection,
        calendar::CalendarDayKind,
        committees::FilingStatus,
        org::AffiliationStatus,
        publicity::{PublicityKind, PublicityStatus, ReportOutcome, ReportStatus},
        AccountKind, Action, Module, Stage, UnitKind, UnitLevel,
    };

    let app = spawn_app(backend).await;
    // A day no seeded calendar reaches.
    let day = NaiveDate::from_ymd_opt(2099, 6, 15).expect("valid day");

    let (all, typed, raw, unknown) = app
        .db
        .run(move |conn| {
            let all = vec![
                round_trips!(conn, Stage, Stage::ALL),
                round_trips!(conn, Action, Action::ALL),
                round_trips!(conn, PublicityKind, PublicityKind::ALL),
                round_trips!(conn, PublicityStatus, PublicityStatus::ALL),
                round_trips!(conn, ReportStatus, ReportStatus::ALL),
                round_trips!(conn, ReportOutcome, ReportOutcome::ALL),
                round_trips!(conn, UnitKind, UnitKind::ALL),
                round_trips!(conn, UnitLevel, UnitLevel::ALL),
                round_trips!(conn, AccountKind, AccountKind::ALL),
                round_trips!(conn, Series, Series::ALL),
                round_trips!(conn, Level, Level::ALL),
                round_trips!(conn, DeclarationType, DeclarationType::ALL),
                round_trips!(conn, Gender, Gender::ALL),
                round_trips!(conn, Education, Education::ALL),
                round_trips!(conn, FilingStatus, FilingStatus::ALL),
                round_trips!(conn, AttachmentSection, AttachmentSection::ALL),
                round_trips!(conn, CalendarDayKind, CalendarDayKind::ALL),
                round_trips!(conn, Module, Module::ALL),
                round_trips!(
                    conn,
                    AffiliationStatus,
                    [
                        AffiliationStatus::Pending,
                        AffiliationStatus::Approved,
                        AffiliationStatus::Rejected
                    ]
                ),
            ];

            diesel::insert_into(calendar_days::table)
                .values((
                    calendar_days::day.eq(day),
                    calendar_days::kind.eq(CalendarDayKind::Holiday),
                    calendar_days::name.eq("测试假日"),
                    calendar_days::updated_at.eq(noon()),
                ))
                .execute(conn)?;
            let typed = calendar_days::table
                .filter(calendar_days::day.eq(day))
                .filter(calendar_days::kind.eq(CalendarDayKind::Holiday))
                .select((calendar_days::day, calendar_days::kind))
                .load::<(NaiveDate, CalendarDayKind)>(conn)?;
            let raw = calendar_days::table
                .find(day)
                .select(calendar_days::kind)
                .first::<String>(conn)?;

            let unknown = diesel::select(diesel::dsl::sql::<Text>("'nonsense'"))
                .get_result::<Stage>(conn)
                .map_err(|err| {
                    // diesel names the column; the cause below it names the type and text.
                    let mut chain = err.to_string();
                    let mut source = std::error::Error::source(&err);
                    while let Some(cause) = source {
                        chain.push_str(&format!(": {cause}"));
                        source = cause.source();
                    }
                    chain
                });
            Ok((all, typed, raw, unknown))
        })
        .await
        .expect("round trips");

    for (name, same) in &all {
        assert!(same, "{name} did not survive a round trip");
    }
    assert_eq!(all.len(), 19);
    assert_eq!(typed, vec![(day, CalendarDayKind::Holiday)]);
    assert_eq!(raw, "holiday", "the column holds the enum's text");
    let err = unknown.expect_err("an unknown text is refused");
    assert!(
        err.contains("unknown Stage value in the database") && err.contains("nonsense"),
        "{err}"
    );
}

async fn check_constraints_refuse_bad_rows(backend: Backend) {
    let app = spawn_app(backend).await;

    let results = app
        .db
        .run(|conn| {
            let mut insert = |key: &str, value: &str| {
                diesel::insert_into(app_settings::table)
                    .values((
                        app_settings::key.eq(key),
                        app_settings::value.eq(value),
                        app_settings::updated_at.eq(noon()),
                    ))
                    .execute(conn)
                    .is_ok()
            };
            Ok([
                insert("ok", "{}"),
                insert("bad_json", "{not json"),
                insert("", "{}"),
            ])
        })
        .await
        .expect("inserts");

    assert_eq!(results, [true, false, false]);
}

async fn a_failed_write_transaction_changes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;

    let outcome: Result<(), ApiError> = app
        .db
        .run(|conn| {
            conn.write_transaction(|conn| {
                settings::put(conn, "a", &json!(1), None, noon())?;
                Err(ApiError::validation("a", "测试回滚", "test rollback"))
            })
        })
        .await;
    let after = app
        .db
        .run(|conn| settings::get(conn, "a"))
        .await
        .expect("read");

    assert!(outcome.is_err());
    assert_eq!(after, None, "the insert was rolled back");
}

/// `BEGIN IMMEDIATE` makes SQLite writers queue instead of failing: 8 threads × 25
/// read-modify-write increments, no `database is locked`, no lost update.
#[tokio::test]
async fn sqlite_write_transactions_serialise_concurrent_writers() {
    let app = spawn_app(Backend::Sqlite).await;
    app.db
        .run(|conn| settings::put(conn, "counter", &json!(0), None, noon()))
        .await
        .expect("seed");

    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let db = app.db.clone();
            tokio::spawn(async move {
                for _ in 0..25 {
                    db.run(|conn| {
                        conn.write_transaction(|conn| {
                            let n = settings::get(conn, "counter")?
                                .and_then(|v| v.as_i64())
                                .unwrap_or_default();
                            settings::put(conn, "counter", &json!(n + 1), None, noon())
                        })
                    })
                    .await?;
                }
                Ok::<(), ApiError>(())
            })
        })
        .collect();
    for task in tasks {
        task.await
            .expect("join")
            .expect("every transaction commits");
    }
    let total = app
        .db
        .run(|conn| settings::get(conn, "counter"))
        .await
        .expect("read");

    assert_eq!(total, Some(json!(200)));
}

#[derive(QueryableByName, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct ColumnInfo {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Bool)]
    not_null: bool,
}

fn columns(conn: &mut DbConnection) -> BTreeSet<(String, String, bool)> {
    let rows: Vec<ColumnInfo> = match conn {
        DbConnection::Sqlite(c) => sql_query(
            "SELECT m.name AS table_name, p.name AS column_name, \
                    (p.\"notnull\" = 1 OR p.pk > 0) AS not_null \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        )
        .load(c),
        DbConnection::Pg(c) => sql_query(
            "SELECT table_name::text AS table_name, column_name::text AS column_name, \
                    (is_nullable = 'NO') AS not_null \
             FROM information_schema.columns WHERE table_schema = 'public'",
        )
        .load(c),
    }
    .expect("read the catalogue");
    rows.into_iter()
        .map(|r| (r.table_name, r.column_name, r.not_null))
        .collect()
}

/// Both migration sets must produce the same tables, columns and nullability.
/// (Named `postgres::…` so that it is skipped with the other PostgreSQL tests.)
mod postgres_parity {
    use super::*;

    #[tokio::test]
    async fn postgres_and_sqlite_migrations_produce_the_same_schema() {
        let sqlite = TestDatabase::new(Backend::Sqlite);
        let pg = TestDatabase::new(Backend::Postgres);
        let read = |url: String| {
            let config = backend::config::DatabaseUrl::parse(&url).expect("url");
            let pool = backend::db::build_pool(&config, 1, std::time::Duration::from_secs(10))
                .expect("pool");
            let mut conn = pool.get().expect("conn");
            migrations::run_pending(&mut conn).expect("migrate");
            columns(&mut conn)
        };

        let (lite, post) = (read(sqlite.url.clone()), read(pg.url.clone()));

        assert!(lite.iter().any(|(t, _, _)| t == "app_settings"));
        assert_eq!(
            lite, post,
            "sqlite (left) and postgres (right) schemas differ"
        );
    }
}

db_tests!(
    migrations_are_idempotent,
    settings_round_trip_portable_types,
    stored_enums_round_trip_and_refuse_unknown_text,
    check_constraints_refuse_bad_rows,
    a_failed_write_transaction_changes_nothing,
);

/// A database outage (PostgreSQL behind a TCP proxy that is cut and restored).
mod postgres_outage {
    use std::time::{Duration, Instant};

    use tokio::{net::TcpListener, task::JoinSet};

    use crate::helpers::{postgres_admin_url, spawn_app_reaching, Backend};

    /// Forwards connections from a local port to PostgreSQL until cut.
    struct Proxy {
        port: u16,
        tasks: JoinSet<()>,
    }

    impl Proxy {
        async fn start(port: u16, upstream: String) -> Proxy {
            let listener = TcpListener::bind(("127.0.0.1", port))
                .await
                .expect("proxy port");
            let port = listener.local_addr().expect("addr").port();
            let mut tasks = JoinSet::new();
            tasks.spawn(async move {
                let mut conns = JoinSet::new();
                while let Ok((mut inbound, _)) = listener.accept().await {
                    let upstream = upstream.clone();
                    conns.spawn(async move {
                        if let Ok(mut outbound) = tokio::net::TcpStream::connect(upstream).await {
                            let _ =
                                tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                        }
                    });
                }
            });
            Proxy { port, tasks }
        }

        /// Closes the port and every forwarded connection (dropping the tasks drops them).
        async fn cut(mut self) -> u16 {
            self.tasks.abort_all();
            while self.tasks.join_next().await.is_some() {}
            self.port
        }
    }

    fn upstream() -> String {
        let url = postgres_admin_url();
        let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
        let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
        host.split('/')
            .next()
            .unwrap_or("127.0.0.1:5432")
            .to_owned()
    }

    #[tokio::test]
    async fn postgres_outage_answers_503_quickly_and_service_resumes_by_itself() {
        let upstream = upstream();
        let proxy = Proxy::start(0, upstream.clone()).await;
        let port = proxy.port;
        let (from, to) = (upstream.clone(), format!("127.0.0.1:{port}"));
        let app = spawn_app_reaching(
            Backend::Postgres,
            None,
            &[("DB_ACQUIRE_TIMEOUT_MS", "1000")],
            &move |url| url.replacen(&from, &to, 1),
        )
        .await;
        let session = app.login_as("county_hrss_handler").await;
        assert_eq!(app.get("/api/health").await.status(), 200);

        let port = proxy.cut().await;
        for path in ["/api/v1/auth/me", "/api/v1/applications"] {
            let started = Instant::now();
            let res = app.get_as(&session.access_token, path).await;
            let took = started.elapsed();
            let status = res.status();
            let body: serde_json::Value = res.json().await.expect("envelope");
            assert_eq!(
                (status.as_u16(), body["code"].as_str()),
                (503, Some("database_unavailable")),
                "{path} during the outage"
            );
            assert!(took < Duration::from_secs(4), "{path} answered in {took:?}");
        }
        let res = app.get("/api/health").await;
        assert_eq!(res.status(), 503, "health says the database is away");

        // The database returns on the same address: no restart of the server.
        let _proxy = Proxy::start(port, upstream).await;
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let health = app.get("/api/health").await.status();
            let me = app
                .get_as(&session.access_token, "/api/v1/auth/me")
                .await
                .status();
            if health == 200 && me == 200 {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "still {health}/{me} 15 s after the database returned"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}
