//! Builds and runs the HTTP server.

use std::{net::TcpListener, sync::Arc};

use actix_web::{
    body::MessageBody,
    dev::{Server, ServiceRequest, ServiceResponse},
    http::header,
    middleware::{from_fn, Compress, Next},
    web, App, HttpResponse, HttpServer,
};
use anyhow::Context;
use tracing_actix_web::TracingLogger;
use utoipa_swagger_ui::SwaggerUi;

use crate::{
    audit::checkpoint::AuditKey,
    auth::{tokens, AuthState},
    clock::{Clock, OffsetClock, SharedClock, SystemClock},
    config::{Config, StorageConfig},
    db::settings,
    db::{self, migrations, Db},
    demo,
    http::{client::TrustedProxies, errors, extractors, headers, routes_table},
    openapi,
    org::unit_roles,
    routes, spa,
    storage::{FileStore, LocalStorage},
};

/// A bound, ready-to-run server.
pub struct Application {
    port: u16,
    db: Db,
    server: Server,
    checkpoints: CheckpointJob,
}

/// What the periodic jobs (audit checkpoints, notices) need; they start with serving.
struct CheckpointJob {
    key: AuditKey,
    clock: SharedClock,
    minutes: u64,
    /// The notice job's interval (`NOTICE_JOB_SECONDS`).
    notice_seconds: u64,
}

impl Application {
    /// Opens the database, applies pending migrations and binds the listener.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        if config.test_clock_control {
            tracing::warn!(
                "TEST_CLOCK_CONTROL is on: POST /api/test/clock/advance moves the server's clock; never use this in production"
            );
            let clock = OffsetClock::default();
            return Self::build_inner(config, Arc::new(clock.clone()), Some(clock)).await;
        }
        Self::build_with_clock(config, Arc::new(SystemClock)).await
    }

    /// As [`Application::build`], with the clock tests move.
    pub async fn build_with_clock(config: Config, clock: SharedClock) -> anyhow::Result<Self> {
        Self::build_inner(config, clock, None).await
    }

    async fn build_inner(
        config: Config,
        clock: SharedClock,
        control: Option<OffsetClock>,
    ) -> anyhow::Result<Self> {
        // Instances starting together on one PostgreSQL database take turns here.
        let lock = {
            let url = config.database.clone();
            let secs = config.db_acquire_timeout.as_secs().max(1);
            tokio::task::spawn_blocking(move || db::startup_lock(&url, secs))
                .await
                .context("the startup lock task panicked")??
        };
        let db = open_database(&config).await?;
        let audit_key =
            AuditKey::load_or_create(config.audit_signing_key_file.as_deref(), &config.data_dir)?;
        let checkpoints = CheckpointJob {
            key: audit_key.clone(),
            clock: clock.clone(),
            minutes: config.audit_checkpoint_minutes,
            notice_seconds: config.notice_job_seconds,
        };
        let auth = prepare(&db, &config, clock).await?;
        drop(lock);
        let files = file_store(&config).await?;
        match (&config.storage, crate::ops::sweep::interval_from_env()) {
            (StorageConfig::Local, Some(every)) => {
                crate::ops::sweep::spawn_periodic(db.clone(), config.data_dir.clone(), every);
            }
            (StorageConfig::S3(_), Some(_)) => tracing::info!(
                "the orphan-file sweep is for local storage; with STORAGE=s3 it does not run (docs/DEPLOYMENT.md)"
            ),
            (_, None) => {}
        }
        let listener = TcpListener::bind((config.bind, config.port))
            .with_context(|| format!("binding {}:{}", config.bind, config.port))?;
        let port = listener
            .local_addr()
            .context("reading the bound address")?
            .port();
        let base_url = config
            .public_base_url
            .clone()
            .unwrap_or_else(|| format!("http://localhost:{port}"));
        let signer = crate::certificates::Signer::load_or_create(
            config.certificate_signing_key_file.as_deref(),
            &config.data_dir,
            &base_url,
        )?;
        let server = serve(
            listener,
            db.clone(),
            Shared {
                auth,
                audit_key,
                signer,
                files,
            },
            &config,
            control,
        )?;
        Ok(Application {
            port,
            db,
            server,
            checkpoints,
        })
    }

    /// The port actually bound (useful with `PORT=0`).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The database handle the server uses.
    pub fn db(&self) -> Db {
        self.db.clone()
    }

    /// Serves until SIGINT/SIGTERM, then lets in-flight requests finish (graceful shutdown).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let job = self.checkpoints;
        crate::audit::spawn_sealer(self.db.clone());
        crate::audit::checkpoint::spawn_job(
            self.db.clone(),
            job.key,
            job.clock.clone(),
            job.minutes,
        );
        // The place to plug a real SMS / e-mail gateway (see `notices::delivery`).
        crate::notices::job::spawn(
            self.db.clone(),
            job.clock,
            job.notice_seconds,
            Arc::new(crate::notices::delivery::LogDelivery),
        );
        self.server.await
    }
}

