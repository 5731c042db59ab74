//! The experts' review forms (专家评审, manual §6.2.10.5): one per distribution, opened by
//! "enter review". The expert reads the dossier, its files and the blind opinions of the
//! applicant; saves a draft (暂存) at any time; completes (完成材料审查), which validates and
//! locks. The field rule is `shared::online_review::check_form`.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{
    online_review::{
        check_form, form_fields, Dossier, DossierFile, ExpertReview, FormFields, FormProblem,
        ReviewForm, ReviewRole, ReviewStatus,
    },
    ErrorCode,
};

use super::{GroupRow, SessionExpertRow, SessionRow};
use crate::{
    audit::Actor,
    auth::AuthUser,
    db::{
        schema::{
            applications, attachments, distributions, expert_reviews, experts, session_experts,
            units,
        },
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    versioned::{no_effects, Change, Kind},
};

/// A stored review form.
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = expert_reviews)]
pub struct ReviewRow {
    pub id: i64,
    pub distribution_id: i64,
    pub academic_evaluation: String,
    pub defense_questions: String,
    pub defense_evaluation: String,
    pub defense_score: Option<i32>,
    pub overall_evaluation: String,
    pub status: ReviewStatus,
    pub updated_at: NaiveDateTime,
    pub completed_at: Option<NaiveDateTime>,
    pub version: i64,
}

/// A stored distribution.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = distributions)]
pub struct DistributionRow {
    pub id: i64,
    pub session_id: i64,
    pub group_id: i64,
    pub application_id: i64,
    pub session_expert_id: i64,
    pub chief: bool,
}

impl DistributionRow {
    /// Chief or assistant.
    pub fn role(&self) -> ReviewRole {
        if self.chief {
            ReviewRole::Chief
        } else {
            ReviewRole::Assistant
        }
    }
}

/// Everything one review form hangs on.
#[derive(Debug, Clone)]
pub struct Context {
    pub review: ReviewRow,
    pub distribution: DistributionRow,
    pub place: SessionExpertRow,
    pub session: SessionRow,
    pub group: GroupRow,
}

/// The caller's own review form `id` (404 for anyone else's: experts see only what was
/// distributed to them).
pub fn require_own(conn: &mut DbConnection, user: &AuthUser, id: i64) -> Result<Context, ApiError> {
    let found: Option<(ReviewRow, DistributionRow, SessionExpertRow)> = expert_reviews::table
        .inner_join(
            distributions::table.inner_join(session_experts::table.inner_join(experts::table)),
        )
        .filter(expert_reviews::id.eq(id))
        .filter(experts::account_id.eq(user.id))
        .select((
            ReviewRow::as_select(),
            DistributionRow::as_select(),
            SessionExpertRow::as_select(),
        ))
        .first(conn)
        .optional()?;
    let (review, distribution, place) = found.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let session = super::session(conn, distribution.session_id)?;
    let group = super::group(conn, distribution.group_id)?;
    Ok(Context {
        review,
        distribution,
        place,
        session,
        group,
    })
}

/// What may be filled now: nothing once completed or outside the review.
fn fields_now(ctx: &Context) -> FormFields {
    if ctx.review.status == ReviewStatus::Completed || !ctx.session.status.review_open() {
        FormFields::default()
    } else {
        form_fields(
            ctx.distribution.role(),
            ctx.session.defense,
            ctx.group.defense_held_at.is_some(),
        )
    }
}

/// The form with its dossier, files and the applicant's blind opinions.
pub fn view(conn: &mut DbConnection, ctx: &Context) -> Result<ExpertReview, ApiError> {
    let app_id = ctx.distribution.application_id;
    type AppCols = (
        i64,
        String,
        i64,
        shared::application::Series,
        shared::application::Level,
        String,
        String,
        String,
        i32,
        String,
    );
    let a: AppCols = applications::table
        .find(app_id)
        .select((
            applications::id,
            applications::name,
            applications::employer_id,
            applications::series,
            applications::level,
            applications::specialty,
            applications::qualification,
            applications::current_title,
            applications::years_of_service,
            applications::achievements,
        ))
        .first(conn)?;
    let employer: String = units::table.find(a.2).select(units::name).first(conn)?;
    let files: Vec<(i64, String, String, i64)> = attachments::table
        .filter(attachments::application_id.eq(app_id))
        .order(attachments::id.asc())
        .select((
            attachments::id,
            attachments::file_name,
            attachments::description,
            attachments::size,
        ))
        .load(conn)?;
    let blind_opinions = if ctx.session.blind_review {
        super::blind::list(conn, ctx.session.id, Some(vec![app_id]))?
    } else {
        Vec::new()
    };
    let r = &ctx.review;
    Ok(ExpertReview {
        id: r.id,
        version: r.version,
        status: r.status,
        role: ctx.distribution.role(),
        session_id: ctx.session.id,
        session_name: ctx.session.name.clone(),
        group_id: ctx.group.id,
        group_name: ctx.group.name.clone(),
        defense: ctx.session.defense,
        defense_held: ctx.group.defense_held_at.is_some(),
        application: Dossier {
            id: a.0,
            name: a.1,
            employer,
            series: a.3,
            level: a.4,
            specialty: a.5,
            qualification: a.6,
            current_title: a.7,
            years_of_service: a.8,
            achievements: a.9,
        },
        attachments: files
            .into_iter()
            .map(|(id, file_name, description, size)| DossierFile {
                id,
                file_name,
                description,
                size,
            })
            .collect(),
        blind_opinions,
        academic_evaluation: r.academic_evaluation.clone(),
        defense_questions: r.defense_questions.clone(),
        defense_evaluation: r.defense_evaluation.clone(),
        defense_score: r.defense_score,
        overall_evaluation: r.overall_evaluation.clone(),
        updated_at: crate::clock::rfc3339(r.updated_at),
        completed_at: super::time(r.completed_at),
        fields: fields_now(ctx),
    })
}

