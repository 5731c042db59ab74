//! 专家管理 (issue 10, manual §6.5, modules `title.experts.*`): the pool, pool update filings,
//! recommendations and the expert's own profile.

pub mod bulk;
pub mod entry;
pub mod person;
pub mod pool;
pub mod profile;
pub mod recommendation_files;
pub mod recommendations;
pub mod unit_conflicts;
pub mod updates;
