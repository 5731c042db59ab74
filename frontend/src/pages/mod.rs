//! One module per screen; each page's root element carries `data-testid="page-…"`.

pub mod about;
pub mod account_dialogs;
pub mod account_rules;
pub mod accounts;
pub mod action_dialog;
pub mod affiliation;
pub mod application_detail;
pub mod application_form;
pub mod application_list;
pub mod attachments;
pub mod audit;
pub mod bulk_import;
pub mod business_roles;
pub mod forced_password;
pub mod format;
pub mod home;
pub mod login;
pub mod module;
pub mod not_found;
pub mod org_tree;
pub mod password;
pub mod security_policy;
pub mod unit_dialogs;
pub mod unit_role_units;
pub mod unit_roles;
pub mod units;
pub mod workflow_rules;
// publicity, committees, public site
pub mod calendar;
pub mod committees;
pub mod policy_reviewers;
pub mod public_site;
pub mod publicity;
pub mod publicity_dialogs;
pub mod publicity_form;
pub mod publicity_rules;