fn field_label(field: &str) -> (&'static str, &'static str) {
    match field {
        "academic_evaluation" => (
            "学术、业绩评价意见",
            "the academic and performance evaluation",
        ),
        "defense_questions" => ("答辩题目", "the defense questions"),
        "defense_evaluation" => ("答辩评价意见", "the defense evaluation"),
        "defense_score" => ("答辩成绩", "the defense score"),
        _ => ("综合评价意见", "the overall evaluation"),
    }
}

/// The API error of a refused form.
pub fn problem(p: FormProblem, role: ReviewRole) -> ApiError {
    match p {
        FormProblem::NotYours(field) => {
            let (zh, en) = field_label(field);
            let (zh_why, en_why) = if role == ReviewRole::Assistant {
                (
                    "副审专家只填写综合评价意见",
                    "an assistant reviewer fills the overall evaluation only",
                )
            } else {
                ("本次评审未设答辩", "the session has no defense")
            };
            ApiError::with_text(
                ErrorCode::ValidationFailed,
                format!("不能填写{zh}：{zh_why}"),
                format!("You may not fill {en}: {en_why}"),
            )
            .at_field(field)
        }
        FormProblem::DefenseNotHeld => ApiError::new(ErrorCode::DefenseNotHeld),
        FormProblem::TooLong(field) => {
            let (zh, en) = field_label(field);
            ApiError::with_text(
                ErrorCode::ValidationFailed,
                format!("{zh}不能超过 5000 个字符"),
                format!("{en} has at most 5000 characters"),
            )
            .at_field(field)
        }
        FormProblem::ScoreRange => ApiError::validation(
            "defense_score",
            "答辩成绩须为 0–100 的整数",
            "must be an integer from 0 to 100",
        ),
        FormProblem::Missing(field) => {
            let (zh, en) = field_label(field);
            ApiError::with_text(
                ErrorCode::ReviewIncomplete,
                format!("请填写{zh}后再完成材料审查"),
                format!("Fill {en} before completing the review"),
            )
            .at_field(field)
        }
    }
}

/// Saves the form (暂存), or with `complete` validates and locks it (完成材料审查).
pub fn save(
    conn: &mut DbConnection,
    actor: &Actor,
    ctx: &Context,
    form: &ReviewForm,
    complete: bool,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let change = Change {
        kind: Kind::ExpertReview,
        id: ctx.review.id,
        read_version: form.version,
        action: if complete {
            "online.review_complete"
        } else {
            "online.review_save"
        },
        actor,
        now,
    };
    change.expect(ctx.review.version)?;
    super::require_reviewing(&ctx.session)?;
    ctx.place.require_signed_in()?;
    if ctx.review.status == ReviewStatus::Completed {
        return Err(ApiError::new(ErrorCode::ReviewLocked));
    }
    let role = ctx.distribution.role();
    check_form(
        role,
        ctx.session.defense,
        ctx.group.defense_held_at.is_some(),
        form,
        complete,
    )
    .map_err(|p| problem(p, role))?;
    let id = ctx.review.id;
    let status = if complete {
        ReviewStatus::Completed
    } else {
        ReviewStatus::Draft
    };
    change.apply(
        conn,
        |conn| {
            Ok(expert_reviews::table
                .find(id)
                .select(ReviewRow::as_select())
                .first(conn)?)
        },
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                expert_reviews,
                guard,
                (
                    expert_reviews::academic_evaluation.eq(form.academic_evaluation.trim()),
                    expert_reviews::defense_questions.eq(form.defense_questions.trim()),
                    expert_reviews::defense_evaluation.eq(form.defense_evaluation.trim()),
                    expert_reviews::defense_score.eq(form.defense_score),
                    expert_reviews::overall_evaluation.eq(form.overall_evaluation.trim()),
                    expert_reviews::status.eq(status),
                    expert_reviews::updated_at.eq(now),
                    expert_reviews::completed_at.eq(complete.then_some(now)),
                )
            )?)
        },
        no_effects,
    )?;
    Ok(())
}
