//! The authorization matrix generated from the OpenAPI document (issue 13): every operation of
//! `backend::openapi::document()` — not a hand list — × every caller below × the target objects
//! of its path id, each answer's status compared against the committed golden file
//! `tests/api/matrix/expected.txt` (`UPDATE_MATRIX=1` rewrites it). Both engines compare against
//! the same file. Beside the golden file, invariants are checked by code: anonymous callers get
//! 401 `unauthenticated` on every secured operation and never on a public one, every refusal
//! is the bare error envelope, no answer is a 5xx, a signed-in caller's session is never ended
//! by the run, and no 2xx body carries data of a branch of the tree the caller has no
//! jurisdiction over (see [`forbidden_markers`]).
//!
//! # Targets (the relations)
//!
//! Relations are taken from the city HRSS (示范市人力资源和社会保障局), the caller most of the
//! hand matrix (`matrix.rs`) is about. An operation without an id in its path has one status
//! per caller. An operation with one has one status per target, in the order
//! `own below sibling parent`, where the target is, per resource kind (the path's first
//! segment):
//!
//! - `units/{id}`: the unit 示范市人社局 itself (own), 示范市卫生健康局 (below), 示范省工业和
//!   信息化厅 (sibling), 示范省人社厅 (parent).
//! - `accounts/{id}`, `business-roles/{id}`: an account (a handler `matrix_own` …) / a business
//!   role made for the test in each of those four units, so that resets and edits never hit a
//!   caller's own account or the demo's handler roles.
//! - `policy-reviewers/{account_id}`: a policy-review account of a unit in that relation:
//!   below = `pr_county_2026_002` (示范县人社局; not a caller); the demo has none elsewhere.
//! - Workflow objects (applications, certificates, committees' filings, review sessions, their
//!   groups, draws and session experts, experts and pool members, notices, …): the object
//!   "belongs" to the unit that owns it in the access model (an application: its employer; a
//!   certificate: the holder's employer; an authority filing, a session and everything in it,
//!   an expert of a pool and its pool membership: the committee's organising unit; a notice:
//!   the unit it is addressed to). The demo keeps all of them in the county branch below the
//!   city HRSS, so `below` is a demo object (named in [`Fixture::build`]) and own, sibling and
//!   parent are the missing id 999999. Kinds the demo has no object of at all are 999999 in
//!   every column.
//! - Global objects (no unit): `unit-roles/{id}` (a unit role made for the test),
//!   `attachment-categories/{id}` (a category made for the test), `calendar/{day}` (a Sunday of
//!   next year, so that marking it changes no working day), and the public
//!   `public/certificates/by-token/{token}` (the demo certificate's token) and
//!   `public/publicity/{id}` (999999: the demo publishes nothing): one status per caller.
//! - A second id in a path (`{file_id}`, `{opinion_id}`) is 999999; `{application_id}` is the
//!   below application.
//!
//! # Requests
//!
//! Required query parameters and JSON bodies are generated from the schemas (required fields
//! only; `$ref`/`allOf`/`oneOf` resolved): enum → first value, integer → its minimum or 1,
//! boolean → false, array → `minItems` copies, string → "矩阵" unless its description asks for
//! `YYYY-MM-DD` (the server's today) or it has a pattern; a field or query parameter named
//! `version` → the current version of the path's object (1 when it has none). Other bodies
//! (uploads, CSV/XLSX) are sent empty with their content type.
//!
//! # Order
//!
//! Deterministic: reads (GET, HEAD) first, on the pristine demo; then writes (POST, PUT,
//! PATCH), then deletes, each phase by path then method; last the operations in [`LATE`],
//! which change platform-wide settings or the caller's own session. Callers in [`CALLERS`]
//! order, then anonymous; targets in column order. Each caller signs in once. The server's
//! clock stands still, so answers that count attempts are deterministic too: the generated
//! username is locked (423) after its fifth failed sign-in, and the per-address limits of the
//! public report and verification operations answer 429 to the last callers.

use std::{
    collections::{BTreeMap, BTreeSet},
    io::Cursor,
    time::Instant,
};

use backend::{clock::Clock, db::DbConnection, error::ApiError};
use diesel::prelude::*;
use serde_json::{json, Map, Value};

use crate::{
    db_tests,
    helpers::{lift_login_limit, spawn_app, Backend, TestApp},
};

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/api/matrix/expected.txt");

/// The id of an object that does not exist.
const MISSING: &str = "999999";

/// The methods of a path item the document can hold.
const METHODS: [&str; 8] = [
    "get", "head", "post", "put", "patch", "delete", "options", "trace",
];

/// Operations the test cannot build a request for: (method, path, why). The test fails when
/// one of them is no longer in the document. Empty today: every operation of the document
/// (HEAD included) can be sent — uploads, CSV and XLSX bodies go empty.
const EXCLUDED: &[(&str, &str, &str)] = &[];

/// Run after everything else, in this order: they change platform-wide settings that the
/// other answers depend on, or act on the caller's own session (with generated bodies they
/// end none: the refresh token and current password are wrong, the MFA code is invalid).
/// The security policy is last: its generated body restores the defaults (MFA required of the
/// three administrators, the default sign-in limit).
const LATE: &[(&str, &str)] = &[
    ("PUT", "/api/v1/calendar/{day}"),
    ("DELETE", "/api/v1/calendar/{day}"),
    ("PUT", "/api/v1/certificate-numbering"),
    ("PUT", "/api/v1/session-rules"),
    ("PUT", "/api/v1/vote-rules"),
    ("PUT", "/api/v1/workflow-policy"),
    ("POST", "/api/v1/auth/mfa/enroll"),
    ("POST", "/api/v1/auth/mfa/confirm"),
    ("POST", "/api/v1/auth/password"),
    ("POST", "/api/v1/auth/logout"),
    ("PUT", "/api/v1/security-policy"),
];

