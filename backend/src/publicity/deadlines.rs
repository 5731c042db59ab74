//! The two deadlines of a failure publicity (manual §6.2.8): the online supplement deadline —
//! a supplement submitted after it is refused (`supplement_overdue`, 逾期不再受理) — and the
//! paper materials deadline with the address and phone printed in the standard text. Both lie
//! after the period's end. Stored in `publicity_deadlines`, one row per failure batch.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::{
    publicity::{FailureDeadlines, PublicityKind, PublicityStatus},
    workflow::Action,
    ErrorCode,
};

use crate::{
    calendar,
    db::{
        schema::{publicity_batches, publicity_deadlines, publicity_items},
        DbConnection,
    },
    error::ApiError,
};

/// The deadlines as checked and stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadlines {
    pub supplement: NaiveDate,
    pub paper: NaiveDate,
    pub address: String,
    pub phone: String,
}

/// What the caller sent (each optional).
#[derive(Debug, Clone, Copy, Default)]
pub struct Given<'a> {
    pub supplement: Option<&'a str>,
    pub paper: Option<&'a str>,
    pub address: Option<&'a str>,
    pub phone: Option<&'a str>,
}

impl Given<'_> {
    fn any(&self) -> bool {
        self.supplement.is_some()
            || self.paper.is_some()
            || self.address.is_some()
            || self.phone.is_some()
    }
}

/// Refuses deadline fields on a kind that has none.
pub fn refuse_for_other_kinds(kind: PublicityKind, given: &Given<'_>) -> Result<(), ApiError> {
    if kind == PublicityKind::Failure || !given.any() {
        return Ok(());
    }
    let field = [
        ("supplement_deadline", given.supplement.is_some()),
        ("paper_deadline", given.paper.is_some()),
        ("paper_address", given.address.is_some()),
        ("paper_phone", given.phone.is_some()),
    ]
    .into_iter()
    .find(|(_, set)| *set)
    .map_or("supplement_deadline", |(f, _)| f);
    Err(ApiError::validation(
        field,
        "只有审查未通过公示设置补充材料截止时间",
        "only a failure publicity has supplement deadlines",
    ))
}

/// Checks the deadlines of a failure batch ending on `end`. Absent fields take `defaults`
/// (the stored ones on an edit) or, failing those, the standard ones: 5 working days after the
/// end, the paper deadline equal to the online one, the committee unit's name and phone.
pub fn resolve(
    conn: &mut DbConnection,
    end: NaiveDate,
    given: &Given<'_>,
    defaults: Option<&Deadlines>,
    unit: (&str, &str),
) -> Result<Deadlines, ApiError> {
    let supplement = match (given.supplement, defaults) {
        (Some(raw), _) => calendar::parse_day("supplement_deadline", raw)?,
        (None, Some(d)) => d.supplement,
        (None, None) => calendar::add_working_days(conn, end, 5)?,
    };
    let paper = match (given.paper, defaults) {
        (Some(raw), _) => calendar::parse_day("paper_deadline", raw)?,
        (None, Some(d)) => d.paper,
        (None, None) => supplement,
    };
    for (field, day) in [
        ("supplement_deadline", supplement),
        ("paper_deadline", paper),
    ] {
        if day <= end {
            return Err(ApiError::validation(
                field,
                &format!("须晚于公示结束日期 {}", calendar::format_day(end)),
                &format!(
                    "must be after the period's end {}",
                    calendar::format_day(end)
                ),
            ));
        }
    }
    let text = |field: &str, given: Option<&str>, stored: Option<&str>, fallback: &str| {
        let v = given.or(stored).unwrap_or(fallback).trim().to_owned();
        if v.is_empty() {
            return Err(ApiError::validation(field, "不能为空", "is required"));
        }
        if v.chars().count() > 200 || v.chars().any(char::is_control) {
            return Err(ApiError::validation(
                field,
                "不能超过 200 个字符，且不能含控制字符",
                "must have at most 200 characters and no control characters",
            ));
        }
        Ok(v)
    };
    let address = text(
        "paper_address",
        given.address,
        defaults.map(|d| d.address.as_str()),
        unit.0,
    )?;
    let phone = text(
        "paper_phone",
        given.phone,
        defaults.map(|d| d.phone.as_str()),
        unit.1,
    )?;
    if let Err(rule) = shared::rules::Phone::parse(&phone) {
        return Err(ApiError::validation("paper_phone", &rule.zh(), &rule.en()));
    }
    Ok(Deadlines {
        supplement,
        paper,
        address,
        phone,
    })
}

