//! Recusal (回避): whether an expert may review an applicant. The unit-tree predicates
//! [`employer_recuses`] and [`declared_unit_covers`] are the one rule: the draw
//! (`sessions::draw`) excludes candidates with them and the distribution ([`reason`]) refuses a
//! recused expert with them, so a drawn expert is never refused at distribution for a reason the
//! draw did not apply, nor the other way round.
//!
//! An expert is recused for an applicant when
//! 1. the expert's employer is the applicant's employer, or a unit below it (the employer's
//!    subtree, by the units' materialised paths *now*, i.e. at the time of the draw or review),
//!    or the expert's employer is an employing unit (用人单位) and the applicant's employer is
//!    below it (a branch of the expert's own employer);
//! 2. the expert declared a conflict with a unit (and its subtree) containing the applicant's
//!    employer;
//! 3. the expert declared a conflict with the applicant in person (ID number).
//!
//! An expert working for a supervising body *above* the applicant's employer (a competent
//! department, an HRSS) is not recused by rule 1: such bodies would otherwise never review their
//! region; such conflicts are declared (rule 2).

use std::collections::HashMap;

use diesel::prelude::*;
use shared::{experts::ConflictKind, online_review::RecusalReason, UnitKind};

use crate::{
    db::{
        schema::{applications, expert_conflicts, experts, units},
        DbConnection,
    },
    error::ApiError,
};

/// Rule 1 on materialised paths (`/1/4/7/`): the expert's employer is the applicant's employer or
/// below it, or an employing unit with the applicant's employer below it.
pub fn employer_recuses(
    expert_employer_path: &str,
    expert_employer_is_employing_unit: bool,
    applicant_employer_path: &str,
) -> bool {
    expert_employer_path.starts_with(applicant_employer_path)
        || (expert_employer_is_employing_unit
            && applicant_employer_path.starts_with(expert_employer_path))
}

/// Rule 2: a declared unit conflict (its path) covers the applicant's employer (the unit or its
/// subtree).
pub fn declared_unit_covers(conflict_unit_path: &str, applicant_employer_path: &str) -> bool {
    applicant_employer_path.starts_with(conflict_unit_path)
}

/// A declared conflict, resolved for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// A unit's materialised path: the unit and its subtree.
    Unit(String),
    /// A person's ID number.
    Person(String),
}

/// What recusal needs to know of an expert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpertFacts {
    /// The employer.
    pub employer_id: i64,
    /// Its materialised path (`/1/4/7/`).
    pub employer_path: String,
    /// Whether the employer is an employing unit (用人单位), not a supervising body.
    pub employer_is_employing_unit: bool,
    /// Declared conflicts.
    pub conflicts: Vec<Conflict>,
}

/// What recusal needs to know of an applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicantFacts {
    /// The employer.
    pub employer_id: i64,
    /// Its materialised path.
    pub employer_path: String,
    /// The applicant's ID number.
    pub id_number: String,
}

/// Why `expert` must not review `applicant`, or `None` when they may.
pub fn reason(expert: &ExpertFacts, applicant: &ApplicantFacts) -> Option<RecusalReason> {
    if expert.employer_id == applicant.employer_id {
        return Some(RecusalReason::SameEmployer);
    }
    if employer_recuses(
        &expert.employer_path,
        expert.employer_is_employing_unit,
        &applicant.employer_path,
    ) {
        return Some(RecusalReason::EmployerSubtree);
    }
    for conflict in &expert.conflicts {
        match conflict {
            Conflict::Unit(path) if declared_unit_covers(path, &applicant.employer_path) => {
                return Some(RecusalReason::DeclaredUnit);
            }
            Conflict::Person(id) if id.eq_ignore_ascii_case(&applicant.id_number) => {
                return Some(RecusalReason::DeclaredPerson);
            }
            _ => {}
        }
    }
    None
}

