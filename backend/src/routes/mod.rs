//! Every `/api` route, wired in one place.

pub(crate) use accounts::bulk::read_limited;
pub use certificates::public::well_known_key;

mod accounts;
mod admin_setting;
mod affiliation;
mod applications;
mod attachments;
mod audit;
mod auth;
mod calendar;
mod certificates;
mod client_errors;
mod committees;
mod dashboards;
mod experts;
mod health;
mod notices;
mod online;
mod publicity;
mod review_filing;
mod roles;
mod sessions;
mod units;
mod votes;
mod workflow_policy;

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
        .service(auth::mfa::enroll_mfa)
        .service(auth::mfa::confirm_mfa)
        .service(units::export::export_units)
        .service(units::list::list_units)
        .service(units::create::create_unit)
        .service(units::update::update_unit)
        .service(units::tree::org_tree)
        .service(affiliation::candidates::affiliation_candidates)
        .service(affiliation::create::create_affiliation_request)
        .service(affiliation::export::export_affiliation_requests)
        .service(affiliation::list::list_affiliation_requests)
        .service(affiliation::decide::decide_affiliation_request)
        .service(accounts::export::export_accounts)
        .service(accounts::list::list_accounts)
        .service(accounts::create::create_account)
        .service(accounts::bulk::bulk_create)
        .service(accounts::update::update_account)
        .service(accounts::reset_password::reset_password)
        .service(accounts::reset_mfa::reset_mfa)
        .service(audit::list::list_audit)
        .service(audit::export::export_audit)
        .service(audit::export_xlsx::export_audit_xlsx)
        .service(audit::verify::verify_audit)
        .service(audit::checkpoints::export_checkpoints)
        .service(audit::checkpoints::list_checkpoints)
        .service(audit::checkpoints::create_checkpoint);
    cfg.service(roles::list_business_roles::list_business_roles)
        .service(roles::create_business_role::create_business_role)
        .service(roles::update_business_role::update_business_role)
        .service(roles::delete_business_role::delete_business_role)
        .service(roles::list_unit_roles::list_unit_roles)
        .service(roles::create_unit_role::create_unit_role)
        .service(roles::update_unit_role::update_unit_role)
        .service(roles::assign_unit_role::assign_unit_role)
        .service(roles::delegate_unit_role::delegate_unit_role)
        .service(roles::get_security_policy::get_security_policy)
        .service(roles::put_security_policy::put_security_policy);
    cfg.service(applications::export::export_applications)
        .service(applications::list::list_applications)
        .service(applications::create::create_application)
        .service(applications::candidates::for_applicant_candidates)
        .service(applications::create_for::create_for_applicant)
        .service(applications::batch::batch_act)
        .service(applications::forward_target::forward_target)
        .service(applications::get::get_application)
        .service(applications::update::update_application)
        .service(applications::timeline::application_timeline)
        .service(applications::changes::application_changes)
        .service(applications::act::act_on_application);
    cfg.service(calendar::list::list_calendar)
        .service(calendar::export::export_calendar)
        .service(calendar::working_days::count_working_days)
        .service(calendar::put::put_calendar_day)
        .service(calendar::delete::delete_calendar_day)
        // The template route comes before `{id}` so that it is not taken for an id.
        .service(publicity::template::failure_template)
        .service(publicity::result_sessions::result_sessions)
        .service(publicity::export::export_publicity_batches)
        .service(publicity::list::list_publicity_batches)
        .service(publicity::create::create_publicity_batch)
        .service(publicity::get::get_publicity_batch)
        .service(publicity::update::update_publicity_batch)
        .service(publicity::update_item::update_publicity_item)
        .service(publicity::publish::publish_publicity_batch)
        .service(publicity::complete::complete_publicity_batch)
        .service(publicity::report::file_report)
        .service(publicity::resolve::resolve_report)
        .service(publicity::public_list::public_publicity_list)
        .service(publicity::public_get::public_publicity_get)
        .service(publicity::public_report::public_file_report);
    cfg.service(committees::export::export_committees)
        .service(committees::export_filings::export_filings)
        .service(committees::export_reviewers::export_policy_reviewers)
        .service(committees::apply::apply_filing)
        .service(committees::list_filings::list_filings)
        .service(committees::decide::decide_filing)
        .service(committees::assignable::assignable_committees)
        .service(committees::list::list_committees)
        .service(committees::create_reviewers::create_policy_reviewers)
        .service(committees::list_reviewers::list_policy_reviewers)
        .service(committees::update_reviewer::update_policy_reviewer)
        .service(committees::set_reviewer_enabled::set_policy_reviewer_enabled);
    cfg.service(attachments::upload::upload_attachment)
        .service(attachments::list::list_attachments)
        .service(attachments::download::download_attachment)
        .service(attachments::delete::delete_attachment)
        .service(attachments::unit_upload::upload_unit_attachment)
        .service(attachments::unit_list::list_unit_attachments)
        .service(attachments::categories::list_attachment_categories)
        .service(attachments::categories::create_attachment_category)
        .service(attachments::categories::update_attachment_category);
    cfg.service(review_filing::export::export_review_filings)
        .service(review_filing::get::filable_sessions)
        .service(review_filing::list::list_review_filings)
        .service(review_filing::create::create_review_filing)
        .service(review_filing::get::get_review_filing)
        .service(review_filing::update::update_review_filing)
        .service(review_filing::submit::submit_review_filing)
        .service(review_filing::decide::decide_review_filing)
        .service(review_filing::files::upload_review_filing_file)
        .service(review_filing::files::download_review_filing_file)
        .service(review_filing::files::delete_review_filing_file);
    cfg.service(workflow_policy::get_workflow_policy)
        .service(workflow_policy::put_workflow_policy);
    cfg.service(sessions::export::export_sessions)
        .service(sessions::session::list_sessions)
        .service(sessions::session::create_session)
        .service(sessions::session::get_session)
        .service(sessions::session::update_session)
        .service(sessions::session::start_session)
        .service(sessions::session::unassigned_applications)
        .service(sessions::groups::create_group)
        .service(sessions::groups::update_group)
        .service(sessions::groups::delete_group)
        .service(sessions::groups::assign_applications)
        .service(sessions::groups::unassign_applications)
        .service(sessions::groups::put_needs)
        .service(sessions::groups::draw_alternates)
        .service(sessions::draws::draw_experts)
        .service(sessions::draws::session_draws)
        .service(sessions::draws::get_draw)
        .service(sessions::draws::verify_draw)
        .service(sessions::experts::put_position)
        .service(sessions::experts::decline_expert)
        .service(sessions::rules::get_session_rules)
        .service(sessions::rules::put_session_rules)
        .service(votes::rules::get_vote_rules)
        .service(votes::rules::put_vote_rules);
    cfg.service(notices::list_notices)
        .service(notices::notice_summary)
        .service(notices::read_notice)
        .service(notices::read_all_notices)
        .service(notices::list_todos);
    cfg.service(dashboards::applications_dashboard)
        .service(dashboards::export_applications_dashboard)
        .service(dashboards::accounts_dashboard)
        .service(dashboards::export_accounts_dashboard);
    cfg.service(certificates::list::list_certificates)
        .service(certificates::list::my_certificates)
        .service(certificates::export::export_certificates)
        .service(certificates::import::import_certificates)
        .service(certificates::import::certificate_import_template)
        .service(certificates::verify::verify_certificate)
        .service(certificates::get::get_certificate)
        .service(certificates::get::certificate_qr)
        .service(certificates::get::certificate_verifications)
        .service(certificates::backfill::backfill_certificate)
        .service(certificates::revoke::revoke_certificate)
        .service(certificates::numbering::get_certificate_numbering)
        .service(certificates::numbering::put_certificate_numbering)
        .service(certificates::public::public_verify_certificate)
        .service(certificates::public::public_certificate_by_token)
        .service(certificates::public::public_check_signature)
        .service(certificates::public::public_signing_key);
    cfg.service(online::attendance::get_attendance)
        .service(online::attendance::sign_in)
        .service(online::attendance::sign_out)
        .service(online::blind_opinions::list_blind_opinions)
        .service(online::blind_opinions::upload_blind_opinion)
        .service(online::blind_opinions::download_blind_opinion)
        .service(online::blind_opinions::delete_blind_opinion)
        .service(online::distribution::get_distribution)
        .service(online::distribution::put_distribution)
        .service(online::distribution::enter_review)
        .service(online::distribution::defense_held)
        .service(online::reviews::get_review)
        .service(online::reviews::save_review)
        .service(online::reviews::complete_review)
        .service(online::tasks::expert_tasks)
        .service(online::tasks::review_progress);
    cfg.service(votes::group::get_group_vote)
        .service(votes::group::open_group_vote)
        .service(votes::group::cast_group_votes)
        .service(votes::group::close_group_vote)
        .service(votes::committee::get_committee_vote)
        .service(votes::committee::open_committee_vote)
        .service(votes::committee::cast_ballots)
        .service(votes::committee::tally_session)
        .service(votes::committee::export_vote_sheet)
        .service(votes::committee::get_vote_sheet)
        .service(votes::results::export_tally_results)
        .service(votes::results::list_tally_results);
    cfg.service(experts::export::export_pool)
        .service(experts::pool::list_pool)
        .service(experts::pool::pre_enter)
        .service(experts::bulk::bulk_pre_entry)
        .service(experts::pool::get_expert)
        .service(experts::pool::edit_expert)
        .service(experts::pool::record_integrity)
        .service(experts::pool::invite)
        .service(experts::pool::set_status)
        .service(experts::profile::get_profile)
        .service(experts::profile::put_profile)
        .service(experts::profile::profile_units)
        .service(experts::updates::create_pool_update)
        .service(experts::updates::list_pool_updates)
        .service(experts::updates::get_pool_update)
        .service(experts::updates::decide_pool_update)
        .service(experts::recommendations::create_recommendation)
        .service(experts::recommendations::list_recommendations)
        .service(experts::recommendations::decide_recommendation)
        .service(experts::recommendation_files::upload_recommendation_file)
        .service(experts::recommendation_files::list_recommendation_files)
        .service(experts::recommendation_files::download_recommendation_file)
        .service(experts::recommendation_files::delete_recommendation_file);
}
