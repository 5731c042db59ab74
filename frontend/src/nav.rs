//! The navigation model: the side menu built from the account's modules (SPEC §8) and the
//! breadcrumb trail of a route. Plain data, so the rules are tested without a browser.

use shared::workflow::Stage;
use shared::{Locale, MenuGroup, Module, Subsystem};

use crate::i18n::Key;
use crate::pages::title::review::publicity_rules;
use crate::pages::title::review::workflow_rules::{queue_module, queue_stage};
use crate::routes::Route;

/// One menu group with the account's modules in it, in menu order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupEntry {
    /// The group.
    pub group: MenuGroup,
    /// The modules of the group the account holds.
    pub modules: Vec<Module>,
}

/// A subsystem heading with its non-empty groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The subsystem.
    pub subsystem: Subsystem,
    /// Its groups that hold at least one of the account's modules.
    pub groups: Vec<GroupEntry>,
}

/// The menu for an account holding `held`: exactly those modules, in [`Module::ALL`] order,
/// grouped by [`MenuGroup::ALL`] under their subsystem; empty groups and subsystems are left
/// out, and modules the SPA does not list are ignored.
pub fn sections(held: &[Module]) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    for group in MenuGroup::ALL {
        let modules: Vec<Module> = Module::ALL
            .iter()
            .copied()
            .filter(|m| m.group() == group && held.contains(m))
            .collect();
        if modules.is_empty() {
            continue;
        }
        let entry = GroupEntry { group, modules };
        match sections.last_mut() {
            Some(last) if last.subsystem == group.subsystem() => last.groups.push(entry),
            _ => sections.push(Section {
                subsystem: group.subsystem(),
                groups: vec![entry],
            }),
        }
    }
    sections
}

/// The screen of a module: its own route where it has one, else the placeholder page.
pub fn module_route(module: Module) -> Route {
    match module {
        Module::Password => Route::Password,
        Module::OrgStructure => Route::OrgStructure,
        Module::Users => Route::Users,
        Module::BusinessRoles => Route::BusinessRoles,
        Module::UnitRoles => Route::UnitRoles,
        Module::ExtendedUsers => Route::ExtendedUsers,
        Module::PersonalAccounts => Route::PersonalAccounts,
        Module::UnitCreate => Route::Units,
        Module::Affiliation => Route::Affiliation,
        Module::AuditLog => Route::AuditLog,
        Module::SecurityPolicy => Route::SecurityPolicy,
        Module::MyApplications => Route::MyApplications,
        // publicity, committees, public site
        Module::AuthorityApply => Route::AuthorityApply,
        Module::AuthorityAudit => Route::AuthorityAudit,
        Module::Sessions => Route::OnlineSessions,
        // h/review: the expert's home lists the leader's groups and the review forms.
        Module::ExpertReview => Route::OnlineReviews,
        Module::GroupManagement => Route::OnlineGroups,
        // h/experts
        Module::ExpertPool => Route::ExpertPool,
        Module::ExpertProfile => Route::ExpertProfile,
        Module::PoolUpdateApply | Module::PoolUpdateAudit | Module::PoolUpdateQuery => {
            Route::PoolUpdates
        }
        Module::RecommendApply | Module::RecommendAccept => Route::ExpertRecommendations,
        // h/filing: one screen for submit, audit and query (the API decides).
        Module::FilingSubmit | Module::FilingAudit | Module::FilingQuery => Route::ReviewFilings,
        // h/votes: the group vote and the ballot are per group / per session and open from the
        // expert's home and the session page; only the results list is a menu screen.
        Module::TallyResults => Route::TallyResults,
        // h/cert-screens
        Module::CertificateVerify => Route::CertificateVerify,
        Module::CertificateBackfill => Route::CertificateBackfill,
        Module::CertificateImport => Route::CertificateImport,
        m if publicity_rules::kind_of(m).is_some() => Route::Publicity {
            kind: publicity_rules::kind_of(m)
                .map(|k| k.as_str().to_owned())
                .unwrap_or_default(),
        },
        _ => match queue_stage(module) {
            Some(stage) => Route::Queue {
                stage: stage.as_str().to_owned(),
            },
            None => Route::Module {
                code: module.code().to_owned(),
            },
        },
    }
}

