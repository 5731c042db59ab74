//! The server binary and administration CLI.

use std::process::ExitCode;

use anyhow::Context;
use backend::{config::Config, openapi, startup};
use clap::{Parser, Subcommand};

/// 职称评审子系统 — server and administration commands.
#[derive(Debug, Parser)]
#[command(name = "backend", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Apply pending migrations and serve the API and the SPA (the default).
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Print the OpenAPI document (JSON) and exit.
    Openapi,
    /// Seed the demo province into an empty database (unless DEMO=0) and list its accounts.
    Demo {
        /// Print `{"accounts": [...]}` as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Account tools: `accounts import FILE [--dry-run] [--as USERNAME]`.
    Accounts {
        #[command(subcommand)]
        command: backend::org::bulk::cli::AccountsCommand,
    },
    /// Generate synthetic data for scale and load measurements.
    Generate {
        #[command(subcommand)]
        command: GenerateCommand,
    },
    /// Audit-log tools.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Back up the database and the attachment files into DIR (new or empty), consistent while
    /// the server runs (docs/OPERATIONS.md).
    Backup {
        /// The backup folder.
        dir: std::path::PathBuf,
    },
    /// Restore a backup into the empty database of DATABASE_URL and DATA_DIR, then verify it.
    Restore {
        /// The backup folder.
        dir: std::path::PathBuf,
        /// Replace a database or attachment store that is not empty.
        #[arg(long)]
        force: bool,
    },
    /// Certificate tools: check a printed QR code offline, print the signing key.
    Certificates {
        #[command(subcommand)]
        command: CertificatesCommand,
    },
    /// Data-key tools: `keys reencrypt` seals every value made with an older data key again
    /// with the newest one in DATA_ENCRYPTION_KEY_FILE (after adding a version to rotate).
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Attachment-store tools.
    Files {
        #[command(subcommand)]
        command: backend::ops::cli::FilesCommand,
    },
}

#[derive(Debug, Subcommand)]
enum GenerateCommand {
    /// Add synthetic competent departments and employers under the existing HRSS units.
    Units {
        /// How many units to add.
        #[arg(long, default_value_t = 100_000)]
        count: usize,
    },
    /// Add synthetic applicants (spread over the existing employers) and their applications
    /// (one per applicant and year, stages across the whole workflow).
    Applications {
        /// How many applications to add.
        #[arg(long, default_value_t = 1_000_000)]
        count: usize,
        /// How many applicant accounts to add (at least count / 10).
        #[arg(long, default_value_t = 100_000)]
        accounts: usize,
        /// Print what was added as JSON, with the first 2,000 of this year's drafts and their
        /// applicants' sign-in names (the load test's applicants act on them).
        #[arg(long)]
        json: bool,
    },
    /// Add a review session of the demo committee ready for its votes: one group, three
    /// dossiers with every review completed, the first seven demo experts serving and signed
    /// in (`expert_demo` director and leader). Prints the ids and login names as JSON.
    VoteSession,
}

#[derive(Debug, Subcommand)]
enum CertificatesCommand {
    /// Check a certificate's QR payload offline: the whole scanned text (link + `#CT1.…`) or
    /// just `CT1.…`. Prints the signed fields; exit code 1 when the signature does not check.
    VerifyQr {
        /// The scanned text.
        payload: String,
        /// The platform's public key (64 hex digits, from
        /// `/.well-known/certificate-signing-key.json`); default: this installation's key.
        #[arg(long)]
        public_key: Option<String>,
    },
    /// Print the certificate signing key's public key (hex) and its key id.
    PublicKey,
}

#[derive(Debug, Subcommand)]
enum KeysCommand {
    /// Seal every sealed value again with the newest data key; prints how many were read and
    /// sealed again. Safe to run twice, and while the server runs.
    Reencrypt,
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Check the hash chain and the latest signed checkpoint; names the first broken row or
    /// the failed checkpoint. Exit code 1 when broken.
    Verify,
    /// Sign a checkpoint of the audit chain head now (audited) and print it.
    Checkpoint,
    /// Print the checkpoint signing key's public key (hex) and its key id, for checking
    /// checkpoints outside the system.
    PublicKey,
}

