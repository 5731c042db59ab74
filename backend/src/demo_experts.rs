//! The demo expert pool (issue 10): 24 active experts of the demo committee
//! (示范县中小学教师系列中级评委会), each with an `expert` account (the demo password, no forced
//! change), specialties covering the demo applications' (中学数学) and others, employers spread
//! over the tree — several at 示范县第一中学, the demo applicants' employer, so that recusal is
//! exercised — and one declared conflict (with the applicant in online review). `expert_demo`
//! is the first of them.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use shared::{
    application::{Gender, Level, Series},
    experts::{ConflictKind, PoolStatus},
    ids::IdNumber,
};

use crate::{
    db::{
        schema::{accounts, expert_conflicts, expert_specialties, experts, pool_members},
        DbConnection,
    },
    error::ApiError,
};

/// One demo expert: login name, name, employer (a demo unit key), specialties, title, level.
pub struct ExpertPlan {
    pub username: &'static str,
    pub name: &'static str,
    pub employer: &'static str,
    pub specialties: &'static [&'static str],
    pub title: &'static str,
    pub level: Level,
}

const MATH: &[&str] = &["中学数学"];
const MATH_PHYS: &[&str] = &["中学数学", "中学物理"];

/// The pool, in order; `expert_demo` first.
pub const PLAN: &[ExpertPlan] = &[
    ExpertPlan {
        username: "expert_demo",
        name: "赵评审（专家）",
        employer: "prov_emp",
        specialties: MATH,
        title: "正高级教师",
        level: Level::Senior,
    },
    ExpertPlan {
        username: "expert_01",
        name: "钱立新",
        employer: "county_emp",
        specialties: MATH,
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_02",
        name: "孙明华",
        employer: "county_emp",
        specialties: MATH_PHYS,
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_03",
        name: "李秀英",
        employer: "county_emp",
        specialties: &["中学语文"],
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_04",
        name: "周建平",
        employer: "county_dept",
        specialties: MATH,
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_05",
        name: "吴晓燕",
        employer: "county_dept",
        specialties: &["中学英语"],
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_06",
        name: "郑国强",
        employer: "county_hrss",
        specialties: MATH,
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_07",
        name: "王丽娟",
        employer: "city_emp",
        specialties: MATH,
        title: "正高级教师",
        level: Level::Senior,
    },
    ExpertPlan {
        username: "expert_08",
        name: "冯志刚",
        employer: "city_emp",
        specialties: MATH_PHYS,
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_09",
        name: "陈静",
        employer: "city_dept",
        specialties: &["中学化学"],
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_10",
        name: "褚文博",
        employer: "city_dept",
        specialties: MATH,
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_11",
        name: "卫红梅",
        employer: "city_hrss",
        specialties: &["中学数学", "中学化学"],
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_12",
        name: "蒋海涛",
        employer: "city_hrss",
        specialties: &["中学物理"],
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_13",
        name: "沈玉兰",
        employer: "prov_emp",
        specialties: MATH,
        title: "正高级教师",
        level: Level::Senior,
    },
    ExpertPlan {
        username: "expert_14",
        name: "韩振东",
        employer: "prov_emp",
        specialties: &["中学语文", "中学历史"],
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_15",
        name: "杨慧敏",
        employer: "prov_dept",
        specialties: MATH,
        title: "正高级教师",
        level: Level::Senior,
    },
    ExpertPlan {
        username: "expert_16",
        name: "朱永福",
        employer: "prov_dept",
        specialties: &["中学生物"],
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_17",
        name: "秦雪梅",
        employer: "prov_hrss",
        specialties: MATH,
        title: "正高级教师",
        level: Level::Senior,
    },
    ExpertPlan {
        username: "expert_18",
        name: "尤建军",
        employer: "prov_hrss",
        specialties: &["中学英语", "中学语文"],
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_19",
        name: "许春华",
        employer: "county_emp",
        specialties: &["中学地理"],
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_20",
        name: "何立军",
        employer: "city_emp",
        specialties: MATH,
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_21",
        name: "吕晓红",
        employer: "county_dept",
        specialties: MATH_PHYS,
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_22",
        name: "施德明",
        employer: "prov_emp",
        specialties: &["中学政治"],
        title: "高级教师",
        level: Level::AssociateSenior,
    },
    ExpertPlan {
        username: "expert_23",
        name: "张桂芳",
        employer: "city_dept",
        specialties: MATH,
        title: "高级教师",
        level: Level::AssociateSenior,
    },
];

/// The expert who declared a conflict with the demo applicant in online review.
pub const CONFLICTED: &str = "expert_07";

/// The ID number of the `i`-th demo expert (born 1975-03-(i+1); odd sequences are men).
pub fn id_number(i: usize) -> String {
    let body = format!("520103197503{:02}{:03}", i + 1, 401 + i);
    let check = IdNumber::check_char(&body).map(char::from).unwrap_or('0');
    format!("{body}{check}")
}