/// The trail of a page of the title-review group that is not a module's own screen.
fn review_trail(last: Crumb) -> Vec<Crumb> {
    vec![
        Crumb::Subsystem(Subsystem::Title),
        Crumb::Group(MenuGroup::TitleReview),
        last,
    ]
}

/// `data-testid` of a module's menu link: `menu-` and the code with dots as dashes.
pub fn module_testid(module: Module) -> String {
    format!("menu-{}", module.code().replace('.', "-"))
}

/// `data-testid` of a group heading: `menu-group-` and the group's wire name.
pub fn group_testid(group: MenuGroup) -> String {
    format!("menu-group-{}", wire_name(&group))
}

/// `data-testid` of a subsystem heading.
pub fn subsystem_testid(subsystem: Subsystem) -> String {
    format!("menu-subsystem-{}", wire_name(&subsystem))
}

/// The serde (`snake_case`) name, so test ids follow the API's spelling.
fn wire_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .map(|json| json.trim_matches('"').to_owned())
        .unwrap_or_default()
}

/// Whether a group's heading would only repeat its subsystem's (系统安全 › 系统安全): the menu
/// and the breadcrumbs then show one heading.
pub fn repeats_subsystem(group: MenuGroup) -> bool {
    Locale::ALL
        .iter()
        .all(|&l| group.name(l) == group.subsystem().name(l))
}

/// One step of a breadcrumb trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crumb {
    /// A fixed UI text.
    Text(Key),
    /// A subsystem heading.
    Subsystem(Subsystem),
    /// A menu group heading.
    Group(MenuGroup),
    /// A module.
    Module(Module),
}

