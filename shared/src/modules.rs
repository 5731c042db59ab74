//! Permissions: one module code per menu of the manual (SPEC §8), plus the two system modules
//! the manual does not name (audit log, security policy — the 等保 three-duty split needs them).
//!
//! A module is one permission, one SPA route and one OpenAPI tag. The login answer lists exactly
//! the modules the API allows the account; the SPA builds its menu from that list.

use serde::{Deserialize, Serialize};

use crate::Locale;

macro_rules! modules {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $group:ident, $zh:literal, $en:literal; )+) => {
        /// A permission / menu entry. Serialized as its dotted code, e.g. `portal.system.users`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "db", derive(diesel::AsExpression, diesel::FromSqlRow))]
        #[cfg_attr(feature = "db", diesel(sql_type = diesel::sql_types::Text))]
        pub enum Module {
            $( $(#[$doc])* #[serde(rename = $code)] $variant, )+
        }

        impl Module {
            /// Every module, in menu order.
            pub const ALL: &'static [Module] = &[$(Module::$variant),+];

            /// The dotted code (`subsystem.group.leaf`).
            pub fn code(self) -> &'static str {
                match self { $( Module::$variant => $code, )+ }
            }

            /// The menu group it appears in.
            pub fn group(self) -> MenuGroup {
                match self { $( Module::$variant => MenuGroup::$group, )+ }
            }

            /// The menu label.
            pub fn name(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $( (Module::$variant, Locale::ZhCn) => $zh, (Module::$variant, Locale::En) => $en, )+
                }
            }

            /// Parses a dotted code (see also the OpenAPI schema below).
            pub fn from_code(code: &str) -> Option<Module> {
                match code { $( $code => Some(Module::$variant), )+ _ => None }
            }
        }

        // Written by hand: the derive cannot read `rename` values that come from a macro.
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for Module {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::openapi_support::text_enum_schema(
                    "A permission / menu entry, as its dotted code",
                    &[$($code),+],
                )
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for Module {}

        db_text!(Module, code, from_code);
    };
}

modules! {
    OrgStructure = "portal.system.org_structure", PortalSystem, "组织机构管理", "Organisation structure";
    Users = "portal.system.users", PortalSystem, "用户管理", "Users";
    BusinessRoles = "portal.system.business_roles", PortalSystem, "业务角色管理", "Business roles";
    UnitRoles = "portal.system.unit_roles", PortalSystem, "单位角色管理", "Unit roles";
    ExtendedUsers = "portal.system.extended_users", PortalSystem, "扩展用户管理", "Extended user query";
    Password = "portal.password", Portal, "密码修改", "Change password";
    PersonalAccounts = "title.accounts.personal_accounts", TitleAccounts, "个人账号管理", "Personal accounts";
    MyApplications = "title.review.my_applications", TitleReview, "个人职称申报", "My applications";
    UnitVerification = "title.review.unit_verification", TitleReview, "单位内部核验", "Unit verification";
    ApplicationPublicity = "title.review.application_publicity", TitleReview, "申报公示", "Application publicity";
    UnitRecommendation = "title.review.unit_recommendation", TitleReview, "单位推荐上报", "Unit recommendation";
    SuperiorReview = "title.review.superior_review", TitleReview, "上级单位流转", "Superior review";
    MaterialReceipt = "title.review.material_receipt", TitleReview, "材料接收", "Material receipt";
    PolicyReview = "title.review.policy_review", TitleReview, "政策性审查", "Policy review";
    NomineePublicity = "title.review.nominee_publicity", TitleReview, "拟送评人员名单公示", "Nominee publicity";
    FailurePublicity = "title.review.failure_publicity", TitleReview, "审查未通过公示", "Failure publicity";
    PolicyRereview = "title.review.policy_rereview", TitleReview, "政策性审查复审", "Policy re-review";
    GroupManagement = "title.review.group_management", TitleReview, "小组管理", "Group management";
    ExpertReview = "title.review.expert_review", TitleReview, "专家评审", "Expert review";
    GroupVote = "title.review.group_vote", TitleReview, "小组投票表决", "Group vote";
    Sessions = "title.online.sessions", TitleOnline, "评委会管理", "Review sessions";
    BlindOpinions = "title.online.blind_opinions", TitleOnline, "盲评意见上传", "Blind review opinions";
    Distribution = "title.online.distribution", TitleOnline, "分发材料", "Distribution";
    CommitteeVote = "title.online.committee_vote", TitleOnline, "评委会投票表决", "Committee vote";
    TallyResults = "title.online.tally_results", TitleOnline, "统票结果", "Tally results";
    ResultPublicity = "title.online.result_publicity", TitleOnline, "评审结果公示", "Result publicity";
    FilingSubmit = "title.filing.submit", TitleFiling, "提交备案", "Submit filing";
    FilingAudit = "title.filing.audit", TitleFiling, "备案审核", "Filing audit";
    FilingQuery = "title.filing.query", TitleFiling, "备案查询", "Filing query";
    CertificateBackfill = "title.certificates.backfill", TitleCertificates, "证书补录", "Certificate backfill";
    CertificateImport = "title.certificates.import", TitleCertificates, "职称证书导入", "Certificate import";
    CertificateVerify = "title.certificates.verify", TitleCertificates, "证书核验", "Certificate verification";
    AuthorityApply = "title.committees.authority_apply", TitleCommittees, "评审权备案申请", "Review authority filing";
    AuthorityAudit = "title.committees.authority_audit", TitleCommittees, "评审权备案审核", "Review authority audit";
    ExpertPool = "title.experts.pool", TitleExperts, "专家库", "Expert pool";
    ExpertProfile = "title.experts.profile", TitleExperts, "专家个人信息", "Expert profile";
    PoolUpdateApply = "title.experts.pool_update_apply", TitleExperts, "专家库更新申请", "Pool update request";
    PoolUpdateAudit = "title.experts.pool_update_audit", TitleExperts, "专家库更新备案审核", "Pool update audit";
    PoolUpdateQuery = "title.experts.pool_update_query", TitleExperts, "备案查询", "Pool update query";
    RecommendApply = "title.experts.recommend_apply", TitleExperts, "专家推荐申请", "Expert recommendation";
    RecommendAccept = "title.experts.recommend_accept", TitleExperts, "专家推荐受理", "Recommendation acceptance";
    UnitCreate = "config.units.create", ConfigUnits, "单位创建", "Create units";
    Affiliation = "config.units.affiliation", ConfigUnits, "主管部门更改", "Affiliation change";
    /// Not a menu of the manual: the auditor's duty (等保 三员分立).
    AuditLog = "system.audit_log", SystemSecurity, "审计日志", "Audit log";
    /// Not a menu of the manual: the security administrator's duty (password and lockout rules).
    SecurityPolicy = "system.security_policy", SystemSecurity, "安全策略", "Security policy";
}

