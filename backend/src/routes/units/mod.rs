//! `/api/v1/units`: the organisation (统一门户 › 组织机构管理, 系统配置 › 单位创建).

pub mod create;
pub mod export;
pub mod list;
pub mod tree;
pub mod update;

use shared::{ErrorCode, Module};

use crate::{auth::AuthUser, error::ApiError};

/// Reading units needs one of the organisation modules.
pub fn require_read(user: &AuthUser) -> Result<(), ApiError> {
    let readers = [
        Module::OrgStructure,
        Module::UnitCreate,
        Module::Affiliation,
        Module::Users,
        Module::ExtendedUsers,
        // The security administrator assigns unit roles to units, so it must see them.
        Module::UnitRoles,
    ];
    // A review queue's clerk filters its queue by unit (issue 9 point 9): the units of its
    // jurisdiction, as every reader above.
    if readers.iter().any(|m| user.modules.contains(m))
        || crate::applications::access::is_unit_reader(user)
    {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Forbidden))
    }
}