/// The trail of `route` after 首页, the last step being the current page.
pub fn trail(route: &Route) -> Vec<Crumb> {
    match route {
        Route::Home => vec![Crumb::Text(Key::NavHome)],
        Route::Login => vec![Crumb::Text(Key::LoginHeading)],
        Route::Inbox => vec![Crumb::Text(Key::InboxTitle)],
        Route::MfaEnroll => vec![Crumb::Text(Key::MfaHeading)],
        Route::Password => module_trail(Module::Password),
        Route::OrgStructure => module_trail(Module::OrgStructure),
        Route::Users => module_trail(Module::Users),
        Route::UsersImport => sub_trail(Module::Users, Key::TabImport),
        Route::BusinessRoles => module_trail(Module::BusinessRoles),
        Route::UnitRoles => module_trail(Module::UnitRoles),
        Route::Affiliation => module_trail(Module::Affiliation),
        Route::ExtendedUsers => module_trail(Module::ExtendedUsers),
        Route::PersonalAccounts => module_trail(Module::PersonalAccounts),
        Route::PersonalImport => sub_trail(Module::PersonalAccounts, Key::TabImport),
        Route::Units => module_trail(Module::UnitCreate),
        Route::AuditLog => module_trail(Module::AuditLog),
        Route::SecurityPolicy => module_trail(Module::SecurityPolicy),
        Route::MyApplications => module_trail(Module::MyApplications),
        Route::NewApplication => sub_trail(Module::MyApplications, Key::WfNewApplication),
        Route::EditApplication { .. } => sub_trail(Module::MyApplications, Key::WfEditApplication),
        Route::ApplicationDetail { .. } => review_trail(Crumb::Text(Key::WfDetailHeading)),
        Route::Queue { stage } => match Stage::parse(stage).and_then(queue_module) {
            Some(module) => module_trail(module),
            None => vec![Crumb::Text(Key::NotFoundHeading)],
        },
        Route::Module { code } => match Module::from_code(code) {
            Some(module) => module_trail(module),
            None => vec![Crumb::Text(Key::NotFoundHeading)],
        },
        Route::About => vec![
            Crumb::Text(Key::MenuGroupSystem),
            Crumb::Text(Key::NavAbout),
        ],
        Route::NotFound => vec![Crumb::Text(Key::NotFoundHeading)],
        // publicity, committees, public site
        Route::Publicity { .. } | Route::AuthorityApply | Route::AuthorityAudit => {
            match route_module(route) {
                Some(module) => module_trail(module),
                None => vec![Crumb::Text(Key::NotFoundHeading)],
            }
        }
        Route::PublicityBatch { .. } => match route_module(route) {
            Some(module) => sub_trail(module, Key::PubView),
            None => vec![Crumb::Text(Key::NotFoundHeading)],
        },
        Route::PolicyReviewers => sub_trail(Module::PersonalAccounts, Key::RevTab),
        Route::PublicPublicity => vec![Crumb::Text(Key::NavPublicSite)],
        Route::PublicPublicityBatch { .. } => {
            vec![Crumb::Text(Key::NavPublicSite), Crumb::Text(Key::PubView)]
        }
        Route::Calendar => vec![
            Crumb::Text(Key::MenuGroupSystem),
            Crumb::Text(Key::NavCalendar),
        ],
        Route::PublicCertificates | Route::PublicCertificate { .. } => {
            vec![Crumb::Text(Key::NavCertificates)]
        }
        Route::UnitStarted => sub_trail(Module::UnitVerification, Key::UsTitle),
        Route::UnitStartNew => sub_trail(Module::UnitVerification, Key::UsNew),
        Route::AttachmentCategories => vec![
            Crumb::Text(Key::MenuGroupSystem),
            Crumb::Text(Key::NavAttachmentCategories),
        ],
        Route::ReviewRules => vec![
            Crumb::Text(Key::MenuGroupSystem),
            Crumb::Text(Key::NavReviewRules),
        ],
        Route::OnlineSessions => module_trail(Module::Sessions),
        Route::OnlineSession { .. } => sub_trail(Module::Sessions, Key::SesOpen),
        Route::OnlineDrawRecord { .. } => sub_trail(Module::Sessions, Key::SesDrawRecordTitle),
        // h/review
        Route::OnlineReviews => module_trail(Module::ExpertReview),
        Route::OnlineReview { .. } => sub_trail(Module::ExpertReview, Key::OrFormTitle),
        Route::OnlineGroups => module_trail(Module::GroupManagement),
        Route::OnlineDistribution { .. } => sub_trail(Module::GroupManagement, Key::OrDistribute),
        Route::OnlineAttendance { .. } => sub_trail(Module::Sessions, Key::OrAttendanceTitle),
        Route::OnlineBlindOpinions { .. } => module_trail(Module::BlindOpinions),
        // h/experts
        Route::ExpertPool => module_trail(Module::ExpertPool),
        Route::ExpertProfile => module_trail(Module::ExpertProfile),
        Route::PoolUpdates => module_trail(Module::PoolUpdateApply),
        Route::ReviewFilings => group_trail(MenuGroup::TitleFiling),
        Route::ReviewFiling { .. } => {
            let mut trail = group_trail(MenuGroup::TitleFiling);
            trail.push(Crumb::Text(Key::RfDetail));
            trail
        }
        Route::ExpertRecommendations => module_trail(Module::RecommendApply),
        // h/votes
        Route::OnlineGroupVote { .. } => module_trail(Module::GroupVote),
        Route::OnlineCommitteeVote { .. } => module_trail(Module::CommitteeVote),
        Route::OnlineVoteSheet { .. } => sub_trail(Module::CommitteeVote, Key::VtSheetTitle),
        Route::TallyResults => module_trail(Module::TallyResults),
        // h/cert-screens
        Route::CertificateVerify => module_trail(Module::CertificateVerify),
        Route::CertificateBackfill => module_trail(Module::CertificateBackfill),
        Route::CertificateImport => module_trail(Module::CertificateImport),
        Route::CertificatePrint { .. } => {
            let mut trail = group_trail(MenuGroup::TitleCertificates);
            trail.push(Crumb::Text(Key::CertPrintTitle));
            trail
        }
        Route::CertificateNumbering => vec![
            Crumb::Text(Key::MenuGroupSystem),
            Crumb::Text(Key::NavCertNumbering),
        ],
        Route::DashboardApplications => vec![
            Crumb::Text(Key::DashNav),
            Crumb::Text(Key::DashApplicationsTitle),
        ],
        Route::AccountsDashboard => vec![
            Crumb::Text(Key::MenuGroupSystem),
            Crumb::Text(Key::DashAccountsTitle),
        ],
    }
}