/// The stored deadlines of a batch, if any.
pub fn load(conn: &mut DbConnection, batch_id: i64) -> Result<Option<Deadlines>, ApiError> {
    Ok(publicity_deadlines::table
        .find(batch_id)
        .select((
            publicity_deadlines::supplement_deadline,
            publicity_deadlines::paper_deadline,
            publicity_deadlines::paper_address,
            publicity_deadlines::paper_phone,
        ))
        .first::<(NaiveDate, NaiveDate, String, String)>(conn)
        .optional()?
        .map(|(supplement, paper, address, phone)| Deadlines {
            supplement,
            paper,
            address,
            phone,
        }))
}

/// Stores (inserts or replaces) the deadlines of a batch; the caller audits the batch.
pub fn store(conn: &mut DbConnection, batch_id: i64, d: &Deadlines) -> Result<(), ApiError> {
    diesel::delete(publicity_deadlines::table.find(batch_id)).execute(conn)?;
    diesel::insert_into(publicity_deadlines::table)
        .values((
            publicity_deadlines::batch_id.eq(batch_id),
            publicity_deadlines::supplement_deadline.eq(d.supplement),
            publicity_deadlines::paper_deadline.eq(d.paper),
            publicity_deadlines::paper_address.eq(&d.address),
            publicity_deadlines::paper_phone.eq(&d.phone),
        ))
        .execute(conn)?;
    Ok(())
}

impl Deadlines {
    /// The wire shape.
    pub fn to_dto(&self) -> FailureDeadlines {
        FailureDeadlines {
            supplement_deadline: calendar::format_day(self.supplement),
            paper_deadline: calendar::format_day(self.paper),
            paper_address: self.address.clone(),
            paper_phone: self.phone.clone(),
        }
    }

    /// For the audit snapshot.
    pub fn audit_json(&self) -> serde_json::Value {
        serde_json::to_value(self.to_dto()).unwrap_or_default()
    }

    /// The note on the timeline event of the failure publicity's completion.
    pub fn timeline_note(&self) -> String {
        format!(
            "线上补充材料截止：{}（逾期不再受理）；纸质材料截止：{}，报送地址：{}，联系电话：{}",
            calendar::format_day(self.supplement),
            calendar::format_day(self.paper),
            self.address,
            self.phone
        )
    }
}

/// Refuses a supplement (`submit_supplement`) after the online deadline of the completed failure
/// publicity that sent the application back; any other action passes. Called by the engine.
pub fn require_supplement_open(
    conn: &mut DbConnection,
    application_id: i64,
    action: Action,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    if action != Action::SubmitSupplement {
        return Ok(());
    }
    let deadline: Option<NaiveDate> = publicity_items::table
        .inner_join(publicity_batches::table)
        .inner_join(
            publicity_deadlines::table.on(publicity_deadlines::batch_id.eq(publicity_batches::id)),
        )
        .filter(publicity_items::application_id.eq(application_id))
        .filter(publicity_batches::kind.eq(PublicityKind::Failure.as_str()))
        .filter(publicity_batches::status.eq(PublicityStatus::Completed.as_str()))
        .order((
            publicity_batches::completed_at.desc(),
            publicity_batches::id.desc(),
        ))
        .select(publicity_deadlines::supplement_deadline)
        .first(conn)
        .optional()?;
    match deadline {
        Some(d) if calendar::today(now) > d => Err(ApiError::with_text(
            ErrorCode::SupplementOverdue,
            format!(
                "线上补充材料已于 {} 截止，逾期不再受理",
                calendar::format_day(d)
            ),
            format!(
                "The online supplement deadline was {}; late supplements are not accepted",
                calendar::format_day(d)
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_failure_batches_take_deadlines() {
        let given = Given {
            paper: Some("2026-12-20"),
            ..Given::default()
        };
        assert!(refuse_for_other_kinds(PublicityKind::Failure, &given).is_ok());
        assert!(refuse_for_other_kinds(PublicityKind::Nominee, &Given::default()).is_ok());
        let err = refuse_for_other_kinds(PublicityKind::Nominee, &given).err();
        assert_eq!(err.map(|e| e.code()), Some(ErrorCode::ValidationFailed));
    }
}
