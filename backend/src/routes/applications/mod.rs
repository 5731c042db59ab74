//! `/api/v1/applications`: the applicant's content, the workflow actions, lists and the
//! timeline.

pub mod act;
pub mod batch;
pub mod candidates;
pub mod changes;
pub mod create;
pub mod create_for;
pub mod export;
pub mod forward_target;
pub mod get;
pub mod list;
pub mod timeline;
pub mod update;