fn main() -> ExitCode {
    backend::telemetry::init();
    let cli = Cli::parse();
    match run(cli.command.unwrap_or(Command::Serve)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("{err:#}");
            eprintln!("错误 / error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Openapi => {
            let json = openapi::document()
                .to_pretty_json()
                .context("serialising the OpenAPI document")?;
            println!("{json}");
            Ok(())
        }
        Command::Demo { json } => runtime()?.block_on(async {
            let config = Config::from_env()?;
            // Building the app (without serving) applies migrations and seeds the demo.
            let config = backend::config::Config { port: 0, ..config };
            let app = startup::Application::build(config).await?;
            let mut listing = backend::demo::listing();
            listing.applications = app
                .db()
                .run(backend::demo_workflow::listing)
                .await
                .map_err(|e| anyhow::anyhow!("listing the demo applications: {e}"))?;
            let mut places = app
                .db()
                .run(backend::demo_session::places)
                .await
                .map_err(|e| anyhow::anyhow!("listing the demo session: {e}"))?;
            for e in &mut listing.experts {
                e.session = places.remove(&e.username);
            }
            if json {
                println!("{}", serde_json::to_string_pretty(&listing)?);
            } else {
                for a in &listing.accounts {
                    println!(
                        "{:<22} {:<16} {:<16} {}",
                        a.username, a.password, a.kind, a.unit
                    );
                }
                for e in &listing.experts {
                    let place = e.session.as_ref().map_or_else(String::new, |p| {
                        let leader = if p.group_leader { " 组长" } else { "" };
                        let position = p
                            .committee_position
                            .map_or("", |c| c.label(shared::Locale::ZhCn));
                        format!("{} {}{leader} {position}", p.session, p.group)
                    });
                    println!(
                        "expert {:<16} {:<12} {:<24} {:<20} {}",
                        e.username,
                        e.name,
                        e.specialties.join("、"),
                        e.employer,
                        place.trim_end()
                    );
                }
                for a in &listing.applications {
                    println!(
                        "application {:<6} {:<24} {:<20} {}",
                        a.id,
                        a.stage.as_str(),
                        a.applicant_username,
                        a.employer
                    );
                }
            }
            Ok(())
        }),
        Command::Accounts { command } => runtime()?.block_on(backend::org::bulk::cli::run(command)),
        Command::Generate {
            command: GenerateCommand::Units { count },
        } => runtime()?.block_on(async {
            let config = Config::from_env()?;
            let app =
                startup::Application::build(backend::config::Config { port: 0, ..config }).await?;
            let started = std::time::Instant::now();
            let now = chrono::Utc::now().naive_utc();
            let added = app
                .db()
                .run(move |conn| backend::org::generate::units(conn, count, now))
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "added {added} units in {:.2} s",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }),
        Command::Generate {
            command: GenerateCommand::VoteSession,
        } => runtime()?.block_on(async {
            let config = Config::from_env()?;
            let app =
                startup::Application::build(backend::config::Config { port: 0, ..config }).await?;
            let now = chrono::Utc::now().naive_utc();
            let made = app
                .db()
                .run(move |conn| backend::demo_votes::vote_session(conn, now))
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{}", serde_json::to_string(&made)?);
            Ok(())
        }),
        Command::Generate {
            command:
                GenerateCommand::Applications {
                    count,
                    accounts,
                    json,
                },
        } => runtime()?.block_on(async {
            let config = Config::from_env()?;
            let app =
                startup::Application::build(backend::config::Config { port: 0, ..config }).await?;
            let started = std::time::Instant::now();
            let now = chrono::Utc::now().naive_utc();
            let added = app
                .db()
                .run(move |conn| {
                    backend::applications::generate::applications(conn, count, accounts, now)
                })
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let seconds = started.elapsed().as_secs_f64();
            if json {
                println!(
                    "{}",
                    serde_json::json!({
                        "accounts": added.accounts,
                        "applications": added.applications,
                        "seconds": seconds,
                        "password": backend::applications::generate::PASSWORD,
                        "drafts": added.drafts,
                    })
                );
            } else {
                println!(
                    "added {} applicants and {} applications in {seconds:.2} s",
                    added.accounts, added.applications,
                );
            }
            Ok(())
        }),
        Command::Audit {
            command: AuditCommand::Verify,
        } => runtime()?.block_on(async {
            let config = Config::from_env()?;
            let key = audit_key(&config)?;
            let db = startup::open_database(&config).await?;
            let report = db
                .run(move |conn| backend::audit::checkpoint::verify(conn, &key))
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            if let Some(cp) = report.checkpoint.as_ref().filter(|c| !c.ok) {
                anyhow::bail!(
                    "the audit checkpoint {} failed: {}",
                    cp.checkpoint_id,
                    cp.failure.as_deref().unwrap_or("?")
                )
            }
            if report.ok {
                Ok(())
            } else {
                anyhow::bail!(
                    "the audit chain is broken at row {:?}",
                    report.first_broken_id
                )
            }
        }),
        Command::Keys {
            command: KeysCommand::Reencrypt,
        } => runtime()?.block_on(async {
            let config = Config::from_env()?;
            let keys = backend::crypto::DataKeys::load_or_create(
                config.data_encryption_key_file.as_deref(),
                &config.data_dir,
            )?;
            // `open_database` installs the same keys for the ID numbers.
            let db = startup::open_database(&config).await?;
            let (done, ids) = db
                .run(move |conn| {
                    let done = backend::crypto::reencrypt(conn, &keys)
                        .map_err(backend::error::ApiError::internal)?;
                    let ids = backend::pii::reseal(conn, &keys)
                        .map_err(backend::error::ApiError::internal)?;
                    Ok((done, ids))
                })
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            tracing::info!(
                read = done.read,
                resealed = done.resealed,
                id_numbers_read = ids.read,
                id_numbers_resealed = ids.written,
                "keys reencrypt"
            );
            println!(
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({
                    "totp_secrets": done,
                    "id_numbers": ids,
                }))?
            );
            Ok(())
        }),
        Command::Backup { dir } => backend::ops::cli::backup(&dir),
        Command::Restore { dir, force } => backend::ops::cli::restore(&dir, force),
        Command::Files { command } => backend::ops::cli::files(command),
        Command::Audit {
            command: AuditCommand::Checkpoint,
        } => runtime()?.block_on(async {
            let config = Config::from_env()?;
            let key = audit_key(&config)?;
            let db = startup::open_database(&config).await?;
            let now = chrono::Utc::now().naive_utc();
            let cp = db
                .run(move |conn| {
                    conn.write_transaction(|conn| {
                        let actor = backend::audit::Actor {
                            name: Some("(cli)".to_owned()),
                            ..backend::audit::Actor::default()
                        };
                        let event = backend::audit::Event {
                            action: "audit.checkpoint",
                            target_type: "audit_checkpoint",
                            target_id: None,
                            success: true,
                            before: None,
                            after: None,
                        };
                        backend::audit::append(conn, &actor, &event, now)?;
                        backend::audit::checkpoint::take(conn, &key, now)
                    })
                })
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{}", serde_json::to_string_pretty(&cp)?);
            Ok(())
        }),
        Command::Audit {
            command: AuditCommand::PublicKey,
        } => {
            let config = Config::from_env()?;
            let key = audit_key(&config)?;
            println!("{}", key.public_key_hex());
            println!("key id: {}", key.key_id());
            Ok(())
        }
        Command::Certificates { command } => {
            let public = match &command {
                CertificatesCommand::VerifyQr {
                    public_key: Some(hex),
                    ..
                } => backend::certificates::signing::public_key_from_hex(hex)?,
                _ => {
                    let config = Config::from_env()?;
                    let base = config.public_base_url.clone().unwrap_or_default();
                    backend::certificates::Signer::load_or_create(
                        config.certificate_signing_key_file.as_deref(),
                        &config.data_dir,
                        &base,
                    )?
                    .verifying_key()
                }
            };
            match command {
                CertificatesCommand::PublicKey => {
                    println!("{}", hex::encode(public.to_bytes()));
                    println!(
                        "key id: {}",
                        backend::certificates::signing::key_id_of(&public)
                    );
                    Ok(())
                }
                CertificatesCommand::VerifyQr { payload, .. } => {
                    let check = backend::certificates::signing::check_with(&public, &payload);
                    println!("{}", serde_json::to_string_pretty(&check)?);
                    if check.valid {
                        Ok(())
                    } else {
                        anyhow::bail!("the signature does not check: not a certificate of this platform, or altered")
                    }
                }
            }
        }
        Command::Migrate => runtime()?.block_on(async {
            let config = Config::from_env()?;
            startup::open_database(&config).await?;
            println!("migrations applied ({})", config.database.redacted());
            Ok(())
        }),
        Command::Serve => runtime()?.block_on(async {
            let config = Config::from_env()?;
            let app = startup::Application::build(config.clone()).await?;
            // The e2e harness and `make run` read this line to find the server.
            println!(
                "职称评审子系统 listening on http://{}:{} (database: {})",
                config.bind,
                app.port(),
                config.database.redacted()
            );
            app.run_until_stopped().await.context("serving")?;
            tracing::info!("server stopped");
            Ok(())
        }),
    }
}

fn audit_key(config: &Config) -> anyhow::Result<backend::audit::checkpoint::AuditKey> {
    backend::audit::checkpoint::AuditKey::load_or_create(
        config.audit_signing_key_file.as_deref(),
        &config.data_dir,
    )
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}
