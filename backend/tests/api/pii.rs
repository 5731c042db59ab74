//! ID numbers at rest (issue 13): every column that holds one is sealed (AES-256-GCM with the
//! data key file), searched through a keyed hash, sealed at start when an older version left it
//! plain, and moved to a new key version by `keys reencrypt`.

use diesel::{sql_types::Text, QueryableByName, RunQueryDsl};
use shared::{application::ApplicationSummary, pagination::Page};

use crate::helpers::{answer, spawn_app, Backend, TestApp};

crate::db_tests!(
    a_process_with_other_data_keys_refuses_the_database,
    id_numbers_are_sealed_at_rest_and_found_by_their_hash,
    values_an_older_version_stored_plain_are_sealed_at_start,
    a_new_key_version_reseals_every_id_number,
);

#[derive(QueryableByName)]
struct Raw {
    #[diesel(sql_type = Text)]
    value: String,
}

/// The stored text of every sealed column, as the database holds it: (`table.column`, values).
async fn stored(app: &TestApp) -> Vec<(String, Vec<String>)> {
    app.db
        .run(|conn| {
            let mut out = Vec::new();
            for name in backend::pii::sealed_columns() {
                let (table, column) = name.split_once('.').expect("table.column");
                let rows: Vec<Raw> = diesel::sql_query(format!(
                    "SELECT {column} AS value FROM {table} WHERE {column} IS NOT NULL"
                ))
                .load(conn)?;
                out.push((name, rows.into_iter().map(|r| r.value).collect()));
            }
            Ok(out)
        })
        .await
        .expect("read the sealed columns")
}

async fn search(app: &TestApp, token: &str, q: &str) -> Page<ApplicationSummary> {
    let (status, code, body) = answer(
        app.get_as(token, &format!("/api/v1/applications?q={q}&per_page=100"))
            .await,
    )
    .await;
    assert_eq!(status, 200, "{code}");
    serde_json::from_value(body).expect("a list")
}

async fn id_numbers_are_sealed_at_rest_and_found_by_their_hash(backend: Backend) {
    let app = spawn_app(backend).await;
    let demo: Vec<String> = (0..backend::demo_workflow::STAGES.len())
        .map(backend::demo_workflow::applicant_id_number)
        .collect();
    let columns = stored(&app).await;
    for (name, values) in &columns {
        for v in values {
            assert!(backend::pii::is_sealed(v), "{name} holds {v:?}");
            for id in &demo {
                assert!(!v.contains(id.as_str()), "{name} shows {id}");
            }
        }
    }
    // No login name is an ID number: the applicants' and the invited experts' are keys.
    let names: Vec<Raw> = app
        .db
        .run(|conn| Ok(diesel::sql_query("SELECT username AS value FROM accounts").load(conn)?))
        .await
        .expect("usernames");
    let keyed = names
        .iter()
        .filter(|n| backend::login_names::is_key(&n.value))
        .count();
    assert!(keyed >= demo.len(), "{keyed} keyed names");
    for n in &names {
        let digits = n.value.chars().filter(char::is_ascii_digit).count();
        assert!(
            backend::login_names::is_key(&n.value) || digits < 17,
            "a login name holds an ID number: {}",
            n.value
        );
    }
    // The demo province fills the columns a province fills first.
    for must in [
        "accounts.id_number",
        "applications.id_number",
        "experts.id_number",
        "certificates.id_number",
        "expert_conflicts.person_id_number",
    ] {
        let n = columns
            .iter()
            .find(|(name, _)| name == must)
            .map_or(0, |(_, v)| v.len());
        assert!(n > 0, "the demo has no {must}");
    }

    // Found by the whole number (any case of the check letter), shown masked.
    let token = app.token("county_hrss_handler").await;
    let id = &demo[3];
    let found = search(&app, &token, id).await;
    assert_eq!(found.total, 1, "{id}");
    let shown = &found.items[0].id_number;
    assert_eq!(shown.len(), 18);
    assert!(shown.contains('*') && shown != id, "{shown}");
    assert_eq!(&shown[..4], &id[..4]);
    assert_eq!(search(&app, &token, &id.to_lowercase()).await.total, 1);
    // A number nobody has finds nothing; a prefix of a number is not a search by number.
    let nobody = backend::applications::generate::id_number(999_999);
    assert_eq!(search(&app, &token, &nobody).await.total, 0);

    // Its account is found by the whole number in the account list of its unit's HRSS, the
    // login name masked there, whole to its own unit.
    let unit = app.token("county_hrss_unit").await;
    let (status, code, body) = answer(
        app.get_as(&unit, &format!("/api/v1/accounts?q={id}&per_page=100"))
            .await,
    )
    .await;
    assert_eq!(status, 200, "{code}");
    assert_eq!(body["total"], 1, "{body}");
    let listed = body["items"][0]["username"].as_str().unwrap_or_default();
    assert!(
        listed.contains('*') && listed.starts_with(&id[..4]),
        "{listed}"
    );

    // The applicant opens their own application whole.
    let mine = app.login_as(id).await.access_token;
    let list = search(&app, &mine, id).await;
    assert_eq!(list.total, 1);
    let (status, code, body) = answer(
        app.get_as(&mine, &format!("/api/v1/applications/{}", list.items[0].id))
            .await,
    )
    .await;
    assert_eq!(status, 200, "{code}");
    assert_eq!(body["id_number"].as_str(), Some(id.as_str()), "{body}");
}

