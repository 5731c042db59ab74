//! `/api/v1/experts` and `/api/v1/pool-members` (专家库), `/api/v1/me/expert-profile`
//! (专家个人信息), `/api/v1/pool-updates` (专家库更新备案) and `/api/v1/expert-recommendations`
//! (专家推荐).

pub mod bulk;
pub mod export;
pub mod pool;
pub mod profile;
pub mod recommendation_files;
pub mod recommendations;
pub mod updates;
