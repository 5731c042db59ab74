//! Which routes need a session, and what to show for a route in a given session state.
//!
//! Kept free of components so the rules are tested as plain functions; `switch`
//! carries the decision out.

use yew_router::Routable;

use crate::routes::Route;
use crate::state::session::Status;

/// What the guard does with a route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Render the route's page.
    Render,
    /// The stored session is being restored: show a loading state, not the login form.
    Wait,
    /// Go to the login page, and back to `next` afterwards.
    Login {
        /// The requested path.
        next: String,
    },
    /// Only the password change form, whatever the route (`must_change_password`).
    ForcedPasswordChange,
    /// Leave this route for another one (signed in on `/login`).
    Redirect(Route),
}

/// Whether `route` may be seen without a session. `/` is public too: signed out, it shows the
/// login form.
pub fn is_public(route: &Route) -> bool {
    match route {
        Route::Home | Route::Login | Route::About | Route::NotFound => true,
        // publicity, committees, public site
        Route::PublicPublicity
        | Route::PublicPublicityBatch { .. }
        | Route::PublicCertificates
        | Route::PublicCertificate { .. } => true,
        Route::Publicity { .. }
        | Route::PublicityBatch { .. }
        | Route::AuthorityApply
        | Route::AuthorityAudit
        | Route::PolicyReviewers
        | Route::Calendar
        | Route::UnitStarted
        | Route::UnitStartNew
        | Route::AttachmentCategories
        | Route::ReviewRules
        | Route::OnlineSessions
        | Route::OnlineSession { .. }
        | Route::OnlineDrawRecord { .. }
        | Route::ExpertPool
        | Route::PoolUpdates
        | Route::ReviewFilings
        | Route::ReviewFiling { .. }
        | Route::ExpertRecommendations
        | Route::ExpertProfile => false,
        Route::CertificateVerify
        | Route::CertificateBackfill
        | Route::CertificateImport
        | Route::CertificatePrint { .. }
        | Route::CertificateNumbering => false,
        Route::DashboardApplications | Route::AccountsDashboard => false,
        // 站内通知: every signed-in account has one, no module needed.
        Route::Inbox => false,
        Route::Password
        | Route::MfaEnroll
        | Route::OrgStructure
        | Route::Users
        | Route::UsersImport
        | Route::BusinessRoles
        | Route::UnitRoles
        | Route::Affiliation
        | Route::ExtendedUsers
        | Route::PersonalAccounts
        | Route::PersonalImport
        | Route::Units
        | Route::AuditLog
        | Route::SecurityPolicy
        | Route::MyApplications
        | Route::NewApplication
        | Route::ApplicationDetail { .. }
        | Route::EditApplication { .. }
        | Route::Queue { .. }
        | Route::Module { .. } => false,
        // h/review: during the review
        Route::OnlineReviews
        | Route::OnlineGroups
        | Route::OnlineReview { .. }
        | Route::OnlineDistribution { .. }
        | Route::OnlineAttendance { .. }
        | Route::OnlineBlindOpinions { .. } => false,
        // h/votes
        Route::OnlineGroupVote { .. }
        | Route::OnlineCommitteeVote { .. }
        | Route::OnlineVoteSheet { .. }
        | Route::TallyResults => false,
    }
}

/// The decision for `route` in session state `status`; `next` is the login page's `?next=`.
pub fn decide(route: &Route, status: &Status, next: Option<&str>) -> Decision {
    match status {
        Status::SignedIn(session) if session.must_change_password => Decision::ForcedPasswordChange,
        // The enrollment page is the portal's: every other route leads there.
        Status::SignedIn(session) if session.mfa_enrollment_pending() => match route {
            Route::MfaEnroll => Decision::Render,
            _ => Decision::Redirect(Route::MfaEnroll),
        },
        Status::SignedIn(_) => match route {
            Route::Login => Decision::Redirect(after_login(next)),
            _ => Decision::Render,
        },
        Status::Restoring => match route {
            Route::About
            | Route::NotFound
            | Route::PublicPublicity
            | Route::PublicPublicityBatch { .. }
            | Route::PublicCertificates
            | Route::PublicCertificate { .. } => Decision::Render,
            _ => Decision::Wait,
        },
        Status::SignedOut(_) if is_public(route) => Decision::Render,
        Status::SignedOut(_) => Decision::Login {
            next: route.to_path(),
        },
    }
}