/// The module the route is the screen of (its own route or a tab of it).
pub fn route_module(route: &Route) -> Option<Module> {
    match route {
        Route::Password => Some(Module::Password),
        Route::OrgStructure => Some(Module::OrgStructure),
        Route::Users | Route::UsersImport => Some(Module::Users),
        Route::BusinessRoles => Some(Module::BusinessRoles),
        Route::UnitRoles => Some(Module::UnitRoles),
        Route::Affiliation => Some(Module::Affiliation),
        Route::ExtendedUsers => Some(Module::ExtendedUsers),
        Route::PersonalAccounts | Route::PersonalImport => Some(Module::PersonalAccounts),
        Route::Units => Some(Module::UnitCreate),
        Route::AuditLog => Some(Module::AuditLog),
        Route::SecurityPolicy => Some(Module::SecurityPolicy),
        Route::MyApplications | Route::NewApplication | Route::EditApplication { .. } => {
            Some(Module::MyApplications)
        }
        Route::Queue { stage } => Stage::parse(stage).and_then(queue_module),
        Route::Module { code } => Module::from_code(code),
        Route::ApplicationDetail { .. } => None,
        // 站内通知 is every signed-in account's, like the home page: no module.
        Route::Home
        | Route::Login
        | Route::About
        | Route::NotFound
        | Route::Inbox
        | Route::MfaEnroll => None,
        // publicity, committees, public site
        Route::Publicity { kind } | Route::PublicityBatch { kind, .. } => {
            publicity_rules::parse_kind(kind).map(publicity_rules::module_of)
        }
        Route::AuthorityApply => Some(Module::AuthorityApply),
        Route::AuthorityAudit => Some(Module::AuthorityAudit),
        Route::PolicyReviewers => Some(Module::PersonalAccounts),
        Route::PublicPublicity
        | Route::PublicPublicityBatch { .. }
        | Route::PublicCertificates
        | Route::PublicCertificate { .. }
        | Route::Calendar
        | Route::AttachmentCategories
        | Route::ReviewRules => None,
        Route::UnitStarted | Route::UnitStartNew => Some(Module::UnitVerification),
        Route::OnlineSessions | Route::OnlineSession { .. } | Route::OnlineDrawRecord { .. } => {
            Some(Module::Sessions)
        }
        // h/review: the leader and the organising unit share the distribution screen, the
        // organising unit's sessions or distribution module opens attendance (the API decides).
        Route::OnlineReviews | Route::OnlineReview { .. } => Some(Module::ExpertReview),
        Route::OnlineBlindOpinions { .. } => Some(Module::BlindOpinions),
        Route::OnlineGroups => Some(Module::GroupManagement),
        Route::OnlineDistribution { .. } | Route::OnlineAttendance { .. } => None,
        // h/experts: one screen serves the apply, audit and query modules (the API decides).
        Route::ExpertPool => Some(Module::ExpertPool),
        Route::ExpertProfile => Some(Module::ExpertProfile),
        Route::PoolUpdates | Route::ExpertRecommendations => None,
        // h/filing: one screen serves submit, audit and query.
        Route::ReviewFilings | Route::ReviewFiling { .. } => None,
        // h/votes: experts (their vote module) and the unit side (committee vote, tally
        // results or sessions) share the vote screens: the API decides.
        Route::OnlineGroupVote { .. }
        | Route::OnlineCommitteeVote { .. }
        | Route::OnlineVoteSheet { .. } => None,
        Route::TallyResults => Some(Module::TallyResults),
        // h/cert-screens: the print page is the holder's too (the API decides); the
        // numbering setting is the system administrator's, like the review rules.
        Route::CertificateVerify => Some(Module::CertificateVerify),
        Route::CertificateBackfill => Some(Module::CertificateBackfill),
        Route::CertificateImport => Some(Module::CertificateImport),
        Route::CertificatePrint { .. } | Route::CertificateNumbering => None,
        // 统计分析: no module; the API decides.
        Route::DashboardApplications | Route::AccountsDashboard => None,
    }
}

