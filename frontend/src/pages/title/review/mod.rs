//! `title.review` 职称申报评审管理: the applicant's applications, the editor, one application's
//! detail, the stage queues with their action dialog, and the publicity batches.

pub mod action_dialog;
pub mod application_detail;
pub mod application_form;
pub mod application_list;
pub mod attachments;
pub mod plain_confirm;
pub mod publicity;
pub mod publicity_form;
pub mod publicity_rules;
pub mod unit_proofs;
pub mod unit_started;
// h/review
pub mod revoke_dialog;
pub mod workflow_rules;