async fn values_an_older_version_stored_plain_are_sealed_at_start(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = backend::demo_workflow::applicant_id_number(2);
    // What an older version left: the plain number and no hash.
    let written = app
        .db
        .run({
            let id = id.clone();
            move |conn| {
                let key = backend::login_names::key(&id);
                let m = diesel::sql_query(format!(
                    "UPDATE applications SET id_number = '{id}' WHERE applicant_id = (SELECT id FROM accounts WHERE username = '{key}')"
                ))
                .execute(conn)?;
                let n = diesel::sql_query(format!(
                    "UPDATE accounts SET id_number = '{id}', id_number_hash = NULL, username = '{id}' WHERE username = '{key}'"
                ))
                .execute(conn)?;
                Ok(n + m)
            }
        })
        .await
        .expect("write plain values");
    assert!(written >= 2, "{written}");
    // A sealed value without its hash is refused by the database itself.
    let refused = app
        .db
        .run(|conn| {
            Ok(diesel::sql_query(
                "UPDATE accounts SET id_number_hash = NULL WHERE id_number LIKE 'k%'",
            )
            .execute(conn))
        })
        .await
        .expect("run");
    assert!(refused.is_err(), "{refused:?}");

    let sealed = app
        .db
        .run(|conn| backend::pii::seal_plain_rows(conn).map_err(backend::error::ApiError::internal))
        .await
        .expect("seal");
    assert_eq!(sealed.written, written);
    let keyed = app
        .db
        .run(|conn| {
            backend::login_names::key_plain_names(conn).map_err(backend::error::ApiError::internal)
        })
        .await
        .expect("key the login names");
    assert_eq!(keyed, 1);
    for (name, values) in stored(&app).await {
        assert!(values.iter().all(|v| backend::pii::is_sealed(v)), "{name}");
    }
    // Found again by its hash, and the applicant still signs in and sees it.
    let token = app.token("county_hrss_handler").await;
    assert_eq!(search(&app, &token, &id).await.total, 1);
    assert_eq!(
        app.login(&id, backend::demo::DEMO_PASSWORD).await.status(),
        200
    );
    // A second start finds nothing left to seal.
    let again = app
        .db
        .run(|conn| backend::pii::seal_plain_rows(conn).map_err(backend::error::ApiError::internal))
        .await
        .expect("seal");
    assert_eq!((again.read, again.written), (0, 0));
    let keyed_again = app
        .db
        .run(|conn| {
            backend::login_names::key_plain_names(conn).map_err(backend::error::ApiError::internal)
        })
        .await
        .expect("key the login names");
    assert_eq!(keyed_again, 0);
}

