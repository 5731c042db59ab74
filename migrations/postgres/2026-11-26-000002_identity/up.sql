-- Organisation, accounts, roles, sessions and the audit log (SPEC §2, §7).

-- Unit roles: the modules a unit may use (available) and may hand out (assignable).
CREATE TABLE unit_roles (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    description TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (name)
);

CREATE TABLE unit_role_modules (
    role_id BIGINT NOT NULL REFERENCES unit_roles (id),
    module TEXT NOT NULL CHECK (module IN ('portal.system.org_structure', 'portal.system.users', 'portal.system.business_roles', 'portal.system.unit_roles', 'portal.system.extended_users', 'portal.password', 'title.accounts.personal_accounts', 'title.review.my_applications', 'title.review.unit_verification', 'title.review.application_publicity', 'title.review.unit_recommendation', 'title.review.superior_review', 'title.review.material_receipt', 'title.review.policy_review', 'title.review.nominee_publicity', 'title.review.failure_publicity', 'title.review.policy_rereview', 'title.review.group_management', 'title.review.expert_review', 'title.review.group_vote', 'title.online.sessions', 'title.online.blind_opinions', 'title.online.distribution', 'title.online.committee_vote', 'title.online.tally_results', 'title.online.result_publicity', 'title.filing.submit', 'title.filing.audit', 'title.filing.query', 'title.certificates.backfill', 'title.certificates.import', 'title.certificates.verify', 'title.committees.authority_apply', 'title.committees.authority_audit', 'title.experts.pool', 'title.experts.profile', 'title.experts.pool_update_apply', 'title.experts.pool_update_audit', 'title.experts.pool_update_query', 'title.experts.recommend_apply', 'title.experts.recommend_accept', 'config.units.create', 'config.units.affiliation', 'system.audit_log', 'system.security_policy')),
    assignable BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (role_id, module)
);

-- The organisation tree. `path` is the materialised path of ids, '/1/5/23/', so that a unit's
-- whole subtree is one index range scan: path >= '/1/5/' AND path < '/1/50'.
CREATE TABLE units (
    id BIGSERIAL PRIMARY KEY,
    parent_id BIGINT REFERENCES units (id),
    kind TEXT NOT NULL CHECK (kind IN ('hrss', 'competent_department', 'employer')),
    level TEXT NOT NULL CHECK (level IN ('province', 'city', 'county')),
    name TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    credit_code TEXT NOT NULL UNIQUE CHECK (char_length(credit_code) = 18),
    region TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    path TEXT COLLATE "C" NOT NULL,
    depth INTEGER NOT NULL CHECK (depth >= 0),
    unit_role_id BIGINT REFERENCES unit_roles (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX units_path ON units (path);
CREATE INDEX units_parent ON units (parent_id);

-- Affiliation change (主管部门更改): requested by the unit, decided by the new parent or an HRSS above.
CREATE TABLE affiliation_requests (
    id BIGSERIAL PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    from_parent_id BIGINT NOT NULL REFERENCES units (id),
    to_parent_id BIGINT NOT NULL REFERENCES units (id),
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    requested_by BIGINT NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    decided_by BIGINT,
    decided_at TIMESTAMP,
    opinion TEXT
);
CREATE INDEX affiliation_requests_unit ON affiliation_requests (unit_id);
CREATE INDEX affiliation_requests_to ON affiliation_requests (to_parent_id, status);

CREATE TABLE accounts (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE CHECK (char_length(username) BETWEEN 2 AND 64),
    display_name TEXT NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 100),
    kind TEXT NOT NULL CHECK (kind IN ('unit', 'unit_admin', 'handler', 'applicant', 'policy_reviewer', 'expert', 'system_admin', 'security_admin', 'auditor')),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    id_number TEXT,
    phone TEXT,
    password_hash TEXT NOT NULL,
    must_change_password BOOLEAN NOT NULL,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMP,
    token_version BIGINT NOT NULL DEFAULT 1,
    last_login_at TIMESTAMP,
    password_changed_at TIMESTAMP,
    created_by BIGINT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX accounts_unit ON accounts (unit_id);

-- Business roles: named module sets a unit defines for its handlers.
CREATE TABLE business_roles (
    id BIGSERIAL PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    name TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    description TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (unit_id, name)
);

CREATE TABLE business_role_modules (
    role_id BIGINT NOT NULL REFERENCES business_roles (id),
    module TEXT NOT NULL CHECK (module IN ('portal.system.org_structure', 'portal.system.users', 'portal.system.business_roles', 'portal.system.unit_roles', 'portal.system.extended_users', 'portal.password', 'title.accounts.personal_accounts', 'title.review.my_applications', 'title.review.unit_verification', 'title.review.application_publicity', 'title.review.unit_recommendation', 'title.review.superior_review', 'title.review.material_receipt', 'title.review.policy_review', 'title.review.nominee_publicity', 'title.review.failure_publicity', 'title.review.policy_rereview', 'title.review.group_management', 'title.review.expert_review', 'title.review.group_vote', 'title.online.sessions', 'title.online.blind_opinions', 'title.online.distribution', 'title.online.committee_vote', 'title.online.tally_results', 'title.online.result_publicity', 'title.filing.submit', 'title.filing.audit', 'title.filing.query', 'title.certificates.backfill', 'title.certificates.import', 'title.certificates.verify', 'title.committees.authority_apply', 'title.committees.authority_audit', 'title.experts.pool', 'title.experts.profile', 'title.experts.pool_update_apply', 'title.experts.pool_update_audit', 'title.experts.pool_update_query', 'title.experts.recommend_apply', 'title.experts.recommend_accept', 'config.units.create', 'config.units.affiliation', 'system.audit_log', 'system.security_policy')),
    PRIMARY KEY (role_id, module)
);

CREATE TABLE account_roles (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    role_id BIGINT NOT NULL REFERENCES business_roles (id),
    PRIMARY KEY (account_id, role_id)
);

-- Refresh tokens, stored hashed. A family is one login; reusing a rotated token revokes it.
CREATE TABLE refresh_tokens (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    family TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    absolute_expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family);
CREATE INDEX refresh_tokens_account ON refresh_tokens (account_id);

-- Append-only, hash-chained: hash = sha256(prev_hash || canonical row).
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    actor_id BIGINT,
    actor_name TEXT,
    actor_unit_id BIGINT,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure')),
    before_data TEXT,
    after_data TEXT,
    ip TEXT
);
CREATE INDEX audit_log_created ON audit_log (created_at);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX audit_log_action ON audit_log (action);
