//! The route table: every path of the SPA as a [`Route`], and the entry (bundle) that serves it
//! ([`Route::entry`], the same path map the server uses). Which page a route shows is decided in
//! the entry's page function ([`crate::entries`]) through [`crate::switch`]; which routes need a
//! session in [`crate::guard`].

use shared::spa::SpaEntry;
use yew_router::prelude::*;

/// Every screen of the SPA. The server answers unknown non-`/api` paths with `index.html`, so
/// each of these paths can be opened directly. Which of them need a session is decided in
/// [`crate::guard`].
#[derive(Debug, Clone, PartialEq, Eq, Routable)]
pub enum Route {
    /// Signed in: the to-do home page. Signed out: a welcome with the login form.
    #[at("/")]
    Home,
    /// The login form; `?next=<path>` is where to go after signing in.
    #[at("/login")]
    Login,
    /// 密码修改 (module `portal.password`).
    #[at("/password")]
    Password,
    /// 双因素认证: enrolling an authenticator (forced while the policy requires it).
    #[at("/mfa")]
    MfaEnroll,
    /// 组织机构管理 (`portal.system.org_structure`).
    #[at("/system/org")]
    OrgStructure,
    /// 用户管理 (`portal.system.users`).
    #[at("/system/users")]
    Users,
    /// 用户管理 › 批量导入.
    #[at("/system/users/import")]
    UsersImport,
    /// 业务角色管理 (`portal.system.business_roles`).
    #[at("/system/business-roles")]
    BusinessRoles,
    /// 单位角色管理 (`portal.system.unit_roles`).
    #[at("/system/unit-roles")]
    UnitRoles,
    /// 扩展用户管理 (`portal.system.extended_users`).
    #[at("/system/extended-users")]
    ExtendedUsers,
    /// 个人账号管理 (`title.accounts.personal_accounts`).
    #[at("/accounts/personal")]
    PersonalAccounts,
    /// 个人账号管理 › 批量导入.
    #[at("/accounts/personal/import")]
    PersonalImport,
    /// 单位创建 (`config.units.create`).
    #[at("/config/units")]
    Units,
    /// 主管部门更改 (`config.units.affiliation`).
    #[at("/config/affiliation")]
    Affiliation,
    /// 审计日志 (`system.audit_log`).
    #[at("/security/audit")]
    AuditLog,
    /// 安全策略 (`system.security_policy`).
    #[at("/security/policy")]
    SecurityPolicy,
    /// 个人职称申报 (`title.review.my_applications`): the applicant's own applications.
    #[at("/title/my-applications")]
    MyApplications,
    /// 新建申报: the application editor for a new draft.
    #[at("/title/applications/new")]
    NewApplication,
    /// One application: fields, attachments, timeline and the caller's actions.
    #[at("/title/applications/:id")]
    ApplicationDetail {
        /// Application id.
        id: i64,
    },
    /// The application editor for a draft, a returned application or a supplement.
    #[at("/title/applications/:id/edit")]
    EditApplication {
        /// Application id.
        id: i64,
    },
    /// The queue of a workflow stage (单位内部核验, 单位推荐上报, 上级单位流转, 材料接收,
    /// 政策性审查, 政策性审查复审), by the stage's wire name.
    #[at("/title/queue/:stage")]
    Queue {
        /// The stage's wire name, e.g. `unit_verification`.
        stage: String,
    },
    /// Any other module of SPEC §8, by its dotted code, until it gets its own screen.
    #[at("/m/:code")]
    Module {
        /// The module code, e.g. `title.review.unit_verification`.
        code: String,
    },
    /// Server status (`GET /api/health`).
    #[at("/about")]
    About,
    /// 站内通知: the caller's notices (every signed-in account has them; no module).
    #[at("/inbox")]
    Inbox,
    /// Anything unknown.
    #[not_found]
    #[at("/404")]
    NotFound,
    // publicity, committees, public site
    /// The batches of a publicity kind (`application`, `nominee`, `failure`, `result`).
    #[at("/publicity/:kind")]
    Publicity {
        /// The kind's wire name.
        kind: String,
    },
    /// One batch.
    #[at("/publicity/:kind/:id")]
    PublicityBatch {
        /// The kind's wire name.
        kind: String,
        /// The batch.
        id: i64,
    },
    /// 评审权备案申请 (`title.committees.authority_apply`).
    #[at("/committees/filings")]
    AuthorityApply,
    /// 评审权备案审核 (`title.committees.authority_audit`).
    #[at("/committees/audit")]
    AuthorityAudit,
    /// 个人账号管理 › 政策性审查账号.
    #[at("/accounts/personal/policy-reviewers")]
    PolicyReviewers,
    /// 公示查询, the public site (no login).
    #[at("/public/publicity")]
    PublicPublicity,
    /// One public batch (no login).
    #[at("/public/publicity/:id")]
    PublicPublicityBatch {
        /// The batch.
        id: i64,
    },
    /// 工作日历 (system administrators).
    #[at("/system/calendar")]
    Calendar,
    /// 附件类别 (system administrators, issue 9 point 12).
    #[at("/config/attachment-categories")]
    AttachmentCategories,
    /// 评审会规则: the session and vote rules (system administrators).
    #[at("/system/review-rules")]
    ReviewRules,
    /// 证书核验 (`public.certificates`, no login): the check by number and holder name.
    #[at("/public/certificates")]
    PublicCertificates,
    /// The page the QR code on a certificate opens (no login): the check by its token, and the
    /// signature of the `#CT1.…` fragment.
    #[at("/public/certificates/v/:token")]
    PublicCertificate {
        /// The certificate's opaque token.
        token: String,
    },
    // h/forms: 由单位发起
    /// 单位代为申报: the applications the unit started (`title.review.unit_verification`).
    #[at("/title/unit-started")]
    UnitStarted,
    /// 代为申报: choose the applicant, then the application form.
    #[at("/title/unit-started/new")]
    UnitStartNew,
    // h/sessions: 评委会管理
    /// 评委会管理 (`title.online.sessions`): the review sessions.
    #[at("/online/sessions")]
    OnlineSessions,
    /// One review session, built step by step.
    #[at("/online/sessions/:id")]
    OnlineSession {
        /// Session id.
        id: i64,
    },
    // h/review: during the review (issue 10)
    /// 专家评审 (`title.review.expert_review`): the expert's tasks (home).
    #[at("/online/reviews")]
    OnlineReviews,
    /// One review form of the expert.
    #[at("/online/reviews/:id")]
    OnlineReview {
        /// Review id.
        id: i64,
    },
    /// 小组管理 (`title.review.group_management`): the groups the expert leads.
    #[at("/online/groups")]
    OnlineGroups,
    /// 小组管理 › 分发材料: one group's distribution (the leader; the organising unit reads).
    #[at("/online/groups/:id/distribution")]
    OnlineDistribution {
        /// Group id.
        id: i64,
    },
    /// 签到签退 of one session (the organising unit).
    #[at("/online/sessions/:id/attendance")]
    OnlineAttendance {
        /// Session id.
        id: i64,
    },
    /// 盲评意见上传 of one session (`title.online.blind_opinions`).
    #[at("/online/sessions/:id/blind-opinions")]
    OnlineBlindOpinions {
        /// Session id.
        id: i64,
    },
    // h/filing: 评审工作备案 (issue 11)
    /// 提交备案 / 备案审核 / 备案查询 (`title.filing.*`): the review filings.
    #[at("/online/filings")]
    ReviewFilings,
    /// One review filing: its four kinds of file, 申报, the audit.
    #[at("/online/filings/:id")]
    ReviewFiling {
        /// Filing id.
        id: i64,
    },
    // h/votes: 组内投票, 评委会投票, 评审表决表, 统票结果 (issue 11)
    /// 组内投票 of one group (its experts; the organising unit reads).
    #[at("/online/groups/:id/vote")]
    OnlineGroupVote {
        /// Group id.
        id: i64,
    },
    /// 评委会投票 of one session (the members; the organising unit reads and tallies).
    #[at("/online/sessions/:id/ballot")]
    OnlineCommitteeVote {
        /// Session id.
        id: i64,
    },
    /// 专家抽取记录 of a session: the A4 print view.
    #[at("/online/sessions/:id/draws")]
    OnlineDrawRecord {
        /// Session id.
        id: i64,
    },
    /// 评审表决表 of a tallied session: the A4 print view.
    #[at("/online/sessions/:id/vote-sheet")]
    OnlineVoteSheet {
        /// Session id.
        id: i64,
    },
    /// 统票结果 (`title.online.tally_results`).
    #[at("/online/tally-results")]
    TallyResults,
    // h/experts: 专家管理 (issue 10)
    /// 专家库 (`title.experts.pool`).
    #[at("/experts/pool")]
    ExpertPool,
    /// 专家库更新申请 / 审核 / 备案查询 (`title.experts.pool_update_*`).
    #[at("/experts/pool-updates")]
    PoolUpdates,
    /// 专家推荐申请 / 受理 (`title.experts.recommend_*`).
    #[at("/experts/recommendations")]
    ExpertRecommendations,
    /// 专家个人信息 (`title.experts.profile`), the expert's own.
    #[at("/experts/profile")]
    ExpertProfile,
    // h/cert-screens: 职称/职业资格证书管理 (issue 12)
    /// 证书核验 (`title.certificates.verify`): the unit's certificates and the 核验 dialog.
    #[at("/title/certificates/verify")]
    CertificateVerify,
    /// 证书补录 (`title.certificates.backfill`): the backfilled certificates, 补录 and 撤销.
    #[at("/title/certificates/backfill")]
    CertificateBackfill,
    /// 职称证书导入 (`title.certificates.import`): upload, dry run, import.
    #[at("/title/certificates/import")]
    CertificateImport,
    /// One certificate on A4 (the unit in jurisdiction, or the holder).
    #[at("/title/certificates/:id/print")]
    CertificatePrint {
        /// Certificate id.
        id: i64,
    },
    /// 证书编号规则 (system administrators).
    #[at("/system/certificate-numbering")]
    CertificateNumbering,
    // 统计分析 (issue 12)
    /// 申报统计分析: HRSS units and units that organise a committee (the API decides).
    #[at("/dashboards/applications")]
    DashboardApplications,
    /// 账号统计分析 (system administrators).
    #[at("/system/dashboard")]
    AccountsDashboard,
}

