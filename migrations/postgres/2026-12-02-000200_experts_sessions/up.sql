-- Issue 10 (manual §6.5, §6.2.10.1): the expert pool and the review session, the data the draw
-- reads and writes. The pool-update filings, recommendations, blind opinions, distribution and
-- review forms have their own migrations (000210, 000220).

-- A person who is or may become an expert (专家). One row per person (ID number unique); the
-- pools they belong to are `pool_members`. `employer_id` is the unit of the tree the expert works
-- for: recusal compares it with applicants' employers through the tree at the time of the draw.
-- `integrity_record` (违规) removes the expert from every pool and is kept.
CREATE TABLE experts (
    id BIGSERIAL PRIMARY KEY,
    id_number TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    employer_id BIGINT NOT NULL REFERENCES units (id),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 50),
    title_level TEXT NOT NULL CHECK (title_level IN ('junior', 'intermediate', 'associate_senior', 'senior')),
    series TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    account_id BIGINT UNIQUE REFERENCES accounts (id),
    education TEXT NOT NULL DEFAULT '',
    field_of_work TEXT NOT NULL DEFAULT '',
    availability TEXT NOT NULL DEFAULT '',
    profile_completed_at TIMESTAMP,
    integrity_record TEXT,
    integrity_recorded_by BIGINT REFERENCES accounts (id),
    integrity_recorded_at TIMESTAMP,
    created_by BIGINT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX experts_employer ON experts (employer_id);

-- The specialties an expert reviews (one or more).
CREATE TABLE expert_specialties (
    expert_id BIGINT NOT NULL REFERENCES experts (id),
    specialty TEXT NOT NULL CHECK (length(specialty) BETWEEN 1 AND 50),
    PRIMARY KEY (expert_id, specialty)
);
CREATE INDEX expert_specialties_specialty ON expert_specialties (specialty);

-- Conflicts of interest the expert declared in their profile: a unit (and its subtree) or a
-- person (by ID number) they must not review.
CREATE TABLE expert_conflicts (
    id BIGSERIAL PRIMARY KEY,
    expert_id BIGINT NOT NULL REFERENCES experts (id),
    kind TEXT NOT NULL CHECK (kind IN ('unit', 'person')),
    unit_id BIGINT REFERENCES units (id),
    person_id_number TEXT,
    person_name TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    CHECK ((kind = 'unit' AND unit_id IS NOT NULL AND person_id_number IS NULL)
        OR (kind = 'person' AND unit_id IS NULL AND person_id_number IS NOT NULL))
);
CREATE INDEX expert_conflicts_expert ON expert_conflicts (expert_id);

-- An expert in a committee's pool (专家库), with the term (at most three years) and the status
-- pre_entry → invited → active → suspended / removed.
CREATE TABLE pool_members (
    id BIGSERIAL PRIMARY KEY,
    committee_id BIGINT NOT NULL REFERENCES committees (id),
    expert_id BIGINT NOT NULL REFERENCES experts (id),
    status TEXT NOT NULL CHECK (status IN ('pre_entry', 'invited', 'active', 'suspended', 'removed')),
    term_start DATE NOT NULL,
    term_end DATE NOT NULL,
    status_reason TEXT,
    created_by BIGINT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    CHECK (term_end >= term_start),
    UNIQUE (committee_id, expert_id)
);
CREATE INDEX pool_members_expert ON pool_members (expert_id);
CREATE INDEX pool_members_committee_status ON pool_members (committee_id, status);

-- A review session (评委会/评审会) of one committee and year, built step by step by the
-- committee's organising unit; status setup → reviewing → group_voting → committee_voting →
-- tallied → closed.
CREATE TABLE review_sessions (
    id BIGSERIAL PRIMARY KEY,
    committee_id BIGINT NOT NULL REFERENCES committees (id),
    year INTEGER NOT NULL,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    session_date DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('setup', 'reviewing', 'group_voting', 'committee_voting', 'tallied', 'closed')),
    blind_review BOOLEAN NOT NULL DEFAULT FALSE,
    defense BOOLEAN NOT NULL DEFAULT FALSE,
    created_by BIGINT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX review_sessions_committee ON review_sessions (committee_id, year);

-- A review group (评审小组) of a session. `review_started_at`: the leader entered review (进入评审).
CREATE TABLE review_groups (
    id BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES review_sessions (id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    sort INTEGER NOT NULL DEFAULT 0,
    review_started_at TIMESTAMP,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (session_id, name)
);

-- The applications of a group; an application is in exactly one group of a session.
CREATE TABLE group_applications (
    group_id BIGINT NOT NULL REFERENCES review_groups (id),
    session_id BIGINT NOT NULL REFERENCES review_sessions (id),
    application_id BIGINT NOT NULL REFERENCES applications (id),
    PRIMARY KEY (group_id, application_id),
    UNIQUE (session_id, application_id)
);
CREATE INDEX group_applications_application ON group_applications (application_id);

-- Experts needed per group and specialty (0 allowed).
CREATE TABLE group_needs (
    group_id BIGINT NOT NULL REFERENCES review_groups (id),
    specialty TEXT NOT NULL CHECK (length(specialty) BETWEEN 1 AND 50),
    count INTEGER NOT NULL CHECK (count BETWEEN 0 AND 100),
    PRIMARY KEY (group_id, specialty)
);

-- Every draw (抽取), kept for ever: the candidates in canonical order, the exclusions with
-- reasons, the seed (hex, from a CSPRNG), the algorithm version, the result, and for a re-draw
-- its reason. `group_id` NULL = a draw for every group of the session; `kind` main or alternate
-- (候补). `superseded_by` is set when a later draw replaced it.
CREATE TABLE draws (
    id BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES review_sessions (id),
    group_id BIGINT REFERENCES review_groups (id),
    kind TEXT NOT NULL CHECK (kind IN ('main', 'alternate')),
    algorithm TEXT NOT NULL,
    seed TEXT NOT NULL,
    candidates TEXT NOT NULL CHECK (candidates::jsonb IS NOT NULL),
    exclusions TEXT NOT NULL CHECK (exclusions::jsonb IS NOT NULL),
    result TEXT NOT NULL CHECK (result::jsonb IS NOT NULL),
    reason TEXT,
    superseded_by BIGINT REFERENCES draws (id),
    drawn_by BIGINT NOT NULL REFERENCES accounts (id),
    drawn_at TIMESTAMP NOT NULL
);
CREATE INDEX draws_session ON draws (session_id);

-- The experts of a session: drawn into a group (or alternates, 候补, in order), their
-- position in the group and in the committee, the specialties they cover (JSON array) and their
-- attendance. `status`: active, declined (replaced by an alternate), alternate (not yet used).
CREATE TABLE session_experts (
    id BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES review_sessions (id),
    expert_id BIGINT NOT NULL REFERENCES experts (id),
    group_id BIGINT REFERENCES review_groups (id),
    draw_id BIGINT NOT NULL REFERENCES draws (id),
    status TEXT NOT NULL CHECK (status IN ('active', 'declined', 'alternate')),
    alternate_rank INTEGER,
    covers TEXT NOT NULL DEFAULT '[]' CHECK (covers::jsonb IS NOT NULL),
    group_leader BOOLEAN NOT NULL DEFAULT FALSE,
    committee_position TEXT CHECK (committee_position IN ('member', 'vice_director', 'director')),
    signed_in_at TIMESTAMP,
    signed_out_at TIMESTAMP,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (session_id, expert_id)
);
CREATE INDEX session_experts_group ON session_experts (group_id);
CREATE INDEX session_experts_expert ON session_experts (expert_id);
