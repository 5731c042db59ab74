//! Every `/api` route, wired in one place.

mod auth;
mod client_errors;
mod health;

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
        .service(auth::password::change_password);
}
