//! Which modules an account holds: the ceiling of its kind, narrowed by its unit's role
//! (可用菜单) and, for handlers, by its business roles. The login answer and every endpoint's
//! check use this one function, so the menu and the API cannot disagree.

use std::collections::BTreeSet;

use diesel::prelude::*;
use shared::{AccountKind, Module, UnitKind};

use crate::{
    db::{
        schema::{account_roles, business_role_modules, unit_role_modules, units},
        DbConnection,
    },
    error::ApiError,
};

use Module as M;

/// Modules no unit-side account may hold (the rule lives in `shared`, the SPA reads it too).
pub use shared::rules::NOT_FOR_UNITS;

/// The administration modules of a unit administrator.
const UNIT_ADMIN: &[Module] = &[
    M::OrgStructure,
    M::Users,
    M::BusinessRoles,
    M::ExtendedUsers,
    M::PersonalAccounts,
];

/// The most a kind may ever hold (before unit and business roles narrow it).
pub fn ceiling(kind: AccountKind) -> BTreeSet<Module> {
    let fixed: &[Module] = match kind {
        // Managing accounts and roles is the unit administrator's duty, not the unit account's.
        AccountKind::Unit | AccountKind::Handler => {
            return Module::ALL
                .iter()
                .copied()
                .filter(|m| !NOT_FOR_UNITS.contains(m) && !matches!(m, M::Users | M::BusinessRoles))
                .collect();
        }
        AccountKind::UnitAdmin => UNIT_ADMIN,
        AccountKind::Applicant => &[M::MyApplications],
        AccountKind::PolicyReviewer => &[
            M::PolicyReview,
            M::PolicyRereview,
            M::NomineePublicity,
            M::FailurePublicity,
        ],
        AccountKind::Expert => &[
            M::ExpertProfile,
            M::ExpertReview,
            M::GroupVote,
            // A committee member's ballot (评委会投票表决, manual §6.2.10.7).
            M::CommitteeVote,
            // The group leader's distribution (小组管理, manual §6.2.10.4) is an expert's duty.
            M::GroupManagement,
        ],
        AccountKind::SystemAdmin => &[
            M::OrgStructure,
            M::Users,
            M::ExtendedUsers,
            M::UnitCreate,
            M::Affiliation,
        ],
        AccountKind::SecurityAdmin => &[M::BusinessRoles, M::UnitRoles, M::SecurityPolicy],
        AccountKind::Auditor => &[M::AuditLog],
    };
    fixed.iter().copied().collect()
}

/// The default unit role (可用菜单) of a new unit of `kind`, by name; seeded by migration data.
pub fn default_unit_role_modules(kind: UnitKind) -> Vec<(Module, bool)> {
    let business: &[Module] = match kind {
        UnitKind::Hrss => &[
            M::SuperiorReview,
            M::MaterialReceipt,
            M::ApplicationPublicity,
            M::NomineePublicity,
            M::FailurePublicity,
            M::Sessions,
            M::BlindOpinions,
            M::Distribution,
            M::CommitteeVote,
            M::TallyResults,
            M::ResultPublicity,
            M::FilingSubmit,
            M::FilingAudit,
            M::FilingQuery,
            M::CertificateBackfill,
            M::CertificateImport,
            M::CertificateVerify,
            M::AuthorityApply,
            M::AuthorityAudit,
            M::ExpertPool,
            M::PoolUpdateApply,
            M::PoolUpdateAudit,
            M::PoolUpdateQuery,
            M::RecommendApply,
            M::RecommendAccept,
            M::UnitCreate,
            M::Affiliation,
            M::PersonalAccounts,
        ],
        UnitKind::CompetentDepartment => &[
            M::SuperiorReview,
            M::MaterialReceipt,
            M::AuthorityApply,
            M::RecommendApply,
            M::PersonalAccounts,
            M::Affiliation,
            M::FilingQuery,
            M::CertificateVerify,
        ],
        UnitKind::Employer => &[
            M::PersonalAccounts,
            M::UnitVerification,
            M::ApplicationPublicity,
            M::UnitRecommendation,
            M::AuthorityApply,
            M::RecommendApply,
            M::Affiliation,
            M::CertificateVerify,
        ],
    };
    let admin = [
        M::OrgStructure,
        M::Users,
        M::BusinessRoles,
        M::ExtendedUsers,
    ];
    business
        .iter()
        .map(|&m| (m, true))
        .chain(admin.iter().map(|&m| (m, false)))
        .collect()
}

/// The modules `account_id` holds now. `portal.password` is always included.
pub fn effective(
    conn: &mut DbConnection,
    account_id: i64,
    kind: AccountKind,
    unit_id: i64,
) -> Result<BTreeSet<Module>, ApiError> {
    let mut held = ceiling(kind);
    if matches!(
        kind,
        AccountKind::Unit | AccountKind::UnitAdmin | AccountKind::Handler
    ) {
        let available: BTreeSet<Module> = units::table
            .inner_join(
                unit_role_modules::table.on(unit_role_modules::role_id
                    .nullable()
                    .eq(units::unit_role_id)),
            )
            .filter(units::id.eq(unit_id))
            .select(unit_role_modules::module)
            .load::<String>(conn)?
            .iter()
            .filter_map(|c| Module::from_code(c))
            .collect();
        held = held.intersection(&available).copied().collect();
    }
    if kind == AccountKind::Handler {
        let granted: BTreeSet<Module> = account_roles::table
            .inner_join(
                business_role_modules::table
                    .on(business_role_modules::role_id.eq(account_roles::role_id)),
            )
            .filter(account_roles::account_id.eq(account_id))
            .select(business_role_modules::module)
            .load::<String>(conn)?
            .iter()
            .filter_map(|c| Module::from_code(c))
            .collect();
        // A handler holds what its roles grant and its unit may still hand out (可分配).
        let assignable: BTreeSet<Module> = units::table
            .inner_join(
                unit_role_modules::table.on(unit_role_modules::role_id
                    .nullable()
                    .eq(units::unit_role_id)),
            )
            .filter(units::id.eq(unit_id))
            .filter(unit_role_modules::assignable.eq(true))
            .select(unit_role_modules::module)
            .load::<String>(conn)?
            .iter()
            .filter_map(|c| Module::from_code(c))
            .collect();
        held = held
            .intersection(&granted)
            .copied()
            .filter(|m| assignable.contains(m))
            .collect();
    }
    held.insert(M::Password);
    Ok(held)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_administrator_duties_do_not_overlap() {
        let sys = ceiling(AccountKind::SystemAdmin);
        let sec = ceiling(AccountKind::SecurityAdmin);
        let aud = ceiling(AccountKind::Auditor);
        assert!(sys.is_disjoint(&sec) && sys.is_disjoint(&aud) && sec.is_disjoint(&aud));
        assert_eq!(aud, BTreeSet::from([M::AuditLog]));
    }

    #[test]
    fn unit_side_accounts_never_review_policy_or_read_the_audit_log() {
        for kind in [
            AccountKind::Unit,
            AccountKind::Handler,
            AccountKind::UnitAdmin,
        ] {
            let c = ceiling(kind);
            for m in [
                M::PolicyReview,
                M::PolicyRereview,
                M::AuditLog,
                M::MyApplications,
            ] {
                assert!(!c.contains(&m), "{kind} may not hold {m:?}");
            }
        }
    }
}
