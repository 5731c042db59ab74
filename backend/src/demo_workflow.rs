//! The demo's workflow data: a committee of the county HRSS with an approved review authority
//! filing (audited by the city HRSS), the scope of the demo policy-review account, and one
//! application standing in every stage, each driven there through the real workflow engine so
//! that its timeline is genuine. The three original demo applicants keep no application: they
//! are for walking the path yourself.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use shared::{
    application::{ActionFields, ActionRequest, DeclarationType, Education, Level, Series},
    committees::FilingStatus,
    ids::IdNumber,
    workflow::{Action, Stage},
};

use crate::{
    applications::write,
    audit::Actor,
    auth::extractor,
    db::{
        schema::{
            accounts, applications, committees, policy_review_scopes, review_authority_filings,
            units,
        },
        DbConnection,
    },
    error::ApiError,
};

/// The demo committee's name.
pub const COMMITTEE: &str = "示范县中小学教师系列中级评委会";

/// The demo policy-review account that records the initial checks (初审).
pub const REVIEWER: &str = "pr_county_2026_001";

/// The second demo policy-review account, which does the rechecks (复核): the four-eyes rule
/// is on by default.
pub const RECHECKER: &str = "pr_county_2026_002";

/// One demo application, as `demo --json` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct DemoApplication {
    pub id: i64,
    pub stage: Stage,
    pub applicant_username: String,
    /// The employer's unit name, as in the `accounts` listing.
    pub employer: String,
}

/// The stages the demo shows, each with its applicant's name.
pub const STAGES: &[(Stage, &str)] = &[
    (Stage::Draft, "陈草稿"),
    (Stage::Returned, "林退回"),
    (Stage::UnitVerification, "周核验"),
    (Stage::ApplicationPublicity, "吴公示"),
    (Stage::UnitRecommendation, "郑推荐"),
    (Stage::SuperiorReview, "冯流转"),
    (Stage::MaterialReceipt, "陈接收"),
    (Stage::PolicyReview, "褚审查"),
    (Stage::NomineePublicity, "卫拟送"),
    (Stage::FailurePublicity, "蒋未过"),
    (Stage::Supplement, "沈补充"),
    (Stage::PolicyRereview, "韩复审"),
    (Stage::OnlineReview, "杨评审"),
    (Stage::ResultPublicity, "朱结果"),
    (Stage::Passed, "秦通过"),
    (Stage::Failed, "尤未通"),
    (Stage::Terminated, "许终止"),
    (Stage::Voided, "何作废"),
];

/// The demo committee's id, if the database holds the demo.
pub fn find_committee(conn: &mut DbConnection) -> Result<Option<i64>, ApiError> {
    Ok(committees::table
        .filter(committees::name.eq(COMMITTEE))
        .select(committees::id)
        .first(conn)
        .optional()?)
}

/// The demo committee's id (while seeding: it must be there).
pub fn committee_id(conn: &mut DbConnection) -> Result<i64, ApiError> {
    find_committee(conn)?
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("the demo committee is missing")))
}

/// The ID number (= username) of the demo applicant standing in the `index`-th stage.
pub fn applicant_id_number(index: usize) -> String {
    // Born 1988-04-(index+1) in 520121; the sequence alternates men and women.
    let body = format!("520121198804{:02}{:03}", index + 1, 201 + index);
    let check = IdNumber::check_char(&body).map(char::from).unwrap_or('0');
    format!("{body}{check}")
}

/// The extra applicant accounts of the county employer: (username, display name, ID number).
pub fn applicants() -> Vec<(String, String, String)> {
    STAGES
        .iter()
        .enumerate()
        .map(|(i, (_, name))| {
            let id = applicant_id_number(i);
            (id.clone(), (*name).to_owned(), id)
        })
        .collect()
}

fn account_id(conn: &mut DbConnection, username: &str) -> Result<i64, ApiError> {
    Ok(accounts::table
        .filter(accounts::username.eq(crate::login_names::name(username)))
        .select(accounts::id)
        .first(conn)?)
}

