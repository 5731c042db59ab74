//! Every `/api` route, wired in one place.

mod accounts;
mod audit;
mod auth;
mod client_errors;
mod health;
mod units;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the routes of the `/api` scope. Each route is documented by its `#[utoipa::path]`,
/// which `utoipa-actix-web` collects into the OpenAPI document as it registers it.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::health)
        .service(client_errors::report_client_error)
        .service(auth::login::login)
        .service(auth::refresh::refresh)
        .service(auth::logout::logout)
        .service(auth::me::me)
        .service(auth::password::change_password)
        .service(units::list::list_units)
        .service(units::create::create_unit)
        .service(units::update::update_unit)
        .service(units::tree::org_tree)
        .service(accounts::list::list_accounts)
        .service(accounts::create::create_account)
        .service(accounts::bulk::bulk_create)
        .service(accounts::update::update_account)
        .service(accounts::reset_password::reset_password)
        .service(audit::list::list_audit)
        .service(audit::export::export_audit)
        .service(audit::verify::verify_audit);
}
