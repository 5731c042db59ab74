//! The curated schema, written by hand in portable types (`BigInt` ids, `Text`, `Bool`, UTC
//! `Timestamp`, JSON as `Text`) so that one definition serves both engines. Keep it in step with
//! `migrations/{sqlite,postgres}`; `tests/api/schema.rs` checks both sets against each other.

diesel::table! {
    /// Runtime settings that administrators change without a deploy (key → JSON value).
    app_settings (key) {
        key -> Text,
        value -> Text,
        updated_at -> Timestamp,
        updated_by -> Nullable<BigInt>,
    }
}