/// Whose data a caller may see, for the marker check.
#[derive(Debug, Clone, Copy)]
enum Scope {
    /// System, security administrator, auditor: province-wide by design; not checked.
    ProvinceWide,
    /// A unit's account, administrator or handler: its unit and the units below it (the
    /// demo unit key).
    Unit(&'static str),
    /// An applicant: nobody else's person data (the demo unit key of its employer).
    Applicant(&'static str),
    /// An expert with no distributed work (`expert_demo`, employed at 示范省电力设计研究院).
    Expert(&'static str),
    /// The demo policy-review account: its committee's applications (示范县人社局).
    PolicyReviewer(&'static str),
}

/// The signed-in callers, in run order (anonymous runs after them): every account kind at the
/// levels of the hand matrix.
const CALLERS: &[(&str, Scope)] = &[
    ("city_hrss_unit", Scope::Unit("city_hrss")),
    ("city_hrss_admin", Scope::Unit("city_hrss")),
    ("city_hrss_handler", Scope::Unit("city_hrss")),
    ("county_hrss_unit", Scope::Unit("county_hrss")),
    ("county_hrss_handler", Scope::Unit("county_hrss")),
    ("county_dept_unit", Scope::Unit("county_dept")),
    ("county_dept_handler", Scope::Unit("county_dept")),
    ("county_emp_unit", Scope::Unit("county_emp")),
    ("county_emp_handler", Scope::Unit("county_emp")),
    // 张晓明, applicant of 示范县第一中学 (holder of the demo certificate).
    ("520121199001011239", Scope::Applicant("county_emp")),
    // 李文静, applicant of 示范市第一人民医院.
    ("520101198506152344", Scope::Applicant("city_emp")),
    ("expert_demo", Scope::Expert("prov_emp")),
    ("pr_county_2026_001", Scope::PolicyReviewer("county_hrss")),
    ("sysadmin", Scope::ProvinceWide),
    ("secadmin", Scope::ProvinceWide),
    ("auditor", Scope::ProvinceWide),
];

const ANONYMOUS: &str = "anonymous";

/// The demo tree: unit key, name, parent key.
const TREE: &[(&str, &str, Option<&str>)] = &[
    ("prov_hrss", "示范省人力资源和社会保障厅", None),
    ("prov_dept", "示范省工业和信息化厅", Some("prov_hrss")),
    ("prov_emp", "示范省电力设计研究院", Some("prov_dept")),
    ("city_hrss", "示范市人力资源和社会保障局", Some("prov_hrss")),
    ("city_dept", "示范市卫生健康局", Some("city_hrss")),
    ("city_emp", "示范市第一人民医院", Some("city_dept")),
    (
        "county_hrss",
        "示范县人力资源和社会保障局",
        Some("city_hrss"),
    ),
    ("county_dept", "示范县教育局", Some("county_hrss")),
    ("county_emp", "示范县第一中学", Some("county_dept")),
];

/// The four relations to the city HRSS: column label and demo unit key.
const RELATIONS: [(&str, &str); 4] = [
    ("own", "city_hrss"),
    ("below", "city_dept"),
    ("sibling", "prov_dept"),
    ("parent", "prov_hrss"),
];

/// The resource a path id names (the path's segments before its first `{`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Unit,
    Account,
    PolicyReviewer,
    BusinessRole,
    UnitRole,
    CalendarDay,
    Category,
    PublicToken,
    PublicPublicity,
    AffiliationRequest,
    Application,
    Attachment,
    Certificate,
    Draw,
    ExpertRecommendation,
    ExpertReview,
    Expert,
    Notice,
    PoolMember,
    PoolUpdate,
    PublicityBatch,
    PublicityReport,
    AuthorityFiling,
    ReviewFiling,
    ReviewGroup,
    ReviewSession,
    SessionExpert,
}

fn kind_of(path: &str) -> Option<Kind> {
    let (head, _) = path.split_once('{')?;
    let key = head.trim_start_matches("/api/v1/").trim_end_matches('/');
    Some(match key {
        "units" => Kind::Unit,
        "accounts" => Kind::Account,
        "policy-reviewers" => Kind::PolicyReviewer,
        "business-roles" => Kind::BusinessRole,
        "unit-roles" => Kind::UnitRole,
        "calendar" => Kind::CalendarDay,
        "attachment-categories" => Kind::Category,
        "public/certificates/by-token" => Kind::PublicToken,
        "public/publicity" => Kind::PublicPublicity,
        "affiliation-requests" => Kind::AffiliationRequest,
        "applications" => Kind::Application,
        "attachments" => Kind::Attachment,
        "certificates" => Kind::Certificate,
        "draws" => Kind::Draw,
        "expert-recommendations" => Kind::ExpertRecommendation,
        "expert-reviews" => Kind::ExpertReview,
        "experts" => Kind::Expert,
        "notices" => Kind::Notice,
        "pool-members" => Kind::PoolMember,
        "pool-updates" => Kind::PoolUpdate,
        "publicity-batches" => Kind::PublicityBatch,
        "publicity-reports" => Kind::PublicityReport,
        "review-authority-filings" => Kind::AuthorityFiling,
        "review-filings" => Kind::ReviewFiling,
        "review-groups" => Kind::ReviewGroup,
        "review-sessions" => Kind::ReviewSession,
        "session-experts" => Kind::SessionExpert,
        other => panic!("{path}: a new resource kind `{other}`: give it targets in the matrix"),
    })
}

/// One operation of the document.
struct Operation {
    method: String,
    path: String,
    secured: bool,
    spec: Value,
}

impl Operation {
    fn label(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// Every operation of the document, minus the exclusions, in run order.
fn operations(doc: &Value) -> Vec<Operation> {
    let mut all = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in METHODS {
            let Some(spec) = item.get(method) else {
                continue;
            };
            let secured = spec["security"].as_array().is_some_and(|reqs| {
                reqs.iter()
                    .any(|r| r.as_object().is_some_and(|o| !o.is_empty()))
            });
            all.push(Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                secured,
                spec: spec.clone(),
            });
        }
    }
    for (method, path, why) in EXCLUDED {
        assert!(
            all.iter().any(|o| o.method == *method && o.path == *path),
            "the exclusion {method} {path} ({why}) names no operation of the document"
        );
    }
    for (method, path) in LATE {
        assert!(
            all.iter().any(|o| o.method == *method && o.path == *path),
            "LATE names {method} {path}, no operation of the document"
        );
    }
    all.retain(|o| {
        !EXCLUDED
            .iter()
            .any(|(m, p, _)| o.method == *m && o.path == *p)
    });
    all.sort_by_key(|o| (phase(&o.method, &o.path), o.path.clone(), o.method.clone()));
    all
}

fn phase(method: &str, path: &str) -> (u8, usize) {
    if let Some(i) = LATE.iter().position(|(m, p)| *m == method && *p == path) {
        return (3, i);
    }
    match method {
        "GET" | "HEAD" => (0, 0),
        "DELETE" => (2, 0),
        _ => (1, 0),
    }
}

/// The objects the path ids are filled with.
struct Fixture {
    targets: BTreeMap<Kind, Vec<String>>,
    /// The application for a second `{application_id}`.
    application: String,
    /// Today in China on the server's clock, for `YYYY-MM-DD` values.
    today: String,
}

async fn db<T, F>(app: &TestApp, f: F) -> T
where
    F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    app.db.run(f).await.expect("database")
}

async fn account_of(app: &TestApp, username: &str) -> i64 {
    use backend::db::schema::accounts;
    let name = backend::login_names::name(username);
    db(app, move |conn| {
        Ok(accounts::table
            .filter(accounts::username.eq(name))
            .select(accounts::id)
            .first::<i64>(conn)?)
    })
    .await
}

impl Fixture {
    async fn build(app: &TestApp) -> Fixture {
        use backend::db::schema::{
            applications, attachment_categories, business_roles, certificates, draws, experts,
            notices, pool_members, review_authority_filings, review_groups, review_sessions,
            session_experts, unit_roles, units,
        };
        let now = app.clock.now();
        let mut units_of = Vec::new();
        for (_, key) in RELATIONS {
            let name = unit_name(key).to_owned();
            units_of.push(
                db(app, move |conn| {
                    Ok(units::table
                        .filter(units::name.eq(name))
                        .select(units::id)
                        .first::<i64>(conn)?)
                })
                .await,
            );
        }
        // A handler and a business role per relation, made for the test.
        let sys = app.token("sysadmin").await;
        let mut accounts = Vec::new();
        let mut roles = Vec::new();
        for ((label, _), unit) in RELATIONS.iter().zip(&units_of) {
            let username = format!("matrix_{label}");
            let res = app
                .post_as(
                    &sys,
                    "/api/v1/accounts",
                    &json!({"username": username, "display_name": format!("矩阵目标{label}"),
                            "kind": "handler", "unit_id": unit}),
                )
                .await;
            assert_eq!(res.status(), 201, "create {username}");
            accounts.push(account_of(app, &username).await.to_string());
            let unit = *unit;
            roles.push(
                db(app, move |conn| {
                    Ok(diesel::insert_into(business_roles::table)
                        .values((
                            business_roles::unit_id.eq(unit),
                            business_roles::name.eq("矩阵角色"),
                            business_roles::description.eq("matrix"),
                            business_roles::created_at.eq(now),
                            business_roles::updated_at.eq(now),
                        ))
                        .returning(business_roles::id)
                        .get_result::<i64>(conn)?)
                })
                .await
                .to_string(),
            );
        }
        let unit_role = db(app, move |conn| {
            Ok(diesel::insert_into(unit_roles::table)
                .values((
                    unit_roles::name.eq("矩阵单位角色"),
                    unit_roles::description.eq("matrix"),
                    unit_roles::created_at.eq(now),
                    unit_roles::updated_at.eq(now),
                ))
                .returning(unit_roles::id)
                .get_result::<i64>(conn)?)
        })
        .await;
        let category = db(app, move |conn| {
            Ok(diesel::insert_into(attachment_categories::table)
                .values((
                    attachment_categories::code.eq("matrix"),
                    attachment_categories::name_zh.eq("矩阵"),
                    attachment_categories::name_en.eq("Matrix"),
                    attachment_categories::sort.eq(99),
                    attachment_categories::enabled.eq(true),
                    attachment_categories::required_series.eq(""),
                    attachment_categories::updated_at.eq(now),
                ))
                .returning(attachment_categories::id)
                .get_result::<i64>(conn)?)
        })
        .await;
        let reviewer = account_of(app, backend::demo_workflow::RECHECKER).await;
        let county_hrss = unit_name("county_hrss").to_owned();
        // The demo's objects in the county branch (below the city HRSS).
        let below: Vec<(Kind, Option<i64>)> = db(app, move |conn| {
            let county: i64 = units::table
                .filter(units::name.eq(county_hrss))
                .select(units::id)
                .first(conn)?;
            // 钱立新 (expert_01): in the pool, not in the demo session, not a caller.
            let expert: Option<i64> = experts::table
                .filter(experts::name.eq("钱立新"))
                .select(experts::id)
                .first(conn)
                .optional()?;
            let pool_member = match expert {
                Some(e) => pool_members::table
                    .filter(pool_members::expert_id.eq(e))
                    .select(pool_members::id)
                    .first(conn)
                    .optional()?,
                None => None,
            };
            Ok(vec![
                // The application in superior review at the county HRSS (冯流转).
                (
                    Kind::Application,
                    applications::table
                        .filter(applications::name.eq("冯流转"))
                        .select(applications::id)
                        .first(conn)
                        .optional()?,
                ),
                // 张晓明's valid certificate.
                (
                    Kind::Certificate,
                    certificates::table
                        .filter(certificates::number.eq("DEMO-2019-0001"))
                        .select(certificates::id)
                        .first(conn)
                        .optional()?,
                ),
                (Kind::Expert, expert),
                (Kind::PoolMember, pool_member),
                (
                    Kind::Notice,
                    notices::table
                        .filter(notices::unit_id.eq(county))
                        .select(notices::id)
                        .order(notices::id)
                        .first(conn)
                        .optional()?,
                ),
                // The demo committee's filing, its session, first group, draw and expert.
                (
                    Kind::AuthorityFiling,
                    review_authority_filings::table
                        .select(review_authority_filings::id)
                        .order(review_authority_filings::id)
                        .first(conn)
                        .optional()?,
                ),
                (
                    Kind::ReviewSession,
                    review_sessions::table
                        .select(review_sessions::id)
                        .order(review_sessions::id)
                        .first(conn)
                        .optional()?,
                ),
                (
                    Kind::ReviewGroup,
                    review_groups::table
                        .select(review_groups::id)
                        .order(review_groups::id)
                        .first(conn)
                        .optional()?,
                ),
                (
                    Kind::Draw,
                    draws::table
                        .select(draws::id)
                        .order(draws::id)
                        .first(conn)
                        .optional()?,
                ),
                (
                    Kind::SessionExpert,
                    session_experts::table
                        .select(session_experts::id)
                        .order(session_experts::id)
                        .first(conn)
                        .optional()?,
                ),
                (Kind::PolicyReviewer, Some(reviewer)),
            ])
        })
        .await;
        let token: String = db(app, |conn| {
            Ok(certificates::table
                .filter(certificates::number.eq("DEMO-2019-0001"))
                .select(certificates::token)
                .first(conn)?)
        })
        .await;
        let only_below = |id: Option<i64>| {
            let below = id.map_or_else(|| MISSING.to_owned(), |i| i.to_string());
            vec![
                MISSING.to_owned(),
                below,
                MISSING.to_owned(),
                MISSING.to_owned(),
            ]
        };
        let missing = || vec![MISSING.to_owned(); 4];
        let today = backend::calendar::today(now);
        let sunday = chrono::NaiveDate::from_isoywd_opt(
            chrono::Datelike::year(&today) + 1,
            2,
            chrono::Weekday::Sun,
        )
        .expect("a Sunday");
        let mut targets = BTreeMap::from([
            (Kind::Unit, units_of.iter().map(i64::to_string).collect()),
            (Kind::Account, accounts),
            (Kind::BusinessRole, roles),
            (Kind::UnitRole, vec![unit_role.to_string()]),
            (Kind::CalendarDay, vec![sunday.to_string()]),
            (Kind::Category, vec![category.to_string()]),
            (Kind::PublicToken, vec![token]),
            (Kind::PublicPublicity, vec![MISSING.to_owned()]),
            // The demo has none of these anywhere.
            (Kind::AffiliationRequest, missing()),
            (Kind::Attachment, missing()),
            (Kind::ExpertRecommendation, missing()),
            (Kind::ExpertReview, missing()),
            (Kind::PoolUpdate, missing()),
            (Kind::PublicityBatch, missing()),
            (Kind::PublicityReport, missing()),
            (Kind::ReviewFiling, missing()),
        ]);
        let application = below
            .iter()
            .find(|(k, _)| *k == Kind::Application)
            .and_then(|(_, id)| *id)
            .map_or_else(|| MISSING.to_owned(), |i| i.to_string());
        for (kind, id) in below {
            targets.insert(kind, only_below(id));
        }
        Fixture {
            targets,
            application,
            today: today.to_string(),
        }
    }

    fn targets(&self, kind: Option<Kind>) -> Vec<Option<String>> {
        match kind {
            None => vec![None],
            Some(k) => self
                .targets
                .get(&k)
                .expect("targets of every kind")
                .iter()
                .cloned()
                .map(Some)
                .collect(),
        }
    }
}

fn unit_name(key: &str) -> &'static str {
    TREE.iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, name, _)| *name)
        .expect("a demo unit")
}

