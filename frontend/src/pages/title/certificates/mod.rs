//! 职称/职业资格证书管理 (issue 12, manual §6.3, SPEC §6, modules `title.certificates.*`): the
//! unit's certificate list with 核验 ([`list`], [`verify`]), 证书补录 and 撤销 ([`backfill`]),
//! 职称证书导入 ([`import`]), the A4 certificate with its QR code and verification history
//! ([`print`]) and the holder's own certificates ([`mine`]).

pub mod backfill;
pub mod import;
pub mod list;
pub mod mine;
pub mod print;
pub mod verify;
