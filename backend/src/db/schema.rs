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

diesel::table! {
    /// Named sets of modules a unit may use / hand out.
    unit_roles (id) {
        id -> BigInt,
        name -> Text,
        description -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    unit_role_modules (role_id, module) {
        role_id -> BigInt,
        module -> Text,
        assignable -> Bool,
    }
}

diesel::table! {
    /// The organisation tree (materialised path).
    units (id) {
        id -> BigInt,
        parent_id -> Nullable<BigInt>,
        kind -> Text,
        level -> Text,
        name -> Text,
        credit_code -> Text,
        region -> Text,
        contact_name -> Text,
        contact_phone -> Text,
        enabled -> Bool,
        path -> Text,
        depth -> Integer,
        unit_role_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    affiliation_requests (id) {
        id -> BigInt,
        unit_id -> BigInt,
        from_parent_id -> BigInt,
        to_parent_id -> BigInt,
        reason -> Text,
        status -> Text,
        requested_by -> BigInt,
        requested_at -> Timestamp,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        opinion -> Nullable<Text>,
    }
}

diesel::table! {
    accounts (id) {
        id -> BigInt,
        username -> Text,
        display_name -> Text,
        kind -> Text,
        unit_id -> BigInt,
        id_number -> Nullable<Text>,
        phone -> Nullable<Text>,
        password_hash -> Text,
        must_change_password -> Bool,
        enabled -> Bool,
        failed_attempts -> Integer,
        locked_until -> Nullable<Timestamp>,
        token_version -> BigInt,
        last_login_at -> Nullable<Timestamp>,
        password_changed_at -> Nullable<Timestamp>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    business_roles (id) {
        id -> BigInt,
        unit_id -> BigInt,
        name -> Text,
        description -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    business_role_modules (role_id, module) {
        role_id -> BigInt,
        module -> Text,
    }
}

diesel::table! {
    account_roles (account_id, role_id) {
        account_id -> BigInt,
        role_id -> BigInt,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> BigInt,
        account_id -> BigInt,
        family -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        absolute_expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Append-only, hash-chained audit trail.
    audit_log (id) {
        id -> BigInt,
        prev_hash -> Text,
        hash -> Text,
        created_at -> Timestamp,
        actor_id -> Nullable<BigInt>,
        actor_name -> Nullable<Text>,
        actor_unit_id -> Nullable<BigInt>,
        action -> Text,
        target_type -> Text,
        target_id -> Nullable<Text>,
        outcome -> Text,
        before_data -> Nullable<Text>,
        after_data -> Nullable<Text>,
        ip -> Nullable<Text>,
    }
}

diesel::joinable!(units -> unit_roles (unit_role_id));
diesel::joinable!(unit_role_modules -> unit_roles (role_id));
diesel::joinable!(accounts -> units (unit_id));
diesel::joinable!(business_roles -> units (unit_id));
diesel::joinable!(business_role_modules -> business_roles (role_id));
diesel::joinable!(account_roles -> accounts (account_id));
diesel::joinable!(account_roles -> business_roles (role_id));
diesel::joinable!(refresh_tokens -> accounts (account_id));

diesel::allow_tables_to_appear_in_same_query!(
    app_settings,
    unit_roles,
    unit_role_modules,
    units,
    affiliation_requests,
    accounts,
    business_roles,
    business_role_modules,
    account_roles,
    refresh_tokens,
    audit_log,
);