/// The current version of the object `id` of `kind`, if it has one.
async fn version_of(app: &TestApp, kind: Option<Kind>, id: Option<&str>) -> i64 {
    let (Some(kind), Some(id)) = (kind, id.and_then(|i| i.parse::<i64>().ok())) else {
        return 1;
    };
    macro_rules! version {
        ($table:ident) => {
            db(app, move |conn| {
                use backend::db::schema::$table;
                Ok($table::table
                    .find(id)
                    .select($table::version)
                    .first::<i64>(conn)
                    .optional()?)
            })
            .await
        };
    }
    let found = match kind {
        Kind::Unit => version!(units),
        Kind::Account | Kind::PolicyReviewer => version!(accounts),
        Kind::Application => version!(applications),
        Kind::Certificate => version!(certificates),
        Kind::Expert => version!(experts),
        Kind::PoolMember => version!(pool_members),
        Kind::PoolUpdate => version!(pool_updates),
        Kind::ExpertRecommendation => version!(expert_recommendations),
        Kind::ExpertReview => version!(expert_reviews),
        Kind::PublicityBatch => version!(publicity_batches),
        Kind::AuthorityFiling => version!(review_authority_filings),
        Kind::ReviewFiling => version!(review_filings),
        Kind::ReviewGroup => version!(review_groups),
        Kind::ReviewSession => version!(review_sessions),
        Kind::SessionExpert => version!(session_experts),
        _ => None,
    };
    found.unwrap_or(1)
}