/// The menu groups of SPEC §8, in order, with their subsystem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MenuGroup {
    /// 统一门户子系统 › 系统管理
    PortalSystem,
    /// 统一门户子系统 (top-level entries such as 密码修改)
    Portal,
    /// 职称评审子系统 › 账号管理
    TitleAccounts,
    /// 职称评审子系统 › 职称申报评审管理
    TitleReview,
    /// 职称评审子系统 › 线上评审
    TitleOnline,
    /// 职称评审子系统 › 评审工作备案
    TitleFiling,
    /// 职称评审子系统 › 职称/职业资格证书管理
    TitleCertificates,
    /// 职称评审子系统 › 评委会管理
    TitleCommittees,
    /// 职称评审子系统 › 专家管理
    TitleExperts,
    /// 系统配置子系统 › 单位基础信息管理
    ConfigUnits,
    /// 系统安全 (audit, security policy)
    SystemSecurity,
}

/// The top-level subsystems of the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subsystem {
    /// 统一门户子系统
    Portal,
    /// 职称评审子系统
    Title,
    /// 系统配置子系统
    Config,
    /// 系统安全
    System,
}

impl MenuGroup {
    /// Every group, in menu order.
    pub const ALL: [MenuGroup; 11] = [
        MenuGroup::PortalSystem,
        MenuGroup::Portal,
        MenuGroup::TitleAccounts,
        MenuGroup::TitleReview,
        MenuGroup::TitleOnline,
        MenuGroup::TitleFiling,
        MenuGroup::TitleCertificates,
        MenuGroup::TitleCommittees,
        MenuGroup::TitleExperts,
        MenuGroup::ConfigUnits,
        MenuGroup::SystemSecurity,
    ];

    /// The subsystem the group belongs to.
    pub fn subsystem(self) -> Subsystem {
        match self {
            MenuGroup::PortalSystem | MenuGroup::Portal => Subsystem::Portal,
            MenuGroup::TitleAccounts
            | MenuGroup::TitleReview
            | MenuGroup::TitleOnline
            | MenuGroup::TitleFiling
            | MenuGroup::TitleCertificates
            | MenuGroup::TitleCommittees
            | MenuGroup::TitleExperts => Subsystem::Title,
            MenuGroup::ConfigUnits => Subsystem::Config,
            MenuGroup::SystemSecurity => Subsystem::System,
        }
    }

    /// The group heading.
    pub fn name(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            MenuGroup::PortalSystem => ("系统管理", "System management"),
            MenuGroup::Portal => ("个人设置", "Personal settings"),
            MenuGroup::TitleAccounts => ("账号管理", "Accounts"),
            MenuGroup::TitleReview => ("职称申报评审管理", "Applications and reviews"),
            MenuGroup::TitleOnline => ("线上评审", "Online review"),
            MenuGroup::TitleFiling => ("评审工作备案", "Review filing"),
            MenuGroup::TitleCertificates => ("职称/职业资格证书管理", "Certificates"),
            MenuGroup::TitleCommittees => ("评委会管理", "Committees"),
            MenuGroup::TitleExperts => ("专家管理", "Experts"),
            MenuGroup::ConfigUnits => ("单位基础信息管理", "Unit information"),
            MenuGroup::SystemSecurity => ("系统安全", "System security"),
        };
        match locale {
            Locale::ZhCn => zh,
            Locale::En => en,
        }
    }
}

impl Subsystem {
    /// The subsystem heading.
    pub fn name(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            Subsystem::Portal => ("统一门户子系统", "Unified portal"),
            Subsystem::Title => ("职称评审子系统", "Title evaluation"),
            Subsystem::Config => ("系统配置子系统", "System configuration"),
            Subsystem::System => ("系统安全", "System security"),
        };
        match locale {
            Locale::ZhCn => zh,
            Locale::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_dotted_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &m in Module::ALL {
            assert!(seen.insert(m.code()), "duplicate {}", m.code());
            assert!(m.code().split('.').count() >= 2, "{}", m.code());
            assert_eq!(Module::from_code(m.code()), Some(m));
            let json = serde_json::to_string(&m).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", m.code()));
            assert!(!m.name(Locale::ZhCn).is_empty() && !m.name(Locale::En).is_empty());
        }
        assert_eq!(Module::ALL.len(), 45);
    }

    #[test]
    fn every_group_is_listed_and_holds_a_module() {
        for g in MenuGroup::ALL {
            assert!(Module::ALL.iter().any(|m| m.group() == g), "{g:?} is empty");
        }
    }
}