/// Where to go after signing in: the requested page if it is a route that needs a session
/// (nothing else: `next` comes from the address bar), else home.
pub fn after_login(next: Option<&str>) -> Route {
    next.filter(|path| path.starts_with('/') && !path.starts_with("//"))
        .and_then(Route::recognize)
        .filter(|route| !is_public(route))
        .unwrap_or(Route::Home)
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use shared::auth::{CurrentUser, UnitRef};
    use shared::{AccountKind, Module, UnitKind, UnitLevel};

    use super::*;
    use crate::state::session::{Notice, SignedIn};

    fn signed_in(must_change_password: bool) -> Status {
        Status::SignedIn(Rc::new(SignedIn {
            user: CurrentUser {
                id: 1,
                username: "admin".into(),
                display_name: "管理员".into(),
                kind: AccountKind::UnitAdmin,
                unit: UnitRef {
                    id: 1,
                    name: "某县人社局".into(),
                    kind: UnitKind::Hrss,
                    level: UnitLevel::County,
                },
                modules: vec![Module::Password],
                mfa_enabled: false,
                mfa_required: false,
            },
            must_change_password,
        }))
    }

    fn module() -> Route {
        Route::Module {
            code: "title.review.unit_verification".into(),
        }
    }

    #[test]
    fn signed_out_sees_public_routes_and_is_sent_to_login_from_the_others() {
        let out = Status::SignedOut(None);
        for route in [Route::Home, Route::Login, Route::About, Route::NotFound] {
            assert_eq!(decide(&route, &out, None), Decision::Render, "{route:?}");
        }
        assert_eq!(
            decide(&Route::Password, &out, None),
            Decision::Login {
                next: "/password".into()
            }
        );
        assert_eq!(
            decide(&Route::Inbox, &out, None),
            Decision::Login {
                next: "/inbox".into()
            }
        );
        assert_eq!(
            decide(&module(), &Status::SignedOut(Some(Notice::Expired)), None),
            Decision::Login {
                next: "/m/title.review.unit_verification".into()
            }
        );
    }

    #[test]
    fn restoring_waits_except_on_pages_that_never_need_a_session() {
        let restoring = Status::Restoring;
        for route in [
            Route::Home,
            Route::Login,
            Route::Password,
            Route::Users,
            module(),
        ] {
            assert_eq!(
                decide(&route, &restoring, None),
                Decision::Wait,
                "{route:?}"
            );
        }
        assert_eq!(decide(&Route::About, &restoring, None), Decision::Render);
    }

    #[test]
    fn a_required_password_change_replaces_every_route() {
        let forced = signed_in(true);
        for route in [
            Route::Home,
            Route::Login,
            Route::Password,
            Route::About,
            Route::NotFound,
            module(),
        ] {
            assert_eq!(
                decide(&route, &forced, None),
                Decision::ForcedPasswordChange,
                "{route:?}"
            );
        }
    }

    #[test]
    fn signed_in_renders_everything_and_leaves_the_login_page_for_next() {
        let session = signed_in(false);
        assert_eq!(decide(&module(), &session, None), Decision::Render);
        assert_eq!(decide(&Route::Home, &session, None), Decision::Render);
        assert_eq!(decide(&Route::Inbox, &session, None), Decision::Render);
        assert_eq!(
            decide(
                &Route::Login,
                &session,
                Some("/m/title.review.unit_verification")
            ),
            Decision::Redirect(module())
        );
        assert_eq!(
            decide(&Route::Login, &session, None),
            Decision::Redirect(Route::Home)
        );
    }

    #[test]
    fn a_pending_mfa_enrollment_replaces_every_route_after_the_password_change() {
        let with = |must_change_password: bool, required: bool, enabled: bool| {
            let Status::SignedIn(session) = signed_in(must_change_password) else {
                unreachable!("signed_in answers a session")
            };
            let mut session = (*session).clone();
            session.user.mfa_required = required;
            session.user.mfa_enabled = enabled;
            Status::SignedIn(Rc::new(session))
        };
        for route in [Route::Home, Route::Password, module(), Route::Login] {
            assert_eq!(
                decide(&route, &with(false, true, false), None),
                Decision::Redirect(Route::MfaEnroll),
                "{route:?}"
            );
            assert_eq!(
                decide(&route, &with(true, true, false), None),
                Decision::ForcedPasswordChange,
                "the password first: {route:?}"
            );
        }
        assert_eq!(
            decide(&Route::MfaEnroll, &with(false, true, false), None),
            Decision::Render
        );
        assert_eq!(
            decide(&Route::Home, &with(false, true, true), None),
            Decision::Render
        );
        assert_eq!(
            decide(&Route::Home, &with(false, false, false), None),
            Decision::Render
        );
    }

    #[test]
    fn next_only_leads_to_guarded_routes_of_the_spa() {
        assert_eq!(after_login(Some("/password")), Route::Password);
        assert_eq!(after_login(Some("/inbox")), Route::Inbox);
        assert_eq!(
            after_login(Some("/system/users/import")),
            Route::UsersImport
        );
        for next in [
            "https://evil.example/",
            "//evil.example/password",
            "/login",
            "/about",
            "/no/such/page",
            "",
        ] {
            assert_eq!(after_login(Some(next)), Route::Home, "{next}");
        }
        assert_eq!(after_login(None), Route::Home);
    }

    // publicity, committees, public site
    #[test]
    fn the_public_site_needs_no_session_and_the_publicity_screens_do() {
        let out = Status::SignedOut(None);
        for route in [
            Route::PublicPublicity,
            Route::PublicPublicityBatch { id: 7 },
        ] {
            assert_eq!(decide(&route, &out, None), Decision::Render, "{route:?}");
            assert_eq!(
                decide(&route, &Status::Restoring, None),
                Decision::Render,
                "{route:?}"
            );
        }
        assert_eq!(
            decide(
                &Route::Publicity {
                    kind: "application".into()
                },
                &out,
                None
            ),
            Decision::Login {
                next: "/publicity/application".into()
            }
        );
        for route in [
            Route::Calendar,
            Route::ReviewRules,
            Route::AuthorityApply,
            Route::AuthorityAudit,
            Route::PolicyReviewers,
        ] {
            assert!(!is_public(&route), "{route:?}");
        }
        assert_eq!(after_login(Some("/public/publicity")), Route::Home);
        assert_eq!(after_login(Some("/system/calendar")), Route::Calendar);
    }
}
