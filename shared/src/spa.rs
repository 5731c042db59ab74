//! The SPA's entries: which of its separately built bundles a browser path belongs to.
//!
//! The server sends every non-API path the HTML of its entry ([`SpaEntry::for_path`]); the SPA
//! asks the same function whether a route it navigated to is its own or needs a full page load
//! into another entry. One function for both sides, so they can never disagree (a disagreement
//! would reload a page forever).

/// One bundle of the SPA, for one audience. Its binary, its wasm and js and its HTML
/// (`<name>.html` in the built `dist/`) are all called [`SpaEntry::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpaEntry {
    /// The public site, no login: `/public/…` (公示查询, 证书核验 with the QR code's page
    /// `/public/certificates/v/{token}`).
    Public,
    /// Sign-in and the portal shell: `/`, `/login`, `/password`, `/about`, `/inbox` (站内通知),
    /// `/m/…` and every path no other entry claims (so unknown paths get this entry's 404
    /// page).
    Portal,
    /// Administration by the system administrator and the unit administrators: `/system/…`
    /// (organisation, accounts, their bulk import, extended users, the work calendar, the
    /// review rules, the accounts dashboard `/system/dashboard`) and `/config/…` (units,
    /// affiliation, attachment categories).
    Admin,
    /// Security and audit (三员分立: the security administrator and the auditor):
    /// `/security/…` (the audit log, the security policy) and the roles,
    /// `/system/business-roles` and `/system/unit-roles`.
    Security,
    /// The title workflow's application screens: `/title/…` (own applications, the editor, the
    /// detail, the stage queues, unit-started applications): applicants, unit clerks and every
    /// reviewing stage.
    Title,
    /// The title workflow's management screens: `/committees/…` (评委会 filings),
    /// `/accounts/…` (personal accounts, policy reviewers) and `/dashboards/…` (统计分析 of the
    /// applications, for HRSS units and committee organisers).
    Manage,
    /// Publicity (公示): `/publicity/…`, the batches of every kind, for the units, HRSS and
    /// policy reviewers who run them.
    Publicity,
    /// The expert pool (issue 10, manual §6.5): `/experts/…` — the pool, pool-update filings
    /// and recommendations, for the organising units and HRSS.
    Experts,
    /// The expert's own screens (评审专家, often on a phone): `/experts/profile`, the dossiers
    /// to review (`/online/reviews…`), the groups they lead (`/online/groups…`: distribution
    /// and the group vote) and the committee ballot (`/online/sessions/{id}/ballot`).
    Reviewer,
    /// The online review as the organising unit and the HRSS run it (issue 10, manual
    /// §6.2.10): `/online/…` — review sessions, draws, attendance, blind opinions, the vote
    /// sheet, tally results and the review filing.
    Online,
    /// The certificates (issue 12, manual §6.3): `/title/certificates/…` — the unit's list with
    /// 核验, 证书补录, 职称证书导入, and the A4 print page (also the holder's, opened from
    /// 我的证书 in the title entry). Split from the title entry by audience: the clerks who
    /// keep certificates are not the applicants and reviewing stages who load `/title/…`.
    Certificates,
}

impl SpaEntry {
    /// Every entry.
    pub const ALL: [SpaEntry; 11] = [
        SpaEntry::Public,
        SpaEntry::Portal,
        SpaEntry::Admin,
        SpaEntry::Security,
        SpaEntry::Title,
        SpaEntry::Manage,
        SpaEntry::Publicity,
        SpaEntry::Experts,
        SpaEntry::Reviewer,
        SpaEntry::Online,
        SpaEntry::Certificates,
    ];

    /// The entry's name: its binary, its assets' prefix and its HTML file (`<name>.html`).
    pub const fn name(self) -> &'static str {
        match self {
            SpaEntry::Public => "public",
            SpaEntry::Portal => "portal",
            SpaEntry::Admin => "admin",
            SpaEntry::Security => "security",
            SpaEntry::Title => "title",
            SpaEntry::Manage => "manage",
            SpaEntry::Publicity => "publicity",
            SpaEntry::Experts => "experts",
            SpaEntry::Reviewer => "reviewer",
            SpaEntry::Online => "online",
            SpaEntry::Certificates => "certificates",
        }
    }

    /// The entry that serves `path` (a URL path, without query; a query is ignored anyway).
    /// The first segment picks the area; inside `/system`, `/title`, `/experts` and `/online`
    /// the second (and for the ballot the fourth) picks the audience.
    pub fn for_path(path: &str) -> SpaEntry {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        match segments.as_slice() {
            ["public", ..] => SpaEntry::Public,
            ["security", ..] | ["system", "business-roles" | "unit-roles", ..] => {
                SpaEntry::Security
            }
            ["system" | "config", ..] => SpaEntry::Admin,
            ["title", "certificates", ..] => SpaEntry::Certificates,
            ["title", ..] => SpaEntry::Title,
            ["publicity", ..] => SpaEntry::Publicity,
            ["committees" | "accounts" | "dashboards", ..] => SpaEntry::Manage,
            ["experts", "profile", ..]
            | ["online", "reviews" | "groups", ..]
            | ["online", "sessions", _, "ballot", ..] => SpaEntry::Reviewer,
            ["experts", ..] => SpaEntry::Experts,
            ["online", ..] => SpaEntry::Online,
            _ => SpaEntry::Portal,
        }
    }
}

