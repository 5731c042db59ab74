//! Every `/api` route, wired in one place.

mod accounts;
mod affiliation;
mod attachments;
mod audit;
mod auth;
mod client_errors;
mod health;
mod roles;
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
        .service(affiliation::candidates::affiliation_candidates)
        .service(affiliation::create::create_affiliation_request)
        .service(affiliation::list::list_affiliation_requests)
        .service(affiliation::decide::decide_affiliation_request)
        .service(accounts::list::list_accounts)
        .service(accounts::create::create_account)
        .service(accounts::bulk::bulk_create)
        .service(accounts::update::update_account)
        .service(accounts::reset_password::reset_password)
        .service(audit::list::list_audit)
        .service(audit::export::export_audit)
        .service(audit::verify::verify_audit);
    cfg.service(roles::list_business_roles::list_business_roles)
        .service(roles::create_business_role::create_business_role)
        .service(roles::update_business_role::update_business_role)
        .service(roles::delete_business_role::delete_business_role)
        .service(roles::list_unit_roles::list_unit_roles)
        .service(roles::create_unit_role::create_unit_role)
        .service(roles::update_unit_role::update_unit_role)
        .service(roles::assign_unit_role::assign_unit_role)
        .service(roles::get_security_policy::get_security_policy)
        .service(roles::put_security_policy::put_security_policy);
    cfg.service(attachments::upload::upload_attachment)
        .service(attachments::list::list_attachments)
        .service(attachments::download::download_attachment)
        .service(attachments::delete::delete_attachment)
        .service(attachments::unit_upload::upload_unit_attachment)
        .service(attachments::unit_list::list_unit_attachments);
}
