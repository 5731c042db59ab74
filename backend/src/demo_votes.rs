//! `backend generate vote-session`: a review session of the demo committee that is ready for its
//! votes (issue 11's browser journey, and a clerk trying the vote screens on `make run`). One
//! group, [`APPLICANTS`] dossiers of demo applicants with every review completed, and the first
//! [`MEMBERS`] experts of the demo pool who work outside the applicants' school, drawn by the
//! draw's own algorithm (fixed seed, stored as a draw record), serving and signed in: the first
//! of them the director and the group's leader, the others members. Everything a session reaches through the draw, sign-in,
//! distribution and review screens is written directly, as those stages' own tests do; the votes
//! themselves are left to the vote screens.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;
use shared::experts::DrawKind;

use crate::sessions::draw::{self, Candidate, DrawInput};

use crate::db::schema::{
    accounts, applications, distributions, draws, expert_reviews, experts, group_applications,
    review_groups, review_sessions, session_experts, units,
};
use crate::db::DbConnection;
use crate::error::ApiError;

/// How many experts of the demo pool serve (all with a committee position).
pub const MEMBERS: usize = 7;
/// How many dossiers the group reviews.
pub const APPLICANTS: usize = 3;
/// The specialty the group reviews and its experts cover.
const SPECIALTY: &str = "中学数学";
/// The demo account that organises the session (the county HRSS).
pub const ORGANISER: &str = "county_hrss_unit";

/// What was made, for the journey and the CLI.
#[derive(Debug, Clone, Serialize)]
pub struct VoteSession {
    pub session_id: i64,
    pub group_id: i64,
    pub application_ids: Vec<i64>,
    /// Login names of the serving experts; the first is the director and leader.
    pub members: Vec<String>,
    /// Login names of the applicants, in the order of `application_ids`.
    pub applicants: Vec<String>,
}

