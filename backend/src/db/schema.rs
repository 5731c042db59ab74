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
    use diesel::sql_types::*;
    use crate::pii::sql_types::{LoginName, Sealed};
    accounts (id) {
        id -> BigInt,
        username -> LoginName,
        display_name -> Text,
        kind -> Text,
        unit_id -> BigInt,
        id_number -> Nullable<Sealed>,
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
        id_number_hash -> Nullable<Text>,
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
        seq -> Nullable<BigInt>,
    }
}

diesel::table! {
    /// Working-day calendar exceptions: `holiday` (weekday off) or `workday` (调休 weekend day).
    calendar_days (day) {
        day -> Date,
        kind -> Text,
        name -> Text,
        updated_by -> Nullable<BigInt>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Review committees (评委会), one series each.
    committees (id) {
        id -> BigInt,
        unit_id -> BigInt,
        name -> Text,
        series -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Review authority filings (评审权备案); `levels`/`specialties` are JSON arrays.
    review_authority_filings (id) {
        id -> BigInt,
        committee_id -> BigInt,
        unit_id -> BigInt,
        series -> Text,
        levels -> Text,
        specialties -> Text,
        region_scope -> Text,
        valid_from -> Date,
        valid_until -> Date,
        description -> Text,
        status -> Text,
        applied_by -> BigInt,
        applied_at -> Timestamp,
        audited_by -> Nullable<BigInt>,
        audited_at -> Nullable<Timestamp>,
        opinion -> Nullable<Text>,
        version -> BigInt,
    }
}

diesel::table! {
    /// Scope of a policy-review account.
    policy_review_scopes (account_id) {
        account_id -> BigInt,
        committee_id -> BigInt,
        year -> Integer,
        series -> Text,
        specialties -> Text,
        first_used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::pii::sql_types::Sealed;
    /// Title applications (职称申报).
    applications (id) {
        id -> BigInt,
        applicant_id -> BigInt,
        employer_id -> BigInt,
        employer_path -> Text,
        year -> Integer,
        series -> Text,
        specialty -> Text,
        level -> Text,
        qualification -> Text,
        declaration_type -> Text,
        name -> Text,
        id_number -> Sealed,
        gender -> Text,
        birth_date -> Date,
        education -> Text,
        current_title -> Text,
        current_title_date -> Nullable<Date>,
        years_of_service -> Integer,
        achievements -> Text,
        phone -> Text,
        stage -> Text,
        holder_unit_id -> BigInt,
        committee_id -> Nullable<BigInt>,
        resubmission -> Bool,
        return_opinion -> Nullable<Text>,
        review_passed -> Nullable<Bool>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        /// Started by the employer's handler for the applicant (由单位发起).
        started_by_unit -> Bool,
        /// The first submission; `NULL` = never submitted (a private draft).
        submitted_at -> Nullable<Timestamp>,
        /// When it entered its current stage.
        stage_entered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// The timeline (追踪) of applications.
    application_events (id) {
        id -> BigInt,
        application_id -> BigInt,
        action -> Text,
        from_stage -> Text,
        to_stage -> Text,
        from_holder_id -> BigInt,
        to_holder_id -> BigInt,
        actor_id -> Nullable<BigInt>,
        actor_name -> Text,
        actor_unit_id -> Nullable<BigInt>,
        opinion -> Nullable<Text>,
        detail -> Nullable<Text>,
        withdrawn -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Uploaded files; content is in the storage backend under `storage_key`.
    attachments (id) {
        id -> BigInt,
        application_id -> Nullable<BigInt>,
        unit_id -> Nullable<BigInt>,
        section -> Text,
        description -> Text,
        file_name -> Text,
        content_type -> Text,
        size -> BigInt,
        sha256 -> Text,
        storage_key -> Text,
        uploaded_by -> BigInt,
        uploaded_at -> Timestamp,
        category_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    /// Kinds of application material (manual §6.2.1), configurable.
    attachment_categories (id) {
        id -> BigInt,
        code -> Text,
        name_zh -> Text,
        name_en -> Text,
        sort -> Integer,
        enabled -> Bool,
        required_series -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Publicity batches (公示).
    publicity_batches (id) {
        id -> BigInt,
        kind -> Text,
        unit_id -> BigInt,
        committee_id -> Nullable<BigInt>,
        year -> Integer,
        series -> Nullable<Text>,
        title -> Text,
        content -> Text,
        period_start -> Date,
        period_end -> Date,
        status -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
        completed_at -> Nullable<Timestamp>,
        version -> BigInt,
        /// `result` batches: the tallied session (issue 11).
        session_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    /// Unit roles an HRSS unit administrator may give to the units below it (manual §5.5).
    unit_role_delegation (role_id) {
        role_id -> BigInt,
    }
}

diesel::table! {
    /// The deadlines of a failure publicity (manual §6.2.8).
    publicity_deadlines (batch_id) {
        batch_id -> BigInt,
        supplement_deadline -> Date,
        paper_deadline -> Date,
        paper_address -> Text,
        paper_phone -> Text,
    }
}

diesel::table! {
    publicity_items (batch_id, application_id) {
        batch_id -> BigInt,
        application_id -> BigInt,
    }
}

diesel::table! {
    /// Reports (举报) filed during a publicity period.
    publicity_reports (id) {
        id -> BigInt,
        batch_id -> BigInt,
        application_id -> BigInt,
        reporter_name -> Text,
        reporter_contact -> Text,
        content -> Text,
        filed_by -> Nullable<BigInt>,
        filed_at -> Timestamp,
        status -> Text,
        resolution -> Nullable<Text>,
        resolved_by -> Nullable<BigInt>,
        resolved_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// One snapshot per submission of an application (issue 9 point 6).
    application_submissions (id) {
        id -> BigInt,
        application_id -> BigInt,
        number -> Integer,
        submitted_at -> Timestamp,
        fields -> Text,
        attachments -> Text,
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
diesel::joinable!(committees -> units (unit_id));
diesel::joinable!(review_authority_filings -> committees (committee_id));
diesel::joinable!(policy_review_scopes -> committees (committee_id));
diesel::joinable!(policy_review_scopes -> accounts (account_id));
diesel::joinable!(applications -> committees (committee_id));
diesel::joinable!(application_events -> applications (application_id));
diesel::table! {
    /// Attempt limits shared by every server instance: the current window of each key.
    rate_limits (key) {
        key -> Text,
        window_start -> Timestamp,
        hits -> Integer,
    }
}

diesel::joinable!(attachments -> applications (application_id));
diesel::joinable!(attachments -> attachment_categories (category_id));
diesel::joinable!(publicity_items -> publicity_batches (batch_id));
diesel::joinable!(publicity_deadlines -> publicity_batches (batch_id));
diesel::joinable!(publicity_items -> applications (application_id));
diesel::joinable!(publicity_reports -> publicity_batches (batch_id));
diesel::joinable!(application_submissions -> applications (application_id));

diesel::table! {
    use diesel::sql_types::*;
    use crate::pii::sql_types::Sealed;
    /// Experts (专家), one row per person; pools are `pool_members` (issue 10).
    experts (id) {
        id -> BigInt,
        id_number -> Sealed,
        name -> Text,
        gender -> Text,
        employer_id -> BigInt,
        title -> Text,
        title_level -> Text,
        series -> Text,
        phone -> Text,
        email -> Text,
        account_id -> Nullable<BigInt>,
        education -> Text,
        field_of_work -> Text,
        availability -> Text,
        profile_completed_at -> Nullable<Timestamp>,
        integrity_record -> Nullable<Text>,
        integrity_recorded_by -> Nullable<BigInt>,
        integrity_recorded_at -> Nullable<Timestamp>,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
        id_number_hash -> Nullable<Text>,
    }
}

diesel::table! {
    /// The specialties an expert reviews.
    expert_specialties (expert_id, specialty) {
        expert_id -> BigInt,
        specialty -> Text,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::pii::sql_types::Sealed;
    /// Declared conflicts of interest: a unit (with its subtree) or a person (ID number).
    expert_conflicts (id) {
        id -> BigInt,
        expert_id -> BigInt,
        kind -> Text,
        unit_id -> Nullable<BigInt>,
        person_id_number -> Nullable<Sealed>,
        person_name -> Text,
        reason -> Text,
        person_id_number_hash -> Nullable<Text>,
    }
}

diesel::table! {
    /// An expert in a committee's pool, with term and status.
    pool_members (id) {
        id -> BigInt,
        committee_id -> BigInt,
        expert_id -> BigInt,
        status -> Text,
        term_start -> Date,
        term_end -> Date,
        status_reason -> Nullable<Text>,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    /// Review sessions of a committee and year.
    review_sessions (id) {
        id -> BigInt,
        committee_id -> BigInt,
        year -> Integer,
        name -> Text,
        session_date -> Date,
        status -> Text,
        blind_review -> Bool,
        defense -> Bool,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
        /// How the committee is formed: `series` or `specialty` (migration 000250).
        formed_by -> Text,
        /// The committee vote and its tally (000310).
        committee_vote_opened_at -> Nullable<Timestamp>,
        tallied_at -> Nullable<Timestamp>,
        committee_size -> Nullable<Integer>,
        attending -> Nullable<Integer>,
        ballots_digest -> Nullable<Text>,
        vote_rules -> Nullable<Text>,
    }
}

diesel::table! {
    /// Review groups of a session.
    review_groups (id) {
        id -> BigInt,
        session_id -> BigInt,
        name -> Text,
        sort -> Integer,
        review_started_at -> Nullable<Timestamp>,
        version -> BigInt,
        /// The organising unit marked the group's defense (答辩) held (000220).
        defense_held_at -> Nullable<Timestamp>,
        /// The group vote opened / closed by the leader (000310).
        vote_opened_at -> Nullable<Timestamp>,
        vote_closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// The applications of a group (one group per application and session).
    group_applications (group_id, application_id) {
        group_id -> BigInt,
        session_id -> BigInt,
        application_id -> BigInt,
    }
}

diesel::table! {
    /// Experts needed per group and specialty.
    group_needs (group_id, specialty) {
        group_id -> BigInt,
        specialty -> Text,
        count -> Integer,
    }
}

diesel::table! {
    /// Every draw of experts, with what verifies it.
    draws (id) {
        id -> BigInt,
        session_id -> BigInt,
        group_id -> Nullable<BigInt>,
        kind -> Text,
        algorithm -> Text,
        seed -> Text,
        candidates -> Text,
        exclusions -> Text,
        result -> Text,
        reason -> Nullable<Text>,
        superseded_by -> Nullable<BigInt>,
        drawn_by -> BigInt,
        drawn_at -> Timestamp,
        candidate_count -> Integer,
        exclusion_count -> Integer,
    }
}

diesel::table! {
    /// The experts of a session: group, positions, covered specialties, attendance.
    session_experts (id) {
        id -> BigInt,
        session_id -> BigInt,
        expert_id -> BigInt,
        group_id -> Nullable<BigInt>,
        draw_id -> BigInt,
        status -> Text,
        alternate_rank -> Nullable<Integer>,
        covers -> Text,
        group_leader -> Bool,
        committee_position -> Nullable<Text>,
        signed_in_at -> Nullable<Timestamp>,
        signed_out_at -> Nullable<Timestamp>,
        version -> BigInt,
    }
}

diesel::joinable!(experts -> units (employer_id));
diesel::joinable!(expert_specialties -> experts (expert_id));
diesel::joinable!(expert_conflicts -> experts (expert_id));
diesel::joinable!(pool_members -> experts (expert_id));
diesel::joinable!(pool_members -> committees (committee_id));
diesel::joinable!(review_sessions -> committees (committee_id));
diesel::joinable!(review_groups -> review_sessions (session_id));
diesel::joinable!(group_applications -> review_groups (group_id));
diesel::joinable!(group_applications -> applications (application_id));
diesel::joinable!(group_needs -> review_groups (group_id));
diesel::joinable!(session_experts -> experts (expert_id));
diesel::joinable!(session_experts -> review_groups (group_id));

diesel::table! {
    /// External anonymous review opinions (盲评意见), one file and grade each (000220).
    blind_opinions (id) {
        id -> BigInt,
        session_id -> BigInt,
        application_id -> BigInt,
        grade -> Text,
        note -> Text,
        file_name -> Text,
        content_type -> Text,
        size -> BigInt,
        sha256 -> Text,
        storage_key -> Text,
        uploaded_by -> BigInt,
        uploaded_at -> Timestamp,
    }
}

diesel::table! {
    /// The leader's distribution of a group's dossiers to its experts (000220).
    distributions (id) {
        id -> BigInt,
        session_id -> BigInt,
        group_id -> BigInt,
        application_id -> BigInt,
        session_expert_id -> BigInt,
        chief -> Bool,
        assigned_by -> BigInt,
        assigned_at -> Timestamp,
    }
}

diesel::table! {
    /// One expert review form per distribution (000220).
    expert_reviews (id) {
        id -> BigInt,
        distribution_id -> BigInt,
        academic_evaluation -> Text,
        defense_questions -> Text,
        defense_evaluation -> Text,
        defense_score -> Nullable<Integer>,
        overall_evaluation -> Text,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        completed_at -> Nullable<Timestamp>,
        version -> BigInt,
    }
}

diesel::joinable!(distributions -> session_experts (session_expert_id));
diesel::joinable!(expert_reviews -> distributions (distribution_id));
diesel::joinable!(distributions -> applications (application_id));
diesel::joinable!(blind_opinions -> applications (application_id));

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
    calendar_days,
    committees,
    review_authority_filings,
    policy_review_scopes,
    applications,
    application_events,
    attachments,
    publicity_batches,
    publicity_items,
    publicity_reports,
    publicity_deadlines,
    unit_role_delegation,
    rate_limits,
    attachment_categories,
    application_submissions,
    audit_checkpoints,
    experts,
    expert_specialties,
    expert_conflicts,
    pool_members,
    review_sessions,
    review_groups,
    group_applications,
    group_needs,
    draws,
    session_experts,
    blind_opinions,
    distributions,
    expert_reviews,
    pool_updates,
    pool_update_items,
    expert_recommendations,
    group_votes,
    group_recommendations,
    committee_ballots,
    committee_voted,
    tally_results,
);

diesel::table! {
    /// Group votes (advisory, not secret), one per expert and applicant (000310).
    group_votes (group_id, application_id, session_expert_id) {
        session_id -> BigInt,
        group_id -> BigInt,
        application_id -> BigInt,
        session_expert_id -> BigInt,
        choice -> Text,
        cast_at -> Timestamp,
    }
}

diesel::table! {
    /// The group's recommendation per applicant, recorded at the close (000310).
    group_recommendations (group_id, application_id) {
        group_id -> BigInt,
        session_id -> BigInt,
        application_id -> BigInt,
        agree -> Integer,
        disagree -> Integer,
        abstain -> Integer,
        view -> Text,
    }
}

diesel::table! {
    /// Secret ballots of the committee: no voter, no time, a random id (000310).
    committee_ballots (id) {
        id -> Text,
        session_id -> BigInt,
        application_id -> BigInt,
        choice -> Text,
    }
}

diesel::table! {
    /// Who has voted on whom in the committee (no choice) (000310).
    committee_voted (session_id, application_id, session_expert_id) {
        session_id -> BigInt,
        application_id -> BigInt,
        session_expert_id -> BigInt,
    }
}

diesel::table! {
    /// The tally per applicant (000310).
    tally_results (session_id, application_id) {
        session_id -> BigInt,
        application_id -> BigInt,
        agree -> Integer,
        disagree -> Integer,
        abstain -> Integer,
        attending -> Integer,
        passed -> Bool,
    }
}

diesel::table! {
    /// The applicant's unit information as a published batch shows it, edited by that unit
    /// during the publicity (issue 9 point 3, manual §6.2.2).
    publicity_item_units (batch_id, application_id) {
        batch_id -> BigInt,
        application_id -> BigInt,
        unit_name -> Text,
        unit_contact -> Text,
        unit_phone -> Text,
        updated_by -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Signed checkpoints of the audit chain head (issue 13, audit tail).
    audit_checkpoints (id) {
        id -> BigInt,
        audit_row_id -> BigInt,
        head_hash -> Text,
        row_count -> BigInt,
        signed_at -> Timestamp,
        key_id -> Text,
        signature -> Text,
    }
}

diesel::table! {
    /// Pool update filings (专家库更新备案, issue 10, manual §6.5.3).
    pool_updates (id) {
        id -> BigInt,
        committee_id -> BigInt,
        unit_id -> BigInt,
        reason -> Text,
        status -> Text,
        applied_by -> BigInt,
        applied_at -> Timestamp,
        audited_by -> Nullable<BigInt>,
        audited_at -> Nullable<Timestamp>,
        opinion -> Nullable<Text>,
        version -> BigInt,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::pii::sql_types::Sealed;
    /// The changes of a pool update filing, in order.
    pool_update_items (id) {
        id -> BigInt,
        update_id -> BigInt,
        sort -> Integer,
        action -> Text,
        expert_id -> Nullable<BigInt>,
        entry -> Nullable<Sealed>,
        pool_member_id -> Nullable<BigInt>,
        term_start -> Nullable<Date>,
        term_end -> Nullable<Date>,
        reason -> Text,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::pii::sql_types::Sealed;
    /// Expert recommendations (专家推荐, issue 10, manual §6.5.4).
    expert_recommendations (id) {
        id -> BigInt,
        committee_id -> BigInt,
        unit_id -> BigInt,
        entry -> Sealed,
        reason -> Text,
        status -> Text,
        applied_by -> BigInt,
        applied_at -> Timestamp,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        opinion -> Nullable<Text>,
        pool_member_id -> Nullable<BigInt>,
        version -> BigInt,
    }
}

diesel::joinable!(pool_update_items -> pool_updates (update_id));
diesel::joinable!(pool_updates -> committees (committee_id));
diesel::joinable!(expert_recommendations -> committees (committee_id));

diesel::table! {
    /// The proof files (证明材料) of an expert recommendation (000320).
    expert_recommendation_files (id) {
        id -> BigInt,
        recommendation_id -> BigInt,
        file_name -> Text,
        content_type -> Text,
        size -> BigInt,
        sha256 -> Text,
        storage_key -> Text,
        uploaded_by -> BigInt,
        uploaded_at -> Timestamp,
    }
}

diesel::joinable!(expert_recommendation_files -> expert_recommendations (recommendation_id));
diesel::allow_tables_to_appear_in_same_query!(expert_recommendation_files, expert_recommendations);
diesel::allow_tables_to_appear_in_same_query!(expert_recommendation_files, accounts);

diesel::table! {
    /// Review filings (评审工作备案, §6.2.11): one per session, audited by the HRSS above.
    review_filings (id) {
        id -> BigInt,
        session_id -> BigInt,
        committee_id -> BigInt,
        unit_id -> BigInt,
        year -> Integer,
        status -> Text,
        note -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        submitted_by -> Nullable<BigInt>,
        submitted_at -> Nullable<Timestamp>,
        audited_by -> Nullable<BigInt>,
        audited_at -> Nullable<Timestamp>,
        opinion -> Nullable<Text>,
        version -> BigInt,
        /// 批准文号 given with the approval (issue 12).
        approval_document -> Nullable<Text>,
    }
}

diesel::table! {
    /// The typed files of a review filing.
    review_filing_files (id) {
        id -> BigInt,
        filing_id -> BigInt,
        kind -> Text,
        file_name -> Text,
        content_type -> Text,
        size -> BigInt,
        sha256 -> Text,
        storage_key -> Text,
        uploaded_by -> BigInt,
        uploaded_at -> Timestamp,
    }
}

diesel::joinable!(review_filing_files -> review_filings (filing_id));
diesel::joinable!(review_filings -> review_sessions (session_id));
diesel::joinable!(review_filings -> committees (committee_id));
diesel::joinable!(review_filings -> units (unit_id));
diesel::allow_tables_to_appear_in_same_query!(review_filings, review_filing_files);
diesel::allow_tables_to_appear_in_same_query!(review_filings, review_sessions);
diesel::allow_tables_to_appear_in_same_query!(review_filings, committees);
diesel::allow_tables_to_appear_in_same_query!(review_filings, units);
diesel::allow_tables_to_appear_in_same_query!(review_filings, accounts);
diesel::allow_tables_to_appear_in_same_query!(review_filing_files, accounts);

diesel::table! {
    use diesel::sql_types::*;
    use crate::pii::sql_types::Sealed;
    /// Certificates (issue 12): issued on a filing's approval, backfilled or imported.
    certificates (id) {
        id -> BigInt,
        number -> Text,
        holder_name -> Text,
        id_number -> Sealed,
        gender -> Text,
        employer_id -> Nullable<BigInt>,
        employer_path -> Text,
        employer_name -> Text,
        series -> Text,
        specialty -> Text,
        level -> Text,
        qualification -> Text,
        committee_id -> Nullable<BigInt>,
        committee_name -> Text,
        approval_date -> Date,
        approval_document -> Text,
        issuing_body -> Text,
        year -> Integer,
        source -> Text,
        status -> Text,
        revoked_at -> Nullable<Timestamp>,
        revoked_reason -> Nullable<Text>,
        token -> Text,
        application_id -> Nullable<BigInt>,
        filing_id -> Nullable<BigInt>,
        applicant_id -> Nullable<BigInt>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        version -> BigInt,
        id_number_hash -> Nullable<Text>,
    }
}

diesel::table! {
    /// The last certificate sequence number used per year and series.
    certificate_sequences (year, series) {
        year -> Integer,
        series -> Text,
        last -> BigInt,
    }
}

diesel::table! {
    /// Every verification of a certificate.
    certificate_verifications (id) {
        id -> BigInt,
        certificate_id -> Nullable<BigInt>,
        asked_number -> Text,
        way -> Text,
        outcome -> Text,
        account_id -> Nullable<BigInt>,
        unit_id -> Nullable<BigInt>,
        ip -> Nullable<Text>,
        at -> Timestamp,
    }
}

diesel::joinable!(certificate_verifications -> certificates (certificate_id));
diesel::joinable!(certificate_verifications -> units (unit_id));
diesel::allow_tables_to_appear_in_same_query!(certificates, certificate_verifications);
diesel::allow_tables_to_appear_in_same_query!(certificate_verifications, units);
diesel::allow_tables_to_appear_in_same_query!(certificates, units);
diesel::allow_tables_to_appear_in_same_query!(certificates, applications);
diesel::allow_tables_to_appear_in_same_query!(certificates, group_applications);
diesel::allow_tables_to_appear_in_same_query!(certificates, accounts);

diesel::table! {
    /// Notices (issue 12): to one account, or to one unit's accounts holding `module`.
    notices (id) {
        id -> BigInt,
        account_id -> Nullable<BigInt>,
        unit_id -> Nullable<BigInt>,
        module -> Nullable<Text>,
        kind -> Text,
        object_type -> Text,
        object_id -> BigInt,
        params -> Text,
        created_at -> Timestamp,
        /// Claimed by the delivery beyond the app (`NULL`: not yet).
        delivered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Who read which notice.
    notice_reads (notice_id, account_id) {
        notice_id -> BigInt,
        account_id -> BigInt,
        read_at -> Timestamp,
    }
}

diesel::joinable!(notice_reads -> notices (notice_id));
diesel::allow_tables_to_appear_in_same_query!(notices, notice_reads);

diesel::table! {
    /// One row per periodic job: the instance whose update moves `next_run_at` runs it.
    job_runs (name) {
        name -> Text,
        holder -> Text,
        next_run_at -> Timestamp,
        last_run_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// What a publicity batch has told people already.
    publicity_milestones (batch_id, milestone) {
        batch_id -> BigInt,
        milestone -> Text,
        done_at -> Timestamp,
    }
}

diesel::joinable!(publicity_milestones -> publicity_batches (batch_id));
diesel::allow_tables_to_appear_in_same_query!(publicity_milestones, publicity_batches);
diesel::allow_tables_to_appear_in_same_query!(publicity_milestones, publicity_deadlines);

diesel::table! {
    /// Two-factor authentication (TOTP) of an account: the secret in force once confirmed,
    /// the one being enrolled, and the step of the last code accepted (no code twice).
    account_mfa (account_id) {
        account_id -> BigInt,
        secret -> Nullable<Text>,
        pending_secret -> Nullable<Text>,
        confirmed_at -> Nullable<Timestamp>,
        last_step -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// One-time recovery codes of an account with MFA, kept as SHA-256 hex.
    mfa_recovery_codes (id) {
        id -> BigInt,
        account_id -> BigInt,
        code_hash -> Text,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(account_mfa -> accounts (account_id));
diesel::joinable!(mfa_recovery_codes -> accounts (account_id));
diesel::allow_tables_to_appear_in_same_query!(account_mfa, accounts);
diesel::allow_tables_to_appear_in_same_query!(account_mfa, units);
diesel::allow_tables_to_appear_in_same_query!(mfa_recovery_codes, accounts);