// ---- Values from the schemas ----

struct Values<'a> {
    schemas: &'a Map<String, Value>,
    version: i64,
    today: &'a str,
}

impl Values<'_> {
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        let mut s = schema;
        while let Some(r) = s["$ref"].as_str() {
            let name = r.rsplit('/').next().unwrap_or_default();
            s = self
                .schemas
                .get(name)
                .expect("a $ref into components.schemas");
        }
        s
    }

    /// An example of `schema`; `name` is the field or parameter it is for.
    fn example(&self, name: &str, schema: &Value, depth: usize) -> Value {
        assert!(depth < 16, "{name}: a schema too deep");
        if name == "version" {
            return json!(self.version);
        }
        // The description of a `$ref`'d field sits beside the `$ref`.
        let described = schema["description"].as_str();
        let s = self.resolve(schema);
        if let Some(parts) = s["allOf"].as_array() {
            let mut object = Map::new();
            for part in parts {
                if let Value::Object(o) = self.example(name, part, depth + 1) {
                    object.extend(o);
                }
            }
            return Value::Object(object);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(variants) = s[key].as_array() {
                let variant = variants
                    .iter()
                    .find(|v| v["type"] != "null")
                    .unwrap_or(&Value::Null);
                return self.example(name, variant, depth + 1);
            }
        }
        if let Some(values) = s["enum"].as_array() {
            return values
                .iter()
                .find(|v| !v.is_null())
                .cloned()
                .unwrap_or(Value::Null);
        }
        if let Some(c) = s.get("const") {
            return c.clone();
        }
        let ty = match &s["type"] {
            Value::String(t) => t.as_str(),
            Value::Array(types) => types
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null")
                .unwrap_or("null"),
            _ if s["properties"].is_object() => "object",
            _ => "null",
        };
        match ty {
            "object" => {
                let mut object = Map::new();
                for field in s["required"].as_array().into_iter().flatten() {
                    let field = field.as_str().expect("a field name");
                    let value = self.example(field, &s["properties"][field], depth + 1);
                    object.insert(field.to_owned(), value);
                }
                Value::Object(object)
            }
            "array" => {
                let n = s["minItems"].as_u64().unwrap_or(0);
                let item = self.example(name, &s["items"], depth + 1);
                Value::Array((0..n).map(|_| item.clone()).collect())
            }
            "integer" | "number" => json!(s["minimum"].as_i64().unwrap_or(1)),
            "boolean" => json!(false),
            "string" => json!(self.string(name, s, described)),
            _ => Value::Null,
        }
    }

    fn string(&self, name: &str, s: &Value, described: Option<&str>) -> String {
        let description = described.or(s["description"].as_str()).unwrap_or_default();
        if s["pattern"] == "^[A-Za-z0-9_-]{22}$" {
            return "A".repeat(22);
        }
        if description.contains("YYYY-MM-DD") {
            return self.today.to_owned();
        }
        if name == "ids" || name.ends_with("_ids") {
            return "1".to_owned();
        }
        let min = s["minLength"].as_u64().unwrap_or(0) as usize;
        let mut value = "矩阵".to_owned();
        while value.chars().count() < min {
            value.push('阵');
        }
        value
    }

    fn text(&self, name: &str, schema: &Value) -> String {
        match self.example(name, schema, 0) {
            Value::String(s) => s,
            other => other.to_string(),
        }
    }
}