/// The facts of these experts (by `experts.id`).
pub fn expert_facts(
    conn: &mut DbConnection,
    expert_ids: &[i64],
) -> Result<HashMap<i64, ExpertFacts>, ApiError> {
    let rows: Vec<(i64, i64, String, UnitKind)> = experts::table
        .inner_join(units::table)
        .filter(experts::id.eq_any(expert_ids))
        .select((experts::id, experts::employer_id, units::path, units::kind))
        .load(conn)?;
    let mut out: HashMap<i64, ExpertFacts> = rows
        .into_iter()
        .map(|(id, employer_id, employer_path, kind)| {
            (
                id,
                ExpertFacts {
                    employer_id,
                    employer_path,
                    employer_is_employing_unit: kind == UnitKind::Employer,
                    conflicts: Vec::new(),
                },
            )
        })
        .collect();
    let conflicts: Vec<(i64, ConflictKind, Option<i64>, Option<String>)> = expert_conflicts::table
        .filter(expert_conflicts::expert_id.eq_any(expert_ids))
        .select((
            expert_conflicts::expert_id,
            expert_conflicts::kind,
            expert_conflicts::unit_id,
            expert_conflicts::person_id_number,
        ))
        .load(conn)?;
    let unit_ids: Vec<i64> = conflicts.iter().filter_map(|c| c.2).collect();
    let paths: HashMap<i64, String> = units::table
        .filter(units::id.eq_any(&unit_ids))
        .select((units::id, units::path))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    for (expert, kind, unit, person) in conflicts {
        let resolved = match kind {
            ConflictKind::Unit => unit
                .and_then(|u| paths.get(&u).cloned())
                .map(Conflict::Unit),
            ConflictKind::Person => person.map(Conflict::Person),
        };
        if let (Some(c), Some(facts)) = (resolved, out.get_mut(&expert)) {
            facts.conflicts.push(c);
        }
    }
    Ok(out)
}

/// The facts of these applicants (by application id), with their employers' paths now.
pub fn applicant_facts(
    conn: &mut DbConnection,
    application_ids: &[i64],
) -> Result<HashMap<i64, ApplicantFacts>, ApiError> {
    let rows: Vec<(i64, i64, String)> = applications::table
        .filter(applications::id.eq_any(application_ids))
        .select((
            applications::id,
            applications::employer_id,
            applications::id_number,
        ))
        .load(conn)?;
    let unit_ids: Vec<i64> = rows.iter().map(|r| r.1).collect();
    let paths: HashMap<i64, String> = units::table
        .filter(units::id.eq_any(&unit_ids))
        .select((units::id, units::path))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|(id, employer_id, id_number)| {
            (
                id,
                ApplicantFacts {
                    employer_id,
                    employer_path: paths.get(&employer_id).cloned().unwrap_or_default(),
                    id_number,
                },
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expert(id: i64, path: &str, conflicts: Vec<Conflict>) -> ExpertFacts {
        ExpertFacts {
            employer_id: id,
            employer_path: path.into(),
            employer_is_employing_unit: false,
            conflicts,
        }
    }

    fn applicant(id: i64, path: &str) -> ApplicantFacts {
        ApplicantFacts {
            employer_id: id,
            employer_path: path.into(),
            id_number: "52012119880401201X".into(),
        }
    }

    #[test]
    fn the_rule_names_each_reason() {
        let app = applicant(7, "/1/4/7/");
        let cases = [
            (
                expert(7, "/1/4/7/", vec![]),
                Some(RecusalReason::SameEmployer),
            ),
            (
                expert(9, "/1/4/7/9/", vec![]),
                Some(RecusalReason::EmployerSubtree),
            ),
            // Above the employer: not recused by the employer rule.
            (expert(4, "/1/4/", vec![]), None),
            // A sibling whose id shares a prefix: `/1/4/70/` is not below `/1/4/7/`.
            (expert(70, "/1/4/70/", vec![]), None),
            (
                expert(2, "/1/2/", vec![Conflict::Unit("/1/4/".into())]),
                Some(RecusalReason::DeclaredUnit),
            ),
            (
                expert(2, "/1/2/", vec![Conflict::Unit("/1/4/70/".into())]),
                None,
            ),
            (
                expert(
                    2,
                    "/1/2/",
                    vec![Conflict::Person("52012119880401201x".into())],
                ),
                Some(RecusalReason::DeclaredPerson),
            ),
            (
                expert(
                    2,
                    "/1/2/",
                    vec![Conflict::Person("520121198804012029".into())],
                ),
                None,
            ),
        ];
        for (e, expected) in cases {
            assert_eq!(reason(&e, &app), expected, "{e:?}");
        }
    }

    #[test]
    fn a_branch_of_the_experts_employing_unit_recuses_a_supervising_body_does_not() {
        let branch = applicant(9, "/1/4/7/9/");
        let mut employing = expert(7, "/1/4/7/", vec![]);
        employing.employer_is_employing_unit = true;
        assert_eq!(
            reason(&employing, &branch),
            Some(RecusalReason::EmployerSubtree)
        );
        // The same unit as a supervising body (a department, an HRSS) above the applicant.
        let supervising = expert(7, "/1/4/7/", vec![]);
        assert_eq!(reason(&supervising, &branch), None);
        // The draw applies the same predicate.
        assert!(employer_recuses("/1/4/7/", true, "/1/4/7/9/"));
        assert!(!employer_recuses("/1/4/7/", false, "/1/4/7/9/"));
        assert!(employer_recuses("/1/4/7/9/", false, "/1/4/7/"));
    }
}