/// Installs the data keys, connects, applies pending migrations and checks that the keys fit
/// the stored ID numbers (the database work blocks, so it runs off the async threads).
pub async fn open_database(config: &Config) -> anyhow::Result<Db> {
    let url = config.database.clone();
    let size = config.db_pool_size;
    let timeout = config.db_acquire_timeout;
    // Every process that opens the database (the server, each CLI command) seals and opens ID
    // numbers with the same key file, and refuses one that does not fit what is stored.
    let data_keys = crate::crypto::DataKeys::load_or_create(
        config.data_encryption_key_file.as_deref(),
        &config.data_dir,
    )?;
    crate::pii::install(&data_keys)?;
    tokio::task::spawn_blocking(move || {
        let pool = db::build_pool(&url, size, timeout)?;
        let mut conn = pool.get().context("opening a database connection")?;
        let applied = migrations::run_pending(&mut conn)?;
        crate::pii::check_fits(&mut conn)?;
        let total = migrations::applied_count(&mut conn)?;
        tracing::info!(
            db.url = %url.redacted(),
            db.migrations.applied_now = applied,
            db.migrations.total = total,
            "database ready"
        );
        Ok(Db::new(pool, url.kind()))
    })
    .await
    .context("the database task panicked")?
}

/// What a first start leaves in the database of `config` (migrations, the token secret, the
/// default unit roles, the official calendar, the demo province unless `DEMO=0`), without a
/// listener. The API tests prepare one template database per run with it and copy it for each
/// test instead of migrating and seeding every test's database.
pub async fn prepare_database(config: &Config, clock: SharedClock) -> anyhow::Result<Db> {
    let db = open_database(config).await?;
    prepare(&db, config, clock).await?;
    Ok(db)
}

/// Everything the first start needs besides migrations: the token secret, the default unit
/// roles, and (unless `DEMO=0`) the demo province in an empty database.
async fn prepare(db: &Db, config: &Config, clock: SharedClock) -> anyhow::Result<AuthState> {
    let env_secret = config.jwt_secret.clone();
    let demo = config.demo;
    let now = clock.now();
    // The data keys `open_database` installed (and generated on a first start), for the TOTP
    // secrets; the ID numbers the seed writes, and those an older version left plain, are
    // sealed with them.
    let data_keys = crate::crypto::DataKeys::load_or_create(
        config.data_encryption_key_file.as_deref(),
        &config.data_dir,
    )?;
    let secret = db
        .run(move |conn| {
            let sealed = crate::pii::seal_plain_rows(conn).map_err(crate::error::ApiError::internal)?;
            if sealed.written > 0 {
                tracing::info!(rows = sealed.written, "sealed the ID numbers stored plain");
            }
            let keyed = crate::login_names::key_plain_names(conn).map_err(crate::error::ApiError::internal)?;
            if keyed > 0 {
                tracing::info!(accounts = keyed, "replaced the login names stored as ID numbers by their keys");
            }
            let secret = match env_secret {
                Some(s) => s,
                None => match settings::get(conn, JWT_SECRET_KEY)?.and_then(|v| v.as_str().map(str::to_owned)) {
                    Some(s) => s,
                    None => {
                        let s = tokens::random_hex();
                        settings::put(conn, JWT_SECRET_KEY, &serde_json::Value::String(s.clone()), None, now)?;
                        s
                    }
                },
            };
            unit_roles::ensure_defaults(conn, now)?;
            crate::calendar::seed_official(conn, now)?;
            if demo && demo::seed_if_empty(conn, now)? {
                tracing::info!("seeded the demo province (DEMO=0 to start empty); `backend demo --json` lists its accounts");
            }
            Ok(secret)
        })
        .await
        .map_err(|e| anyhow::anyhow!("preparing the database: {e}"))?;
    Ok(AuthState {
        keys: tokens::TokenKeys::new(secret.as_bytes()),
        clock,
        data_keys,
    })
}

/// The settings key of the generated token secret.
const JWT_SECRET_KEY: &str = "auth.jwt_secret";

/// `POST /api/test/clock/advance {"days": n, "hours": n, "minutes": n}`: only with `TEST_CLOCK_CONTROL=1`.
async fn advance_test_clock(
    clock: web::Data<OffsetClock>,
    body: crate::http::Json<serde_json::Value>,
) -> actix_web::HttpResponse {
    let days = body["days"].as_i64().unwrap_or(0).clamp(0, 366);
    let hours = body["hours"].as_i64().unwrap_or(0).clamp(0, 24 * 366);
    let minutes = body["minutes"]
        .as_i64()
        .unwrap_or(0)
        .clamp(0, 60 * 24 * 366);
    clock.advance(
        chrono::Duration::days(days)
            + chrono::Duration::hours(hours)
            + chrono::Duration::minutes(minutes),
    );
    let now = crate::clock::rfc3339(clock.now());
    tracing::warn!(days, hours, minutes, %now, "test clock advanced");
    actix_web::HttpResponse::Ok().json(serde_json::json!({ "now": now }))
}