async fn a_new_key_version_reseals_every_id_number(backend: Backend) {
    let app = spawn_app(backend).await;
    let one = std::fs::read_to_string(crate::helpers::data_key_file()).expect("key file");
    let two = format!("{one}2:{}\n", "cd".repeat(32));
    let old = backend::crypto::DataKeys::parse(&one, "test").expect("keys");
    let new = backend::crypto::DataKeys::parse(&two, "test").expect("keys");
    let before = stored(&app).await;
    let total: usize = before.iter().map(|(_, v)| v.len()).sum();
    let done = app
        .db
        .run({
            let new = new.clone();
            move |conn| backend::pii::reseal(conn, &new).map_err(backend::error::ApiError::internal)
        })
        .await
        .expect("reseal");
    assert_eq!((done.read, done.written), (total, total));
    let after = stored(&app).await;
    for ((name, was), (_, now)) in before.iter().zip(&after) {
        // The same plain values, each now under version 2 only (rows compared as sorted sets:
        // the reads have no order).
        let mut was_plain: Vec<Vec<u8>> = was
            .iter()
            .map(|w| {
                old.open(w, backend::pii::CONTEXT)
                    .expect("opened with version 1")
            })
            .collect();
        let mut now_plain: Vec<Vec<u8>> = now
            .iter()
            .map(|n| {
                assert!(n.starts_with("k2."), "{name}: {n}");
                assert!(old.open(n, backend::pii::CONTEXT).is_err());
                new.open(n, backend::pii::CONTEXT)
                    .expect("opens with version 2")
            })
            .collect();
        was_plain.sort();
        now_plain.sort();
        assert_eq!(was_plain, now_plain, "{name}");
    }
    // The hashes do not move: the index key is not a version.
    let id = backend::demo_workflow::applicant_id_number(1);
    let hashed: Vec<Raw> = app
        .db
        .run(|conn| {
            Ok(diesel::sql_query(
                "SELECT id_number_hash AS value FROM accounts WHERE id_number_hash IS NOT NULL",
            )
            .load(conn)?)
        })
        .await
        .expect("hashes");
    assert!(hashed.iter().any(|h| h.value == backend::pii::hash(&id)));
    let again = app
        .db
        .run(move |conn| {
            backend::pii::reseal(conn, &new).map_err(backend::error::ApiError::internal)
        })
        .await
        .expect("reseal");
    assert_eq!((again.read, again.written), (0, 0));
}

/// A CLI command (or a second server) given another key file, or none so that it would
/// generate one, stops before it writes anything: its values would not open for the others.
async fn a_process_with_other_data_keys_refuses_the_database(backend: Backend) {
    let app = spawn_app(backend).await;
    let other = app.data_dir.join("other.keys");
    std::fs::write(&other, backend::crypto::DataKeys::new_file_text())
        .expect("write another key file");
    let run = |keys: Option<&std::path::Path>, data_dir: &std::path::Path| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_backend"));
        cmd.args(["migrate"])
            .env("DATABASE_URL", app.database_url())
            .env("DATA_DIR", data_dir)
            .env("RUST_LOG", "warn");
        match keys {
            Some(path) => cmd.env("DATA_ENCRYPTION_KEY_FILE", path),
            None => cmd.env_remove("DATA_ENCRYPTION_KEY_FILE"),
        };
        cmd.output().expect("run the CLI")
    };
    let fits = run(Some(crate::helpers::data_key_file()), &app.data_dir);
    assert!(fits.status.success(), "{fits:?}");
    let empty = tempfile::tempdir().expect("temp dir");
    for refused in [run(Some(&other), &app.data_dir), run(None, empty.path())] {
        assert!(!refused.status.success(), "{refused:?}");
        let err = String::from_utf8_lossy(&refused.stderr);
        assert!(
            err.contains("is not the one this database was written with"),
            "{err}"
        );
    }
}