// ---- The jurisdiction markers ----

/// Marker strings of one place of the tree.
struct Markers {
    /// Per demo unit key: the person and account data of the unit (the usernames of its unit,
    /// administrator and handler accounts and of the test's target account; its applicants'
    /// names and ID numbers). Expert accounts are left out: a committee's pool gathers experts
    /// from anywhere in the province, so their names are no branch's own.
    people: BTreeMap<&'static str, Vec<String>>,
    /// 陈草稿's draft, never submitted: its applicant's only (none of the callers).
    draft: Vec<String>,
    /// The applications that reached the demo committee (the policy reviewer's scope).
    committee: BTreeSet<String>,
}

fn markers() -> Markers {
    use backend::demo_workflow::{applicants, STAGES};
    use shared::{workflow::Stage, AccountKind};
    let listing = backend::demo::listing();
    let key_of = |unit: &str| {
        TREE.iter()
            .find(|(_, name, _)| *name == unit)
            .map(|(k, _, _)| *k)
            .expect("a demo unit")
    };
    let mut people: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for a in &listing.accounts {
        if matches!(
            a.kind,
            AccountKind::Unit
                | AccountKind::UnitAdmin
                | AccountKind::Handler
                | AccountKind::Applicant
        ) {
            people
                .entry(key_of(&a.unit))
                .or_default()
                .push(a.username.clone());
        }
    }
    for (key, name) in [
        ("county_emp", "张晓明"),
        ("city_emp", "李文静"),
        ("prov_emp", "王建国"),
    ] {
        people.entry(key).or_default().push(name.to_owned());
    }
    for (label, key) in RELATIONS {
        people
            .entry(key)
            .or_default()
            .push(format!("matrix_{label}"));
    }
    let mut draft = Vec::new();
    let mut committee = BTreeSet::new();
    for ((_, name, id), (stage, _)) in applicants().into_iter().zip(STAGES) {
        if *stage == Stage::Draft {
            draft.extend([name.clone(), id.clone()]);
        }
        // Stages an application reaches only after the county HRSS assigned the committee.
        let assigned = !matches!(
            stage,
            Stage::Draft
                | Stage::Returned
                | Stage::UnitVerification
                | Stage::ApplicationPublicity
                | Stage::UnitRecommendation
                | Stage::SuperiorReview
                | Stage::Terminated
                | Stage::Voided
        );
        if assigned {
            committee.extend([name.clone(), id.clone()]);
        }
        people.entry("county_emp").or_default().extend([name, id]);
    }
    Markers {
        people,
        draft,
        committee,
    }
}