impl Route {
    /// The entry that serves this route's path ([`SpaEntry::for_path`]).
    pub fn entry(&self) -> SpaEntry {
        SpaEntry::for_path(&self.to_path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_belongs_to_the_entry_that_renders_it() {
        let cases = [
            (Route::Home, SpaEntry::Portal),
            (Route::Login, SpaEntry::Portal),
            (Route::Password, SpaEntry::Portal),
            (Route::MfaEnroll, SpaEntry::Portal),
            (Route::About, SpaEntry::Portal),
            (Route::Inbox, SpaEntry::Portal),
            (Route::NotFound, SpaEntry::Portal),
            (
                Route::Module {
                    code: "title.online.sessions".to_owned(),
                },
                SpaEntry::Portal,
            ),
            (Route::PublicPublicity, SpaEntry::Public),
            (Route::PublicPublicityBatch { id: 3 }, SpaEntry::Public),
            (Route::PublicCertificates, SpaEntry::Public),
            (
                Route::PublicCertificate {
                    token: "AbCdEfGhIjKlMnOpQrSt-_".to_owned(),
                },
                SpaEntry::Public,
            ),
            (Route::OrgStructure, SpaEntry::Admin),
            (Route::Users, SpaEntry::Admin),
            (Route::UsersImport, SpaEntry::Admin),
            (Route::BusinessRoles, SpaEntry::Security),
            (Route::UnitRoles, SpaEntry::Security),
            (Route::ExtendedUsers, SpaEntry::Admin),
            (Route::Units, SpaEntry::Admin),
            (Route::Affiliation, SpaEntry::Admin),
            (Route::AuditLog, SpaEntry::Security),
            (Route::SecurityPolicy, SpaEntry::Security),
            (Route::Calendar, SpaEntry::Admin),
            (Route::AttachmentCategories, SpaEntry::Admin),
            (Route::ReviewRules, SpaEntry::Admin),
            (Route::PersonalAccounts, SpaEntry::Manage),
            (Route::PersonalImport, SpaEntry::Manage),
            (Route::PolicyReviewers, SpaEntry::Manage),
            (Route::MyApplications, SpaEntry::Title),
            (Route::NewApplication, SpaEntry::Title),
            (Route::UnitStarted, SpaEntry::Title),
            (Route::UnitStartNew, SpaEntry::Title),
            (Route::ApplicationDetail { id: 1 }, SpaEntry::Title),
            (Route::EditApplication { id: 1 }, SpaEntry::Title),
            (
                Route::Queue {
                    stage: "unit_verification".to_owned(),
                },
                SpaEntry::Title,
            ),
            (
                Route::Publicity {
                    kind: "nominee".to_owned(),
                },
                SpaEntry::Publicity,
            ),
            (
                Route::PublicityBatch {
                    kind: "nominee".to_owned(),
                    id: 2,
                },
                SpaEntry::Publicity,
            ),
            (Route::AuthorityApply, SpaEntry::Manage),
            (Route::AuthorityAudit, SpaEntry::Manage),
            (Route::OnlineReviews, SpaEntry::Reviewer),
            (Route::OnlineGroups, SpaEntry::Reviewer),
            (Route::OnlineReview { id: 1 }, SpaEntry::Reviewer),
            (Route::OnlineDistribution { id: 1 }, SpaEntry::Reviewer),
            (Route::OnlineAttendance { id: 1 }, SpaEntry::Online),
            (Route::OnlineBlindOpinions { id: 1 }, SpaEntry::Online),
            (Route::ReviewFilings, SpaEntry::Online),
            (Route::ReviewFiling { id: 1 }, SpaEntry::Online),
            (Route::OnlineGroupVote { id: 1 }, SpaEntry::Reviewer),
            (Route::OnlineCommitteeVote { id: 1 }, SpaEntry::Reviewer),
            (Route::OnlineVoteSheet { id: 1 }, SpaEntry::Online),
            (Route::OnlineDrawRecord { id: 1 }, SpaEntry::Online),
            (Route::TallyResults, SpaEntry::Online),
            (Route::ExpertPool, SpaEntry::Experts),
            (Route::PoolUpdates, SpaEntry::Experts),
            (Route::ExpertRecommendations, SpaEntry::Experts),
            (Route::ExpertProfile, SpaEntry::Reviewer),
            (Route::CertificateVerify, SpaEntry::Certificates),
            (Route::CertificateBackfill, SpaEntry::Certificates),
            (Route::CertificateImport, SpaEntry::Certificates),
            (Route::CertificatePrint { id: 1 }, SpaEntry::Certificates),
            (Route::CertificateNumbering, SpaEntry::Admin),
            (Route::DashboardApplications, SpaEntry::Manage),
            (Route::AccountsDashboard, SpaEntry::Admin),
        ];
        for (route, entry) in cases {
            assert_eq!(route.entry(), entry, "{route:?}");
        }
    }

    #[test]
    fn the_vote_screens_round_trip_through_their_paths() {
        let cases = [
            (Route::OnlineGroupVote { id: 7 }, "/online/groups/7/vote"),
            (
                Route::OnlineCommitteeVote { id: 3 },
                "/online/sessions/3/ballot",
            ),
            (
                Route::OnlineVoteSheet { id: 3 },
                "/online/sessions/3/vote-sheet",
            ),
            (Route::TallyResults, "/online/tally-results"),
            (
                Route::OnlineDrawRecord { id: 3 },
                "/online/sessions/3/draws",
            ),
        ];
        for (route, path) in cases {
            assert_eq!(route.to_path(), path);
            assert_eq!(Route::recognize(path), Some(route));
        }
    }

    #[test]
    fn reserved_paths_are_routes() {
        for path in shared::spa::RESERVED_PATHS {
            let route = Route::recognize(path);
            assert!(
                route.is_some_and(|r| r != Route::NotFound),
                "{path} is not in the route table"
            );
        }
    }
}
