//! Runtime settings (`app_settings`): JSON values under stable keys, changed by administrators
//! without a deploy. Later modules keep their policies here (password rules, lockout, …).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{schema::app_settings, DbConnection};
use crate::error::ApiError;

/// The stored value of `key`, if any.
pub fn get(conn: &mut DbConnection, key: &str) -> Result<Option<Value>, ApiError> {
    let raw: Option<String> = app_settings::table
        .find(key)
        .select(app_settings::value)
        .first(conn)
        .optional()?;
    raw.map(|text| serde_json::from_str(&text).map_err(ApiError::internal))
        .transpose()
}

/// The typed value stored under `key`, or `T`'s defaults while nobody has set it.
pub fn current<T: DeserializeOwned + Default>(
    conn: &mut DbConnection,
    key: &str,
) -> Result<T, ApiError> {
    match get(conn, key)? {
        Some(v) => serde_json::from_value(v).map_err(ApiError::internal),
        None => Ok(T::default()),
    }
}

/// Stores `value` under `key` (insert or replace), recording who changed it and when.
pub fn put(
    conn: &mut DbConnection,
    key: &str,
    value: &Value,
    updated_by: Option<i64>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let text = value.to_string();
    conn.write_transaction(|conn| {
        let updated = diesel::update(app_settings::table.find(key))
            .set((
                app_settings::value.eq(&text),
                app_settings::updated_at.eq(now),
                app_settings::updated_by.eq(updated_by),
            ))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(app_settings::table)
                .values((
                    app_settings::key.eq(key),
                    app_settings::value.eq(&text),
                    app_settings::updated_at.eq(now),
                    app_settings::updated_by.eq(updated_by),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}