fn unit_id(conn: &mut DbConnection, name: &str) -> Result<i64, ApiError> {
    Ok(units::table
        .filter(units::name.eq(name))
        .select(units::id)
        .first(conn)?)
}

/// Acts as `username` through the engine.
fn act(
    conn: &mut DbConnection,
    username: &str,
    app: i64,
    action: Action,
    opinion: Option<&str>,
    fields: ActionFields,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let id = account_id(conn, username)?;
    let (user, _, _) = extractor::fetch(conn, id)?
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("demo account {username} is missing")))?;
    let version: i64 = applications::table
        .find(app)
        .select(applications::version)
        .first(conn)?;
    let req = ActionRequest {
        action,
        version,
        opinion: opinion.map(str::to_owned),
        fields,
    };
    write::apply(conn, &user, app, &req, &Actor::of(&user, None), now)?;
    Ok(())
}

fn system(
    conn: &mut DbConnection,
    app: i64,
    action: Action,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let actor = Actor {
        id: None,
        name: Some("系统（示范数据）".to_owned()),
        unit_id: None,
        ip: None,
    };
    write::apply_system(conn, app, action, &actor, None, now)?;
    Ok(())
}

/// Seeds the committee, its filing, the reviewer's scope and the applications.
pub fn seed(conn: &mut DbConnection, now: NaiveDateTime) -> Result<(), ApiError> {
    let year = now.date().year();
    let county_hrss = unit_id(conn, "示范县人力资源和社会保障局")?;
    let county_emp = unit_id(conn, "示范县第一中学")?;
    let hrss_unit_account = account_id(conn, "county_hrss_unit")?;
    let city_auditor = account_id(conn, "city_hrss_unit")?;
    let committee: i64 = diesel::insert_into(committees::table)
        .values((
            committees::unit_id.eq(county_hrss),
            committees::name.eq(COMMITTEE),
            committees::series.eq(Series::SchoolTeachers),
            committees::created_by.eq(hrss_unit_account),
            committees::created_at.eq(now),
        ))
        .returning(committees::id)
        .get_result(conn)?;
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(now.date());
    let until = NaiveDate::from_ymd_opt(year + 2, 12, 31).unwrap_or(now.date());
    diesel::insert_into(review_authority_filings::table)
        .values((
            review_authority_filings::committee_id.eq(committee),
            review_authority_filings::unit_id.eq(county_hrss),
            review_authority_filings::series.eq(Series::SchoolTeachers),
            review_authority_filings::levels.eq(r#"["junior","intermediate"]"#),
            review_authority_filings::specialties.eq("[]"),
            review_authority_filings::region_scope.eq("示范县"),
            review_authority_filings::valid_from.eq(from),
            review_authority_filings::valid_until.eq(until),
            review_authority_filings::description.eq("示范数据 / demo"),
            review_authority_filings::status.eq(FilingStatus::Approved),
            review_authority_filings::applied_by.eq(hrss_unit_account),
            review_authority_filings::applied_at.eq(now),
            review_authority_filings::audited_by.eq(city_auditor),
            review_authority_filings::audited_at.eq(now),
            review_authority_filings::opinion.eq("同意备案"),
            review_authority_filings::version.eq(1_i64),
        ))
        .execute(conn)?;
    for username in [REVIEWER, RECHECKER] {
        let reviewer = account_id(conn, username)?;
        diesel::insert_into(policy_review_scopes::table)
            .values((
                policy_review_scopes::account_id.eq(reviewer),
                policy_review_scopes::committee_id.eq(committee),
                policy_review_scopes::year.eq(year),
                policy_review_scopes::series.eq(Series::SchoolTeachers),
                policy_review_scopes::specialties.eq("[]"),
            ))
            .execute(conn)?;
    }
    let employer_path: String = units::table
        .find(county_emp)
        .select(units::path)
        .first(conn)?;
    for (index, (stage, name)) in STAGES.iter().enumerate() {
        let id_number = applicant_id_number(index);
        let applicant = account_id(conn, &id_number)?;
        let parsed = IdNumber::parse(&id_number)
            .map_err(|e| ApiError::internal(anyhow::anyhow!("demo ID number: {e}")))?;
        let birth = NaiveDate::parse_from_str(&parsed.birth_date(), "%Y-%m-%d")
            .map_err(ApiError::internal)?;
        let app: i64 = diesel::insert_into(applications::table)
            .values((
                applications::applicant_id.eq(applicant),
                applications::employer_id.eq(county_emp),
                applications::employer_path.eq(&employer_path),
                applications::year.eq(year),
                applications::series.eq(Series::SchoolTeachers),
                applications::specialty.eq("中学数学"),
                applications::level.eq(Level::Intermediate),
                applications::qualification.eq("一级教师"),
                applications::declaration_type.eq(DeclarationType::Normal),
                applications::name.eq(*name),
                applications::id_number.eq(crate::pii::Pii::new(&id_number)),
                applications::gender.eq(if parsed.is_male() { "male" } else { "female" }),
                applications::birth_date.eq(birth),
                applications::education.eq(Education::Bachelor),
                applications::current_title.eq("二级教师"),
                applications::current_title_date.eq(NaiveDate::from_ymd_opt(2018, 7, 1)),
                applications::years_of_service.eq(12),
                applications::achievements
                    .eq("承担初三数学教学工作，获县级优质课一等奖，指导学生竞赛获奖（示范数据）。"),
                applications::phone.eq("13800000000"),
                applications::stage.eq(Stage::Draft),
                applications::stage_entered_at.eq(Some(now)),
                applications::holder_unit_id.eq(county_emp),
                applications::resubmission.eq(false),
                applications::version.eq(1_i64),
                applications::created_at.eq(now),
                applications::updated_at.eq(now),
            ))
            .returning(applications::id)
            .get_result(conn)?;
        drive(conn, app, &id_number, *stage, committee, now)?;
    }
    Ok(())
}

/// Moves one application from draft to `target` the way people would.
fn drive(
    conn: &mut DbConnection,
    app: i64,
    applicant: &str,
    target: Stage,
    committee: i64,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    use Stage as S;
    let none = ActionFields::default;
    let emp = "county_emp_unit";
    let reviewer = REVIEWER;
    if target == S::Draft {
        return Ok(());
    }
    if target == S::Voided {
        return act(conn, applicant, app, Action::Void, None, none(), now);
    }
    act(conn, applicant, app, Action::Submit, None, none(), now)?;
    if target == S::UnitVerification {
        return Ok(());
    }
    if target == S::Returned {
        return act(
            conn,
            emp,
            app,
            Action::UnitReject,
            Some("学历证明材料不清晰，请重新上传"),
            none(),
            now,
        );
    }
    act(
        conn,
        emp,
        app,
        Action::UnitApprove,
        Some("材料齐全，同意"),
        none(),
        now,
    )?;
    if target == S::ApplicationPublicity {
        return Ok(());
    }
    system(conn, app, Action::ApplicationPublicityComplete, now)?;
    if target == S::UnitRecommendation {
        return Ok(());
    }
    let handler = ActionFields {
        handler_name: Some("示范县第一中学经办人".to_owned()),
        handler_phone: Some("0851-00000000".to_owned()),
        ..ActionFields::default()
    };
    act(
        conn,
        emp,
        app,
        Action::Recommend,
        Some("同意推荐"),
        handler,
        now,
    )?;
    act(
        conn,
        "county_dept_unit",
        app,
        Action::SuperiorApprove,
        Some("同意"),
        none(),
        now,
    )?;
    if target == S::SuperiorReview {
        return Ok(());
    }
    if target == S::Terminated {
        return act(
            conn,
            "county_hrss_unit",
            app,
            Action::Terminate,
            Some("申报条件不符合当年评审文件要求，终止申报"),
            none(),
            now,
        );
    }
    let assign = ActionFields {
        committee_id: Some(committee),
        ..ActionFields::default()
    };
    act(
        conn,
        "county_hrss_unit",
        app,
        Action::SuperiorApprove,
        Some("同意，分配评委会"),
        assign,
        now,
    )?;
    if target == S::MaterialReceipt {
        return Ok(());
    }
    act(
        conn,
        "county_hrss_unit",
        app,
        Action::ReceiveAccept,
        Some("材料已接收"),
        none(),
        now,
    )?;
    if target == S::PolicyReview {
        return Ok(());
    }
    let fails = matches!(
        target,
        S::FailurePublicity | S::Supplement | S::PolicyRereview
    );
    let initial = ActionFields {
        pass: Some(!fails),
        ..ActionFields::default()
    };
    act(
        conn,
        reviewer,
        app,
        Action::PolicyInitial,
        Some("初审意见"),
        initial,
        now,
    )?;
    if fails {
        act(
            conn,
            RECHECKER,
            app,
            Action::PolicyRecheckFail,
            Some("继续教育学时证明缺失，请补充"),
            none(),
            now,
        )?;
        if target == S::FailurePublicity {
            return Ok(());
        }
        system(conn, app, Action::FailurePublicityComplete, now)?;
        if target == S::Supplement {
            return Ok(());
        }
        act(
            conn,
            applicant,
            app,
            Action::SubmitSupplement,
            None,
            none(),
            now,
        )?;
        return act(
            conn,
            emp,
            app,
            Action::UnitApprove,
            Some("补充材料已核验"),
            none(),
            now,
        );
    }
    act(
        conn,
        RECHECKER,
        app,
        Action::PolicyRecheckPass,
        Some("符合申报条件"),
        none(),
        now,
    )?;
    if target == S::NomineePublicity {
        return Ok(());
    }
    system(conn, app, Action::NomineePublicityComplete, now)?;
    if target == S::OnlineReview {
        return Ok(());
    }
    diesel::update(applications::table.find(app))
        .set(applications::review_passed.eq(Some(target != S::Failed)))
        .execute(conn)?;
    system(conn, app, Action::SessionTallied, now)?;
    // A failed tally ends the application (it is never published).
    if target == S::ResultPublicity || target == S::Failed {
        return Ok(());
    }
    system(conn, app, Action::ResultPublicityComplete, now)
}

/// The demo applications as they stand now (read from the database).
pub fn listing(conn: &mut DbConnection) -> Result<Vec<DemoApplication>, ApiError> {
    let usernames: Vec<String> = applicants().into_iter().map(|(u, _, _)| u).collect();
    let rows: Vec<(i64, String, String, Option<String>, String)> = applications::table
        .inner_join(accounts::table.on(accounts::id.eq(applications::applicant_id)))
        .inner_join(units::table.on(units::id.eq(applications::employer_id)))
        .filter(
            accounts::username.eq_any(
                usernames
                    .iter()
                    .map(crate::login_names::name)
                    .collect::<Vec<_>>(),
            ),
        )
        .order(applications::id.asc())
        .select((
            applications::id,
            applications::stage,
            accounts::username,
            accounts::id_number,
            units::name,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, stage, stored, id_number, employer)| {
            let applicant_username = crate::login_names::shown(&stored, id_number.as_deref());
            Ok(DemoApplication {
                id,
                stage: Stage::parse(&stage)
                    .ok_or_else(|| ApiError::internal(anyhow::anyhow!("stage {stage}")))?,
                applicant_username,
                employer,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_has_a_demo_applicant_with_a_valid_id_number() {
        for &stage in Stage::ALL {
            // A revocation needs a stored proof file: the demo leaves it to the user (the
            // passed application is there to revoke).
            if stage == Stage::Revoked {
                continue;
            }
            assert!(STAGES.iter().any(|(s, _)| *s == stage), "{stage}");
        }
        for (i, _) in STAGES.iter().enumerate() {
            assert!(IdNumber::parse(&applicant_id_number(i)).is_ok());
        }
    }
}