/// Where attachment files go (`STORAGE`). An object store is probed (a small object written,
/// read back and removed) so that wrong settings stop the start, not the first upload.
async fn file_store(config: &Config) -> anyhow::Result<FileStore> {
    let backend: Arc<dyn crate::storage::Storage> = match &config.storage {
        StorageConfig::Local => Arc::new(LocalStorage::new(&config.data_dir)),
        #[cfg(not(feature = "s3"))]
        StorageConfig::S3(_) => {
            anyhow::bail!("STORAGE=s3: this server was built without the s3 feature")
        }
        #[cfg(feature = "s3")]
        StorageConfig::S3(settings) => {
            let storage = crate::storage::ObjectStorage::s3(settings)?;
            storage.probe().await.with_context(|| {
                format!(
                    "STORAGE=s3: the bucket {:?} at {} is not usable",
                    settings.bucket, settings.endpoint
                )
            })?;
            tracing::info!(endpoint = %settings.endpoint, bucket = %settings.bucket, "attachments in the S3-compatible store");
            Arc::new(storage)
        }
    };
    Ok(FileStore {
        backend,
        max_bytes: config.attachment_max_bytes,
    })
}

/// What every worker shares besides the database.
struct Shared {
    auth: AuthState,
    audit_key: AuditKey,
    signer: crate::certificates::Signer,
    files: FileStore,
}

fn serve(
    listener: TcpListener,
    db: Db,
    shared: Shared,
    config: &Config,
    control: Option<OffsetClock>,
) -> anyhow::Result<Server> {
    let Shared {
        auth,
        audit_key,
        signer,
        files,
    } = shared;
    let audit_key = web::Data::new(audit_key);
    let signer = web::Data::new(signer);
    let proxies = web::Data::new(TrustedProxies(config.trusted_proxies.clone()));
    let control = control.map(web::Data::new);
    let doc = openapi::document();
    let table = web::Data::new(Arc::new(routes_table::RouteTable::from_openapi(&doc)));
    let recents = web::Data::new(crate::dashboards::Recents::new(&db));
    let db = web::Data::new(db);
    let auth = web::Data::new(auth);
    let files = web::Data::new(files);
    let static_dir = config.static_dir.clone();
    let max_json = config.max_json_bytes;
    let server = HttpServer::new(move || {
        let test_clock = control.clone().map(|clock| {
            web::resource("/api/test/clock/advance")
                .app_data(clock)
                .route(web::post().to(advance_test_clock))
        });
        App::new()
            .configure(|cfg| {
                if let Some(resource) = test_clock {
                    cfg.service(resource);
                }
            })
            .app_data(db.clone())
            .app_data(recents.clone())
            .app_data(auth.clone())
            .app_data(files.clone())
            .app_data(proxies.clone())
            .app_data(audit_key.clone())
            .app_data(signer.clone())
            .app_data(extractors::json_config(max_json))
            .app_data(extractors::query_config())
            .app_data(extractors::path_config())
            .wrap(Compress::default())
            .wrap(from_fn(docs_policy))
            .wrap(headers::security_headers())
            .wrap(from_fn(headers::request_id))
            .wrap(TracingLogger::<crate::telemetry::RequestSpan>::new())
            .service(web::resource("/api/docs").get(|| async {
                HttpResponse::PermanentRedirect()
                    .insert_header((header::LOCATION, "/api/docs/"))
                    .finish()
            }))
            .service(
                web::resource("/.well-known/certificate-signing-key.json")
                    .get(routes::well_known_key),
            )
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", doc.clone()))
            .service(
                utoipa_actix_web::scope("/api")
                    .wrap(from_fn(errors::envelope))
                    .app_data(table.clone())
                    .configure(routes::configure)
                    .default_service(web::to(routes_table::api_fallback)),
            )
            .service(spa::services(&static_dir))
    })
    .workers(config.workers)
    .shutdown_timeout(config.shutdown_timeout.as_secs())
    .listen(listener)
    .context("starting the HTTP server")?
    .run();
    Ok(server)
}

/// Swagger UI needs inline styles; every other page keeps the strict policy.
async fn docs_policy(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let is_docs = req.path().starts_with("/api/docs/");
    let mut res = next.call(req).await?;
    if is_docs {
        res.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            header::HeaderValue::from_static(headers::CSP_DOCS),
        );
    }
    Ok(res)
}