/// The trail of a screen several modules of one group share.
fn group_trail(group: MenuGroup) -> Vec<Crumb> {
    vec![Crumb::Subsystem(group.subsystem()), Crumb::Group(group)]
}

fn sub_trail(module: Module, tab: Key) -> Vec<Crumb> {
    let mut trail = module_trail(module);
    trail.push(Crumb::Text(tab));
    trail
}

fn module_trail(module: Module) -> Vec<Crumb> {
    let group = module.group();
    let mut trail = vec![Crumb::Subsystem(group.subsystem())];
    if !repeats_subsystem(group) {
        trail.push(Crumb::Group(group));
    }
    trail.push(Crumb::Module(module));
    trail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_lists_exactly_the_held_modules_in_menu_order() {
        // Out of order, with a duplicate: the menu still follows Module::ALL.
        let held = [
            Module::Password,
            Module::UnitVerification,
            Module::PersonalAccounts,
            Module::Users,
            Module::UnitVerification,
            Module::ApplicationPublicity,
        ];
        let menu = sections(&held);
        assert_eq!(
            menu,
            vec![
                Section {
                    subsystem: Subsystem::Portal,
                    groups: vec![
                        GroupEntry {
                            group: MenuGroup::PortalSystem,
                            modules: vec![Module::Users],
                        },
                        GroupEntry {
                            group: MenuGroup::Portal,
                            modules: vec![Module::Password],
                        },
                    ],
                },
                Section {
                    subsystem: Subsystem::Title,
                    groups: vec![
                        GroupEntry {
                            group: MenuGroup::TitleAccounts,
                            modules: vec![Module::PersonalAccounts],
                        },
                        GroupEntry {
                            group: MenuGroup::TitleReview,
                            modules: vec![Module::UnitVerification, Module::ApplicationPublicity],
                        },
                    ],
                },
            ]
        );
    }

    #[test]
    fn an_auditor_menu_and_an_empty_one() {
        let menu = sections(&[Module::AuditLog, Module::Password]);
        let groups: Vec<MenuGroup> = menu
            .iter()
            .flat_map(|s| s.groups.iter().map(|g| g.group))
            .collect();
        assert_eq!(groups, vec![MenuGroup::Portal, MenuGroup::SystemSecurity]);
        assert!(sections(&[]).is_empty());
    }

    #[test]
    fn every_module_appears_once_when_all_are_held() {
        let listed: Vec<Module> = sections(Module::ALL)
            .into_iter()
            .flat_map(|s| s.groups.into_iter().flat_map(|g| g.modules))
            .collect();
        let mut expected = Vec::new();
        for group in MenuGroup::ALL {
            expected.extend(Module::ALL.iter().copied().filter(|m| m.group() == group));
        }
        assert_eq!(listed, expected);
        assert_eq!(listed.len(), Module::ALL.len());
    }

    #[test]
    fn test_ids_and_routes() {
        assert_eq!(module_testid(Module::Password), "menu-portal-password");
        assert_eq!(module_testid(Module::AuditLog), "menu-system-audit_log");
        assert_eq!(
            module_testid(Module::UnitVerification),
            "menu-title-review-unit_verification"
        );
        assert_eq!(
            group_testid(MenuGroup::SystemSecurity),
            "menu-group-system_security"
        );
        assert_eq!(
            group_testid(MenuGroup::PortalSystem),
            "menu-group-portal_system"
        );
        assert_eq!(subsystem_testid(Subsystem::Title), "menu-subsystem-title");
        assert_eq!(module_route(Module::Password), Route::Password);
        assert_eq!(module_route(Module::AuditLog), Route::AuditLog);
        assert_eq!(module_route(Module::SecurityPolicy), Route::SecurityPolicy);
        assert_eq!(
            route_module(&Route::SecurityPolicy),
            Some(Module::SecurityPolicy)
        );
        assert_eq!(
            module_route(Module::PolicyReview),
            Route::Queue {
                stage: "policy_review".into()
            }
        );
        assert_eq!(module_route(Module::MyApplications), Route::MyApplications);
        assert_eq!(
            module_route(Module::ApplicationPublicity),
            Route::Publicity {
                kind: "application".into()
            }
        );
        assert_eq!(
            module_route(Module::CommitteeVote),
            Route::Module {
                code: "title.online.committee_vote".into()
            }
        );
        assert_eq!(
            trail(&Route::ApplicationDetail { id: 3 }),
            vec![
                Crumb::Subsystem(Subsystem::Title),
                Crumb::Group(MenuGroup::TitleReview),
                Crumb::Text(Key::WfDetailHeading),
            ]
        );
        assert_eq!(
            route_module(&Route::Queue {
                stage: "nope".into()
            }),
            None
        );
        assert_eq!(route_module(&Route::Inbox), None);
        assert_eq!(trail(&Route::Inbox), vec![Crumb::Text(Key::InboxTitle)]);
        // Every module with a screen of its own leads back to itself; a screen several modules
        // share (the pool-update and recommendation screens: apply, audit, query) names none.
        for &module in Module::ALL {
            let route = module_route(module);
            let sharing = Module::ALL
                .iter()
                .filter(|&&m| module_route(m) == route)
                .count();
            let expected = if sharing > 1 { None } else { Some(module) };
            assert_eq!(route_module(&route), expected, "{module:?}");
        }
    }

    #[test]
    fn trails_name_subsystem_group_and_module_without_repeating_a_heading() {
        assert_eq!(
            trail(&Route::Module {
                code: "title.review.policy_review".into()
            }),
            vec![
                Crumb::Subsystem(Subsystem::Title),
                Crumb::Group(MenuGroup::TitleReview),
                Crumb::Module(Module::PolicyReview),
            ]
        );
        assert_eq!(
            trail(&Route::Module {
                code: "system.audit_log".into()
            }),
            vec![
                Crumb::Subsystem(Subsystem::System),
                Crumb::Module(Module::AuditLog)
            ]
        );
        assert_eq!(
            trail(&Route::Module {
                code: "no.such".into()
            }),
            vec![Crumb::Text(Key::NotFoundHeading)]
        );
        assert_eq!(
            trail(&Route::UsersImport),
            vec![
                Crumb::Subsystem(Subsystem::Portal),
                Crumb::Group(MenuGroup::PortalSystem),
                Crumb::Module(Module::Users),
                Crumb::Text(Key::TabImport),
            ]
        );
        assert!(repeats_subsystem(MenuGroup::SystemSecurity));
        assert!(!repeats_subsystem(MenuGroup::Portal));
    }

    // publicity, committees, public site
    #[test]
    fn publicity_modules_share_one_screen_by_kind() {
        use yew_router::Routable;
        assert_eq!(
            module_route(Module::ApplicationPublicity),
            Route::Publicity {
                kind: "application".into()
            }
        );
        assert_eq!(
            module_route(Module::FailurePublicity).to_path(),
            "/publicity/failure"
        );
        assert_eq!(
            route_module(&Route::PublicityBatch {
                kind: "nominee".into(),
                id: 3
            }),
            Some(Module::NomineePublicity)
        );
        assert_eq!(
            route_module(&Route::Publicity {
                kind: "bogus".into()
            }),
            None
        );
        assert_eq!(module_route(Module::AuthorityAudit), Route::AuthorityAudit);
        assert_eq!(
            route_module(&Route::PolicyReviewers),
            Some(Module::PersonalAccounts)
        );
        assert_eq!(
            trail(&Route::PolicyReviewers).last(),
            Some(&Crumb::Text(Key::RevTab))
        );
        assert_eq!(route_module(&Route::Calendar), None);
        assert_eq!(route_module(&Route::ReviewRules), None);
        assert_eq!(
            trail(&Route::ReviewRules),
            vec![
                Crumb::Text(Key::MenuGroupSystem),
                Crumb::Text(Key::NavReviewRules)
            ]
        );
    }
}
