//! `config.units` 单位基础信息管理: 单位创建 and 主管部门更改.

pub mod affiliation;
pub mod attachment_categories;
pub mod unit_dialogs;
pub mod units;
