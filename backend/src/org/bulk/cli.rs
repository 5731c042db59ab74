//! `backend accounts import FILE [--dry-run] [--as USERNAME]`: the same import as
//! `POST /api/v1/accounts/bulk`, against `DATABASE_URL`, acting as an existing account whose
//! jurisdiction and modules apply and whom the audit log names.

use std::path::PathBuf;

use anyhow::Context;
use diesel::prelude::*;
use shared::{ErrorCode, Locale};

use super::{parse, Options};
use crate::{
    auth::AuthUser,
    clock::{Clock, SystemClock},
    config::Config,
    db::{schema::accounts, DbConnection},
    error::ApiError,
    startup,
};

/// `backend accounts …`
#[derive(Debug, clap::Subcommand)]
pub enum AccountsCommand {
    /// Create accounts from a .json, .csv or .xlsx file, all rows or none. Prints the report as
    /// JSON; the exit code is 1 when any row fails (then nothing was created).
    Import(ImportArgs),
}

/// `backend accounts import`
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The file; its extension (.json, .csv, .xlsx) decides how it is read.
    pub file: PathBuf,
    /// Check every row, create nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Act as this account: its jurisdiction and modules decide what may be created.
    #[arg(long = "as", value_name = "USERNAME", default_value = "sysadmin")]
    pub as_user: String,
    /// Language of the messages (zh-CN or en).
    #[arg(long, default_value = "zh-CN")]
    pub lang: String,
}

/// Runs an `accounts` command.
pub async fn run(command: AccountsCommand) -> anyhow::Result<()> {
    let AccountsCommand::Import(args) = command;
    let locale = Locale::negotiate(&args.lang);
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let extension = args
        .file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let batch = match extension.as_deref() {
        Some("json") => parse::json(&bytes),
        Some("csv") => parse::csv(&bytes),
        Some("xlsx") => parse::xlsx(&bytes),
        _ => anyhow::bail!("the file must end in .json, .csv or .xlsx"),
    }
    .map_err(|e| anyhow::anyhow!("{}", e.message(locale)))?;
    let config = Config::from_env()?;
    let db = startup::open_database(&config).await?;
    let options = Options {
        dry_run: args.dry_run,
        ip: None,
    };
    let as_user = args.as_user;
    let report = db
        .run(move |conn| {
            let user = acting_user(conn, &as_user)?;
            super::import(conn, &user, batch, &options, SystemClock.now())
        })
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.message(locale)))?;
    println!("{}", serde_json::to_string_pretty(&report.body(locale))?);
    if report.ok {
        Ok(())
    } else {
        anyhow::bail!(
            "{} error(s) in {} row(s); nothing was created",
            report.errors.len(),
            report.rows
        )
    }
}

/// The account a CLI command acts as, as a request would see it (`auth::extractor::fetch`).
pub fn acting_user(conn: &mut DbConnection, username: &str) -> Result<AuthUser, ApiError> {
    let id: Option<i64> = accounts::table
        .filter(accounts::username.eq(crate::login_names::name(username)))
        .select(accounts::id)
        .first(conn)
        .optional()?;
    let found = match id {
        Some(id) => crate::auth::extractor::fetch(conn, id)?,
        None => None,
    };
    let Some((user, enabled, _locked)) = found else {
        let username = crate::login_names::masked_typed(username);
        return Err(ApiError::with_text(
            ErrorCode::NotFound,
            format!("账号 {username} 不存在"),
            format!("No account {username}"),
        ));
    };
    if !enabled {
        return Err(ApiError::new(ErrorCode::AccountDisabled));
    }
    Ok(AuthUser {
        must_change_password: false,
        // The CLI runs on the server with database access: no second factor applies.
        mfa_enrollment_pending: false,
        ..user
    })
}
