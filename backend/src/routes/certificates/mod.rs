//! `/api/v1/certificates`, `/api/v1/my/certificates`, `/api/v1/public/certificates` and the
//! numbering setting: certificates (职称/职业资格证书管理, manual §6.3) and their public
//! verification (证书核验).

pub mod backfill;
pub mod export;
pub mod get;
pub mod import;
pub mod list;
pub mod numbering;
pub mod public;
pub mod revoke;
pub mod verify;