/// The unit and every unit above it.
fn line_of(key: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut at = Some(key);
    while let Some(k) = at {
        let (own, _, parent) = TREE.iter().find(|(u, _, _)| *u == k).expect("a demo unit");
        out.push(*own);
        at = *parent;
    }
    out
}

/// The units of another branch than `key`'s: neither below it nor above it.
fn other_branches(key: &str) -> Vec<&'static str> {
    let above = line_of(key);
    TREE.iter()
        .map(|(k, _, _)| *k)
        .filter(|k| !above.contains(k) && !line_of(k).contains(&key))
        .collect()
}

/// Paths whose answers name experts' employers: a pool gathers experts from the whole
/// province, so a unit's name is no branch marker there.
fn names_experts(path: &str) -> bool {
    [
        "/api/v1/experts",
        "/api/v1/pool-",
        "/api/v1/expert-",
        "/api/v1/me/expert",
        "/api/v1/review-sessions",
        "/api/v1/review-groups",
        "/api/v1/session-experts",
        "/api/v1/draws",
    ]
    .iter()
    .any(|p| path.starts_with(p))
}

/// Paths that list accounts: an applicant's account (its name, its ID number as username) is
/// its employer's line's to see, whatever the state of its draft.
fn lists_accounts(path: &str) -> bool {
    [
        "/api/v1/accounts",
        "/api/v1/org/tree",
        "/api/v1/applications/for-applicant/candidates",
    ]
    .iter()
    .any(|p| path.starts_with(p))
}

/// What `scope` must never receive in a 2xx body of `path`:
///
/// - a unit's staff: the people and accounts of the other branches of the tree (not its
///   subtree, not its line upwards: a parent's names legitimately appear, e.g. as the auditor
///   of a filing) and those branches' unit names (except where experts' employers are named);
/// - an applicant: every other person and account of the demo, and the other branches' unit
///   names;
/// - the expert (nothing distributed to it): every person and account of the demo, and the
///   other branches' unit names;
/// - the policy reviewer: every person and account but the county branch's staff and the
///   applicants whose application reached its committee;
/// - everybody: the never-submitted draft (its applicant's name and ID number), except in
///   account listings.
fn forbidden_markers(scope: Scope, path: &str, m: &Markers) -> Vec<String> {
    let everyone = || m.people.values().flatten().cloned().collect::<Vec<_>>();
    let unit_names = |key: &str| {
        if names_experts(path) {
            Vec::new()
        } else {
            other_branches(key)
                .into_iter()
                .map(|k| unit_name(k).to_owned())
                .collect()
        }
    };
    let mut out = match scope {
        Scope::ProvinceWide => return Vec::new(),
        Scope::Unit(key) => {
            let mut out: Vec<String> = other_branches(key)
                .into_iter()
                .flat_map(|k| m.people.get(k).cloned().unwrap_or_default())
                .collect();
            out.extend(unit_names(key));
            out
        }
        Scope::Applicant(key) => {
            let own = CALLERS
                .iter()
                .find(|(_, s)| matches!(s, Scope::Applicant(k) if *k == key))
                .map(|(u, _)| *u)
                .unwrap_or_default();
            let name = match key {
                "county_emp" => "张晓明",
                "city_emp" => "李文静",
                _ => "王建国",
            };
            let mut out: Vec<String> = everyone()
                .into_iter()
                .filter(|x| x != own && x != name)
                .collect();
            out.extend(unit_names(key));
            out
        }
        Scope::Expert(key) => {
            let mut out = everyone();
            out.extend(unit_names(key));
            out
        }
        Scope::PolicyReviewer(key) => {
            let staff: Vec<String> = ["county_hrss", "county_dept", "county_emp"]
                .iter()
                .flat_map(|k| {
                    ["unit", "admin", "handler"]
                        .iter()
                        .map(move |s| format!("{k}_{s}"))
                })
                .collect();
            let mut out: Vec<String> = everyone()
                .into_iter()
                .filter(|x| !m.committee.contains(x) && !staff.contains(x))
                .collect();
            out.extend(unit_names(key));
            out
        }
    };
    if !lists_accounts(path) {
        out.extend(m.draft.iter().cloned());
    }
    out.sort();
    out.dedup();
    out
}

