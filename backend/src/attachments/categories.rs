//! Kinds of application material (manual §6.2.1: 学历/资历证明, 任职资格证书, 论文/著作,
//! 业绩成果, 考核/继续教育证明, 其他): the `attachment_categories` table, the check of an
//! upload's category and the check of `submit` (every kind the series requires has a file).

use anyhow::Context;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;
use shared::{
    application::Series,
    attachments::{
        missing_categories, valid_category_code, AttachmentCategory, AttachmentCategoryInput,
        AttachmentSection,
    },
    ErrorCode,
};

use crate::{
    db::{
        schema::{attachment_categories as cat, attachments},
        DbConnection,
    },
    error::ApiError,
};

type RowTuple = (i64, String, String, String, i32, bool, String);

fn to_dto(row: RowTuple) -> Result<AttachmentCategory, ApiError> {
    let (id, code, name_zh, name_en, sort, enabled, required) = row;
    let required_series = split_series(&required)
        .with_context(|| format!("attachment category {id}: bad required_series {required:?}"))?;
    Ok(AttachmentCategory {
        id,
        code,
        name_zh,
        name_en,
        sort,
        enabled,
        required_series,
    })
}

/// The stored form of a series list: wire names joined by commas.
pub fn join_series(series: &[Series]) -> String {
    series
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn split_series(text: &str) -> anyhow::Result<Vec<Series>> {
    text.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| Series::parse(s.trim()).ok_or_else(|| anyhow::anyhow!("unknown series {s:?}")))
        .collect()
}

fn columns() -> (
    cat::id,
    cat::code,
    cat::name_zh,
    cat::name_en,
    cat::sort,
    cat::enabled,
    cat::required_series,
) {
    (
        cat::id,
        cat::code,
        cat::name_zh,
        cat::name_en,
        cat::sort,
        cat::enabled,
        cat::required_series,
    )
}

/// Every kind, in display order.
pub fn load_all(conn: &mut DbConnection) -> Result<Vec<AttachmentCategory>, ApiError> {
    cat::table
        .order((cat::sort.asc(), cat::id.asc()))
        .select(columns())
        .load::<RowTuple>(conn)?
        .into_iter()
        .map(to_dto)
        .collect()
}