/// Paths reserved for screens of a later issue: they belong to an entry already, so links
/// and bookmarks made now keep working, but show the entry's 404 page until the screen exists.
pub const RESERVED_PATHS: &[&str] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_segment_picks_the_entry_and_everything_else_is_the_portal() {
        let cases = [
            ("/", SpaEntry::Portal),
            ("", SpaEntry::Portal),
            ("/login?next=%2Ftitle%2Fmy-applications", SpaEntry::Portal),
            ("/password", SpaEntry::Portal),
            ("/inbox", SpaEntry::Portal),
            (
                "/inbox?unread=true&kind=application_arrived",
                SpaEntry::Portal,
            ),
            ("/m/title.online.sessions", SpaEntry::Portal),
            ("/no/such/page", SpaEntry::Portal),
            ("/publicx", SpaEntry::Portal),
            ("/public/publicity", SpaEntry::Public),
            ("/public/publicity/7", SpaEntry::Public),
            ("/public/certificates", SpaEntry::Public),
            (
                "/public/certificates?number=52202601000042",
                SpaEntry::Public,
            ),
            (
                "/public/certificates/v/AbCdEfGhIjKlMnOpQrSt-_",
                SpaEntry::Public,
            ),
            (
                "/public/certificates/v/AbCdEfGhIjKlMnOpQrSt-_#CT1.eyJu.c2ln",
                SpaEntry::Public,
            ),
            ("/public", SpaEntry::Public),
            ("/system/users", SpaEntry::Admin),
            ("/system/calendar", SpaEntry::Admin),
            ("/system/review-rules", SpaEntry::Admin),
            ("/config/units", SpaEntry::Admin),
            ("/security/audit", SpaEntry::Security),
            ("/security/policy", SpaEntry::Security),
            ("/system/business-roles", SpaEntry::Security),
            ("/system/unit-roles", SpaEntry::Security),
            ("/system/unit-rolesx", SpaEntry::Admin),
            ("/title/applications/3/edit", SpaEntry::Title),
            ("/title/unit-started/new", SpaEntry::Title),
            ("/title/queue/unit_verification", SpaEntry::Title),
            ("/publicity/nominee/2", SpaEntry::Publicity),
            ("/publicity", SpaEntry::Publicity),
            ("/committees/filings", SpaEntry::Manage),
            ("/accounts/personal/policy-reviewers", SpaEntry::Manage),
            ("/dashboards/applications", SpaEntry::Manage),
            (
                "/dashboards/applications?year=2025&series=engineering",
                SpaEntry::Manage,
            ),
            ("/dashboards", SpaEntry::Manage),
            ("/dashboardsx", SpaEntry::Portal),
            ("/system/dashboard", SpaEntry::Admin),
            ("/titles", SpaEntry::Portal),
            ("/experts/pool", SpaEntry::Experts),
            ("/experts/recommendations", SpaEntry::Experts),
            ("/experts/profile", SpaEntry::Reviewer),
            ("/experts/profile?tab=units", SpaEntry::Reviewer),
            ("/online/reviews", SpaEntry::Reviewer),
            ("/online/reviews/12", SpaEntry::Reviewer),
            ("/online/groups", SpaEntry::Reviewer),
            ("/online/groups/4/distribution", SpaEntry::Reviewer),
            ("/online/groups/4/vote", SpaEntry::Reviewer),
            ("/online/sessions/3/ballot", SpaEntry::Reviewer),
            ("/online/sessions/3/vote-sheet", SpaEntry::Online),
            ("/online/sessions/3/attendance", SpaEntry::Online),
            ("/online/sessions", SpaEntry::Online),
            ("/online/filings/2", SpaEntry::Online),
            ("/online/tally-results", SpaEntry::Online),
            ("/online/sessions/3", SpaEntry::Online),
            ("/onlinex", SpaEntry::Portal),
            ("/title#x", SpaEntry::Title),
            ("/title/certificates/verify", SpaEntry::Certificates),
            ("/title/certificates/7/print", SpaEntry::Certificates),
            ("/title/certificatesx", SpaEntry::Title),
        ];
        for (path, entry) in cases {
            assert_eq!(SpaEntry::for_path(path), entry, "{path}");
        }
    }

    #[test]
    fn names_are_distinct_file_name_safe_words() {
        let names: Vec<&str> = SpaEntry::ALL.iter().map(|e| e.name()).collect();
        for (i, name) in names.iter().enumerate() {
            assert!(name.chars().all(|c| c.is_ascii_lowercase()), "{name}");
            assert!(!names[..i].contains(name), "{name} twice");
        }
    }

    #[test]
    fn reserved_paths_belong_to_the_public_entry() {
        for path in RESERVED_PATHS {
            assert_eq!(SpaEntry::for_path(path), SpaEntry::Public, "{path}");
        }
    }
}