/// A body as text to look for markers in: a workbook's cells, else the bytes as UTF-8.
fn body_text(content_type: &str, bytes: &[u8]) -> String {
    use calamine::{Reader, Xlsx};
    if content_type.contains("spreadsheetml") {
        let mut text = String::new();
        if let Ok(mut book) = Xlsx::new(Cursor::new(bytes.to_vec())) {
            for (_, range) in book.worksheets() {
                for row in range.rows() {
                    for cell in row {
                        text.push_str(&crate::helpers::cell_text(cell));
                        text.push('\t');
                    }
                }
            }
        }
        return text;
    }
    String::from_utf8_lossy(bytes).into_owned()
}

// ---- The run ----

struct Caller {
    name: &'static str,
    scope: Scope,
    token: Option<String>,
}

/// One answer: status, content type and body.
async fn call(
    app: &TestApp,
    caller: &Caller,
    op: &Operation,
    target: Option<&str>,
    fx: &Fixture,
    values: &Values<'_>,
) -> (u16, String, Vec<u8>) {
    // The path: the first parameter is the target, a second one per its name.
    let mut path = String::new();
    let mut rest = op.path.as_str();
    let mut first = true;
    while let Some((before, after)) = rest.split_once('{') {
        let (param, tail) = after.split_once('}').expect("a closed path parameter");
        path.push_str(before);
        let value = if first {
            target.unwrap_or(MISSING).to_owned()
        } else if param == "application_id" {
            fx.application.clone()
        } else {
            MISSING.to_owned()
        };
        path.push_str(&value);
        first = false;
        rest = tail;
    }
    path.push_str(rest);
    let query: Vec<(String, String)> = op.spec["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == "query" && p["required"] == true)
        .map(|p| {
            let name = p["name"].as_str().expect("a parameter name");
            let mut schema = p["schema"].clone();
            if let (Some(d), Some(o)) = (p["description"].as_str(), schema.as_object_mut()) {
                o.entry("description").or_insert_with(|| json!(d));
            }
            (name.to_owned(), values.text(name, &schema))
        })
        .collect();
    let method = reqwest::Method::from_bytes(op.method.as_bytes()).expect("a method");
    let mut req = app.client.request(method, app.url(&path)).query(&query);
    if let Some(content) = op.spec["requestBody"]["content"].as_object() {
        if let Some(json_body) = content.get("application/json") {
            req = req.json(&values.example("body", &json_body["schema"], 0));
        } else if let Some(ct) = content.keys().next() {
            req = req
                .header(reqwest::header::CONTENT_TYPE, ct.as_str())
                .body(Vec::new());
        }
    }
    if let Some(token) = &caller.token {
        req = req.bearer_auth(token);
    }
    let res = req.send().await.expect("request");
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = res.bytes().await.expect("body").to_vec();
    (status, content_type, bytes)
}

/// Public operations whose 401 answers the credentials in their body (the generated ones are
/// wrong), not a missing token.
const CREDENTIALS: &[(&str, &str)] = &[
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/refresh"),
];

/// The checks that hold whatever the golden file says.
struct Checker {
    /// The error envelope's fields, as the document declares `ErrorBody`.
    envelope: BTreeSet<String>,
    markers: Markers,
    /// Markers found in province-wide callers' bodies: proof that they are findable at all.
    seen: BTreeSet<String>,
    violations: Vec<String>,
}

impl Checker {
    fn new(doc: &Value) -> Checker {
        let body = &doc["components"]["schemas"]["ErrorBody"];
        let envelope: BTreeSet<String> = body["properties"]
            .as_object()
            .expect("ErrorBody's fields")
            .keys()
            .cloned()
            .collect();
        assert!(envelope.contains("code") && envelope.contains("message"));
        Checker {
            envelope,
            markers: markers(),
            seen: BTreeSet::new(),
            violations: Vec::new(),
        }
    }

    fn check(&mut self, op: &Operation, caller: &Caller, answer: &(u16, String, Vec<u8>)) {
        let (status, content_type, bytes) = answer;
        let status = *status;
        let what = format!("{} as {}", op.label(), caller.name);
        let body: Value = serde_json::from_slice(bytes).unwrap_or(Value::Null);
        let code = body["code"].as_str().unwrap_or_default();
        let mut out = Vec::new();
        if caller.token.is_none() && op.secured {
            if status != 401 || code != "unauthenticated" {
                out.push(format!("{what}: {status} {code}, not 401 unauthenticated"));
            }
        } else if caller.token.is_none() {
            let credentials = CREDENTIALS
                .iter()
                .any(|(m, p)| *m == op.method && *p == op.path);
            if status == 401 && !credentials {
                out.push(format!("{what}: a public operation answered 401 {code}"));
            }
        } else if op.secured && code == "unauthenticated" {
            out.push(format!("{what}: the caller's session ended during the run"));
        }
        if status >= 500 {
            out.push(format!(
                "{what}: {status} {}",
                String::from_utf8_lossy(bytes)
            ));
        }
        if status >= 400 && op.method != "HEAD" {
            let envelope = body.as_object().is_some_and(|o| {
                o["code"].is_string()
                    && o.get("message").is_some_and(Value::is_string)
                    && o.keys().all(|k| self.envelope.contains(k))
            });
            if !envelope {
                out.push(format!(
                    "{what}: {status} is not the bare error envelope: {}",
                    String::from_utf8_lossy(bytes)
                ));
            }
        }
        // Public answers are for everyone by design.
        if (200..300).contains(&status) && op.secured {
            let text = body_text(content_type, bytes);
            if matches!(caller.scope, Scope::ProvinceWide) && caller.token.is_some() {
                for marker in self.markers.people.values().flatten() {
                    if text.contains(marker.as_str()) {
                        self.seen.insert(marker.clone());
                    }
                }
            }
            for marker in forbidden_markers(caller.scope, &op.path, &self.markers) {
                if text.contains(&marker) {
                    out.push(format!(
                        "{what}: {status} carries `{marker}` of another jurisdiction"
                    ));
                }
            }
        }
        self.violations.extend(out);
    }

    /// Every unit's markers are found somewhere by the province-wide callers, or the marker
    /// check would prove nothing.
    fn markers_are_findable(&self) {
        for (unit, markers) in &self.markers.people {
            assert!(
                markers.iter().any(|m| self.seen.contains(m)),
                "no province-wide answer carries a marker of {unit}: {markers:?}"
            );
        }
    }
}

async fn the_generated_matrix(backend: Backend) {
    let started = Instant::now();
    let app = spawn_app(backend).await;
    // Many sign-ins from one address.
    lift_login_limit(&app).await;
    let doc = serde_json::to_value(backend::openapi::document()).expect("the document as JSON");
    let schemas = doc["components"]["schemas"]
        .as_object()
        .expect("components.schemas")
        .clone();
    let ops = operations(&doc);
    let fx = Fixture::build(&app).await;
    let mut checker = Checker::new(&doc);
    let mut callers = Vec::new();
    for (name, scope) in CALLERS {
        callers.push(Caller {
            name,
            scope: *scope,
            token: Some(app.token(name).await),
        });
    }
    callers.push(Caller {
        name: ANONYMOUS,
        scope: Scope::ProvinceWide,
        token: None,
    });

    let mut rows: BTreeMap<(String, String, usize), String> = BTreeMap::new();
    let mut requests = 0;
    for op in &ops {
        let kind = kind_of(&op.path);
        let targets = fx.targets(kind);
        for (n, caller) in callers.iter().enumerate() {
            let mut statuses = Vec::new();
            for target in &targets {
                let version = version_of(&app, kind, target.as_deref()).await;
                let values = Values {
                    schemas: &schemas,
                    version,
                    today: &fx.today,
                };
                let answer = call(&app, caller, op, target.as_deref(), &fx, &values).await;
                requests += 1;
                checker.check(op, caller, &answer);
                statuses.push(answer.0.to_string());
            }
            rows.insert(
                (op.path.clone(), op.method.clone(), n),
                format!("{}\t{}\t{}", op.label(), caller.name, statuses.join(" ")),
            );
        }
    }
    let actual = golden_text(&rows);
    println!(
        "generated matrix on {backend:?}: {} operations × {} callers, {requests} requests in {:.1?}",
        ops.len(),
        callers.len(),
        started.elapsed()
    );
    compare_or_update(backend, &actual);
    assert!(
        checker.violations.is_empty(),
        "{} invariant violations:\n{}",
        checker.violations.len(),
        checker.violations.join("\n")
    );
    checker.markers_are_findable();
}

fn golden_text(rows: &BTreeMap<(String, String, usize), String>) -> String {
    let mut out = String::from(
        "# The generated authorization matrix (tests/api/generated_matrix.rs): operation, caller,\n\
         # status per target. Targets of an id path: own below sibling parent (from the city\n\
         # HRSS), or one status for a global object or a path without an id.\n\
         # Regenerate with UPDATE_MATRIX=1; both engines must produce this file.\n",
    );
    for line in rows.values() {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// (operation, caller) → statuses.
fn parse_golden(text: &str) -> BTreeMap<(String, String), String> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split('\t');
            Some((
                (parts.next()?.to_owned(), parts.next()?.to_owned()),
                parts.next()?.to_owned(),
            ))
        })
        .collect()
}