/// Writes the session (one transaction).
pub fn vote_session(conn: &mut DbConnection, now: NaiveDateTime) -> Result<VoteSession, ApiError> {
    conn.write_transaction(|conn| {
        let organiser: i64 = accounts::table
            .filter(accounts::username.eq(crate::login_names::name(ORGANISER)))
            .select(accounts::id)
            .first(conn)?;
        let committee = crate::demo_workflow::committee_id(conn)?;
        let (school, school_path): (i64, String) = units::table
            .filter(units::name.eq("示范县第一中学"))
            .select((units::id, units::path))
            .first(conn)?;
        let number: i64 = review_sessions::table
            .filter(review_sessions::committee_id.eq(committee))
            .count()
            .get_result(conn)?;
        let session: i64 = diesel::insert_into(review_sessions::table)
            .values((
                review_sessions::committee_id.eq(committee),
                review_sessions::year.eq(2026),
                review_sessions::name.eq(format!("2026年度评审会（表决演示{}）", number + 1)),
                review_sessions::session_date.eq(NaiveDate::from_ymd_opt(2026, 12, 10)
                    .ok_or_else(|| ApiError::internal(anyhow::anyhow!("the session date")))?),
                review_sessions::status.eq("reviewing"),
                review_sessions::blind_review.eq(false),
                review_sessions::defense.eq(false),
                review_sessions::created_by.eq(organiser),
                review_sessions::created_at.eq(now),
                review_sessions::updated_at.eq(now),
            ))
            .returning(review_sessions::id)
            .get_result(conn)?;
        let group: i64 = diesel::insert_into(review_groups::table)
            .values((
                review_groups::session_id.eq(session),
                review_groups::name.eq("第一组"),
                review_groups::sort.eq(0),
                review_groups::review_started_at.eq(Some(now)),
            ))
            .returning(review_groups::id)
            .get_result(conn)?;
        // The experts: the first demo experts who work elsewhere than the applicants' school
        // (the draw's recusal would exclude the others), drawn for real by the draw's own
        // algorithm from exactly them, so that the session's draw record reads and verifies
        // like any other.
        let mut chosen: Vec<(String, i64, String)> = Vec::with_capacity(MEMBERS);
        for plan in crate::demo_experts::PLAN {
            if chosen.len() == MEMBERS {
                break;
            }
            let (expert, path): (i64, String) = experts::table
                .inner_join(accounts::table.on(experts::account_id.eq(accounts::id.nullable())))
                .inner_join(units::table.on(units::id.eq(experts::employer_id)))
                .filter(accounts::username.eq(crate::login_names::name(plan.username)))
                .select((experts::id, units::path))
                .first(conn)?;
            if !path.starts_with(&school_path) && !school_path.starts_with(&path) {
                chosen.push((plan.username.to_owned(), expert, path));
            }
        }
        if chosen.len() < MEMBERS {
            return Err(ApiError::internal(anyhow::anyhow!(
                "the demo pool has {} experts outside the demo school, {MEMBERS} are needed",
                chosen.len()
            )));
        }
        let input = DrawInput {
            kind: DrawKind::Main,
            group_id: group,
            needs: BTreeMap::from([(SPECIALTY.to_owned(), i32::try_from(MEMBERS).unwrap_or(0))]),
            alternates: 0,
            applicants: Vec::new(),
            taken: BTreeSet::new(),
            candidates: chosen
                .iter()
                .map(|(_, id, path)| Candidate {
                    expert_id: *id,
                    specialties: vec![SPECIALTY.to_owned()],
                    employer_path: path.clone(),
                    employer_is_employing_unit: false,
                    conflict_units: Vec::new(),
                    conflict_persons: Vec::new(),
                })
                .collect(),
        };
        let seed = [7_u8; 32];
        let outcome = draw::run(&input, seed).map_err(|short| {
            ApiError::internal(anyhow::anyhow!("the demo draw fell short: {short:?}"))
        })?;
        let draw: i64 = diesel::insert_into(draws::table)
            .values((
                draws::session_id.eq(session),
                draws::group_id.eq(Some(group)),
                draws::kind.eq(DrawKind::Main.as_str()),
                draws::algorithm.eq(draw::ALGORITHM),
                draws::seed.eq(hex::encode(seed)),
                draws::candidates.eq(json!(input).to_string()),
                draws::exclusions.eq(json!(outcome.exclusions).to_string()),
                draws::result.eq(json!(outcome.result).to_string()),
                draws::drawn_by.eq(organiser),
                draws::drawn_at.eq(now),
            ))
            .returning(draws::id)
            .get_result(conn)?;
        let mut members = Vec::with_capacity(MEMBERS);
        let mut serving = Vec::with_capacity(MEMBERS);
        for (i, (username, expert, _)) in chosen.iter().enumerate() {
            let expert = *expert;
            let se: i64 = diesel::insert_into(session_experts::table)
                .values((
                    session_experts::session_id.eq(session),
                    session_experts::expert_id.eq(expert),
                    session_experts::group_id.eq(Some(group)),
                    session_experts::draw_id.eq(draw),
                    session_experts::status.eq("active"),
                    session_experts::covers.eq(json!([SPECIALTY]).to_string()),
                    session_experts::group_leader.eq(i == 0),
                    session_experts::committee_position.eq(Some(if i == 0 {
                        "director"
                    } else {
                        "member"
                    })),
                    session_experts::signed_in_at.eq(Some(now)),
                ))
                .returning(session_experts::id)
                .get_result(conn)?;
            members.push(username.clone());
            serving.push(se);
        }
        let names = ["林表决", "赵表决", "钱表决"];
        let mut application_ids = Vec::with_capacity(APPLICANTS);
        let mut applicants = Vec::with_capacity(APPLICANTS);
        for (i, name) in names.iter().enumerate().take(APPLICANTS) {
            let applicant: i64 = accounts::table
                .filter(accounts::username.eq(crate::login_names::name(
                    crate::demo_workflow::applicant_id_number(i),
                )))
                .select(accounts::id)
                .first(conn)?;
            let id: i64 = diesel::insert_into(applications::table)
                .values((
                    applications::applicant_id.eq(applicant),
                    applications::employer_id.eq(school),
                    applications::employer_path.eq(&school_path),
                    applications::year.eq(2026),
                    applications::series.eq("school_teachers"),
                    applications::specialty.eq(SPECIALTY),
                    applications::level.eq("intermediate"),
                    applications::qualification.eq(format!("一级教师（表决演示{}）", number + 1)),
                    applications::declaration_type.eq("normal"),
                    applications::name.eq(*name),
                    applications::id_number.eq(crate::pii::Pii::new(
                        crate::demo_workflow::applicant_id_number(i),
                    )),
                    applications::gender.eq("male"),
                    applications::birth_date.eq(NaiveDate::from_ymd_opt(1988, 4, 1)
                        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("a birth date")))?),
                    applications::education.eq("bachelor"),
                    applications::current_title.eq("二级教师"),
                    applications::years_of_service.eq(12),
                    applications::achievements.eq("教学业绩（演示）"),
                    applications::phone.eq("13800000000"),
                    applications::stage.eq("online_review"),
                    applications::stage_entered_at.eq(Some(now)),
                    applications::holder_unit_id.eq(school),
                    applications::committee_id.eq(Some(committee)),
                    applications::created_at.eq(now),
                    applications::updated_at.eq(now),
                    applications::submitted_at.eq(Some(now)),
                ))
                .returning(applications::id)
                .get_result(conn)?;
            diesel::insert_into(group_applications::table)
                .values((
                    group_applications::group_id.eq(group),
                    group_applications::session_id.eq(session),
                    group_applications::application_id.eq(id),
                ))
                .execute(conn)?;
            let distribution: i64 = diesel::insert_into(distributions::table)
                .values((
                    distributions::session_id.eq(session),
                    distributions::group_id.eq(group),
                    distributions::application_id.eq(id),
                    distributions::session_expert_id.eq(serving[i % serving.len()]),
                    distributions::chief.eq(true),
                    distributions::assigned_by.eq(organiser),
                    distributions::assigned_at.eq(now),
                ))
                .returning(distributions::id)
                .get_result(conn)?;
            diesel::insert_into(expert_reviews::table)
                .values((
                    expert_reviews::distribution_id.eq(distribution),
                    expert_reviews::status.eq("completed"),
                    expert_reviews::created_at.eq(now),
                    expert_reviews::updated_at.eq(now),
                ))
                .execute(conn)?;
            application_ids.push(id);
            applicants.push(crate::demo_workflow::applicant_id_number(i));
        }
        Ok(VoteSession {
            session_id: session,
            group_id: group,
            application_ids,
            members,
            applicants,
        })
    })
}