/// The demo experts whose employer is the demo unit `key`: (username, display name, ID number).
pub fn accounts_at(key: &str) -> Vec<(String, String, String)> {
    PLAN.iter()
        .enumerate()
        .filter(|(_, p)| p.employer == key)
        .map(|(i, p)| (p.username.to_owned(), p.name.to_owned(), id_number(i)))
        .collect()
}

/// One demo expert, as `demo --json` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemoExpert {
    pub username: String,
    pub name: String,
    pub specialties: Vec<String>,
    /// The employer's unit name.
    pub employer: String,
    /// Where the expert serves in the demo review session (session, group, group leader,
    /// committee position); `null` for an expert not drawn into it. Read from the database.
    pub session: Option<crate::demo_session::Place>,
}

/// The listing, given the name of each demo unit key.
pub fn listing(unit_name: impl Fn(&str) -> String) -> Vec<DemoExpert> {
    PLAN.iter()
        .map(|p| DemoExpert {
            username: p.username.to_owned(),
            name: p.name.to_owned(),
            specialties: p.specialties.iter().map(|s| (*s).to_owned()).collect(),
            employer: unit_name(p.employer),
            session: None,
        })
        .collect()
}

/// Seeds the pool (the accounts exist already, created with the other demo accounts).
pub fn seed(conn: &mut DbConnection, now: NaiveDateTime) -> Result<(), ApiError> {
    let year = now.date().year();
    let committee = crate::demo_workflow::committee_id(conn)?;
    let creator: i64 = accounts::table
        .filter(accounts::username.eq(crate::login_names::name("county_hrss_unit")))
        .select(accounts::id)
        .first(conn)?;
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(now.date());
    let end = NaiveDate::from_ymd_opt(year + 2, 12, 31).unwrap_or(now.date());
    for (i, p) in PLAN.iter().enumerate() {
        let (account, employer): (i64, i64) = accounts::table
            .filter(accounts::username.eq(crate::login_names::name(p.username)))
            .select((accounts::id, accounts::unit_id))
            .first(conn)?;
        let id = id_number(i);
        let male = IdNumber::parse(&id).map(|n| n.is_male()).unwrap_or(true);
        let expert: i64 = diesel::insert_into(experts::table)
            .values((
                experts::id_number.eq(crate::pii::Pii::new(&id)),
                experts::id_number_hash.eq(crate::pii::hash(&id)),
                experts::name.eq(p.name),
                experts::gender.eq(if male { Gender::Male } else { Gender::Female }),
                experts::employer_id.eq(employer),
                experts::title.eq(p.title),
                experts::title_level.eq(p.level),
                experts::series.eq(Series::SchoolTeachers),
                experts::phone.eq(format!("1390000{:04}", i + 1)),
                experts::account_id.eq(account),
                experts::education.eq("大学本科"),
                experts::field_of_work.eq("中小学教学与教研（示范数据）"),
                experts::availability.eq("工作日均可"),
                experts::profile_completed_at.eq(now),
                experts::created_by.eq(creator),
                experts::created_at.eq(now),
                experts::updated_at.eq(now),
            ))
            .returning(experts::id)
            .get_result(conn)?;
        for s in p.specialties {
            diesel::insert_into(expert_specialties::table)
                .values((
                    expert_specialties::expert_id.eq(expert),
                    expert_specialties::specialty.eq(*s),
                ))
                .execute(conn)?;
        }
        diesel::insert_into(pool_members::table)
            .values((
                pool_members::committee_id.eq(committee),
                pool_members::expert_id.eq(expert),
                pool_members::status.eq(PoolStatus::Active),
                pool_members::term_start.eq(start),
                pool_members::term_end.eq(end),
                pool_members::created_by.eq(creator),
                pool_members::created_at.eq(now),
                pool_members::updated_at.eq(now),
            ))
            .execute(conn)?;
        if p.username == CONFLICTED {
            let online = crate::demo_workflow::STAGES
                .iter()
                .position(|(s, _)| *s == shared::Stage::OnlineReview)
                .unwrap_or_default();
            diesel::insert_into(expert_conflicts::table)
                .values((
                    expert_conflicts::expert_id.eq(expert),
                    expert_conflicts::kind.eq(ConflictKind::Person),
                    expert_conflicts::person_id_number.eq(crate::pii::Pii::new(
                        crate::demo_workflow::applicant_id_number(online),
                    )),
                    expert_conflicts::person_id_number_hash.eq(crate::pii::hash(
                        &crate::demo_workflow::applicant_id_number(online),
                    )),
                    expert_conflicts::person_name.eq(crate::demo_workflow::STAGES[online].1),
                    expert_conflicts::reason.eq("亲属关系（示范数据）"),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_has_24_valid_distinct_people() {
        assert_eq!(PLAN.len(), 24);
        let mut ids: Vec<String> = (0..PLAN.len()).map(id_number).collect();
        assert!(ids.iter().all(|i| IdNumber::parse(i).is_ok()));
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 24);
        assert!(
            PLAN.iter()
                .filter(|p| p.specialties.contains(&"中学数学"))
                .count()
                >= 12
        );
        assert!(PLAN.iter().filter(|p| p.employer == "county_emp").count() >= 3);
    }
}