/// The differences, one readable line each.
fn diff(expected: &str, actual: &str) -> Vec<String> {
    let want = parse_golden(expected);
    let got = parse_golden(actual);
    let mut out = Vec::new();
    for (key, got_statuses) in &got {
        match want.get(key) {
            None => out.push(format!(
                "{}\t{}\tnot in the golden file\tgot {got_statuses}",
                key.0, key.1
            )),
            Some(w) if w != got_statuses => out.push(format!(
                "{}\t{}\texpected {w}\tgot {got_statuses}",
                key.0, key.1
            )),
            Some(_) => {}
        }
    }
    for (key, w) in &want {
        if !got.contains_key(key) {
            out.push(format!(
                "{}\t{}\texpected {w}\tno longer an operation or caller",
                key.0, key.1
            ));
        }
    }
    out
}

/// The first engine's file in an `UPDATE_MATRIX=1` run: the second must produce the same.
static WRITTEN: std::sync::Mutex<Option<(String, String)>> = std::sync::Mutex::new(None);

fn compare_or_update(backend: Backend, actual: &str) {
    if std::env::var("UPDATE_MATRIX").is_ok_and(|v| v == "1") {
        let mut written = WRITTEN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((engine, first)) = written.as_ref() {
            let d = diff(first, actual);
            assert!(
                d.is_empty(),
                "{backend:?} differs from {engine}:\n{}",
                d.join("\n")
            );
        } else {
            std::fs::create_dir_all(
                std::path::Path::new(GOLDEN)
                    .parent()
                    .expect("the golden folder"),
            )
            .expect("create the golden folder");
            std::fs::write(GOLDEN, actual).expect("write the golden file");
            *written = Some((format!("{backend:?}"), actual.to_owned()));
        }
        return;
    }
    let expected = std::fs::read_to_string(GOLDEN).unwrap_or_default();
    let d = diff(&expected, actual);
    assert!(
        d.is_empty(),
        "{backend:?}: {} rows differ from {GOLDEN} (UPDATE_MATRIX=1 rewrites it):\n\
         operation\tcaller\texpected\tgot\n{}",
        d.len(),
        d.join("\n")
    );
}

db_tests!(the_generated_matrix);