/// One kind; 404 when there is none.
pub fn require(conn: &mut DbConnection, id: i64) -> Result<AttachmentCategory, ApiError> {
    let row = cat::table
        .find(id)
        .select(columns())
        .first::<RowTuple>(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    to_dto(row)
}

/// The kind of a new application file: it must exist and be enabled (422 on `category_id`).
pub fn require_uploadable(
    conn: &mut DbConnection,
    section: AttachmentSection,
    id: Option<i64>,
) -> Result<i64, ApiError> {
    debug_assert!(section != AttachmentSection::RecommendationProof);
    let Some(id) = id else {
        return Err(ApiError::validation(
            "category_id",
            "请选择附件类别",
            "is required: choose the kind of material",
        ));
    };
    let found = cat::table
        .find(id)
        .select(cat::enabled)
        .first::<bool>(conn)
        .optional()?;
    match found {
        Some(true) => Ok(id),
        Some(false) => Err(ApiError::validation(
            "category_id",
            "该附件类别已停用，请选择其他类别",
            "is disabled: choose another kind of material",
        )),
        None => Err(ApiError::validation(
            "category_id",
            "没有这个附件类别",
            "is not a known kind of material",
        )),
    }
}

/// `submit`: 422 `attachments_missing` naming every kind the series requires that has no file.
pub fn require_present(
    conn: &mut DbConnection,
    application_id: i64,
    series: Series,
) -> Result<(), ApiError> {
    let all = load_all(conn)?;
    if !all.iter().any(|c| c.required_for(series)) {
        return Ok(());
    }
    let present: Vec<i64> = attachments::table
        .filter(attachments::application_id.eq(application_id))
        .filter(attachments::category_id.is_not_null())
        .select(attachments::category_id.assume_not_null())
        .distinct()
        .load(conn)?;
    let missing = missing_categories(&all, series, &present);
    if missing.is_empty() {
        return Ok(());
    }
    let zh: Vec<&str> = missing.iter().map(|c| c.name_zh.as_str()).collect();
    let en: Vec<&str> = missing.iter().map(|c| c.name_en.as_str()).collect();
    Err(ApiError::with_text(
        ErrorCode::AttachmentsMissing,
        format!("请先上传以下类别的附件：{}", zh.join("、")),
        format!("Upload files of these kinds first: {}", en.join(", ")),
    ))
}

/// Checks a kind's content; answers it trimmed.
pub fn check_input(input: &AttachmentCategoryInput) -> Result<AttachmentCategoryInput, ApiError> {
    let code = input.code.trim().to_owned();
    if !valid_category_code(&code) {
        return Err(ApiError::validation(
            "code",
            "须为 1–40 个小写字母、数字或下划线",
            "must be 1-40 lowercase letters, digits or underscores",
        ));
    }
    let name_zh = crate::http::text::required("name_zh", &input.name_zh, 50)?;
    let name_en = crate::http::text::required("name_en", &input.name_en, 100)?;
    if !(0..=9999).contains(&input.sort) {
        return Err(ApiError::validation(
            "sort",
            "须在 0–9999 之间",
            "must be between 0 and 9999",
        ));
    }
    let mut required_series = input.required_series.clone();
    required_series.sort_by_key(|s| Series::ALL.iter().position(|x| x == s));
    required_series.dedup();
    Ok(AttachmentCategoryInput {
        code,
        name_zh,
        name_en,
        sort: input.sort,
        enabled: input.enabled,
        required_series,
    })
}

/// The facts recorded in the audit log.
pub fn audit_json(c: &AttachmentCategory) -> serde_json::Value {
    json!({
        "id": c.id,
        "code": c.code,
        "name_zh": c.name_zh,
        "name_en": c.name_en,
        "sort": c.sort,
        "enabled": c.enabled,
        "required_series": c.required_series,
    })
}

/// Inserts a kind; 409 `already_exists` when the code is taken.
pub fn create(
    conn: &mut DbConnection,
    input: &AttachmentCategoryInput,
    now: NaiveDateTime,
) -> Result<AttachmentCategory, ApiError> {
    let taken: i64 = cat::table
        .filter(cat::code.eq(&input.code))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(ApiError::with_text(
            ErrorCode::AlreadyExists,
            format!("附件类别代码 {} 已存在", input.code),
            format!("The category code {} exists already", input.code),
        )
        .at_field("code"));
    }
    let id: i64 = diesel::insert_into(cat::table)
        .values((
            cat::code.eq(&input.code),
            cat::name_zh.eq(&input.name_zh),
            cat::name_en.eq(&input.name_en),
            cat::sort.eq(input.sort),
            cat::enabled.eq(input.enabled),
            cat::required_series.eq(join_series(&input.required_series)),
            cat::updated_at.eq(now),
        ))
        .returning(cat::id)
        .get_result(conn)
        .context("inserting an attachment category")?;
    require(conn, id)
}

/// Rewrites a kind's names, order, state and requirements (its code stays).
pub fn update(
    conn: &mut DbConnection,
    id: i64,
    input: &AttachmentCategoryInput,
    now: NaiveDateTime,
) -> Result<AttachmentCategory, ApiError> {
    diesel::update(cat::table.find(id))
        .set((
            cat::name_zh.eq(&input.name_zh),
            cat::name_en.eq(&input.name_en),
            cat::sort.eq(input.sort),
            cat::enabled.eq(input.enabled),
            cat::required_series.eq(join_series(&input.required_series)),
            cat::updated_at.eq(now),
        ))
        .execute(conn)
        .with_context(|| format!("updating attachment category {id}"))?;
    require(conn, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_lists_round_trip() {
        let list = [Series::Engineering, Series::Health];
        assert_eq!(join_series(&list), "engineering,health");
        assert_eq!(split_series("engineering,health").ok(), Some(list.to_vec()));
        assert_eq!(split_series("").ok(), Some(vec![]));
        assert!(split_series("engineering,nope").is_err());
    }
}
