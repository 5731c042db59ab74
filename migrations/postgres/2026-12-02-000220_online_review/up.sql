-- Issue 10, during the review (manual §6.2.10.2–§6.2.10.5): blind opinions, the leader's
-- distribution of dossiers and the experts' review forms. Attendance uses the columns
-- `session_experts.signed_in_at / signed_out_at` of 000200.

-- The organising unit marks a group's defense (答辩) as held: only then may a chief reviewer
-- fill the defense evaluation and score (when the session has defense on).
ALTER TABLE review_groups ADD COLUMN defense_held_at TIMESTAMP;

-- External anonymous review opinions (盲评意见) per applicant of a session: one file and a
-- grade each (excellent / good / qualified / unqualified — 优秀/良好/合格/不合格). The external
-- reviewer is never named; only the organising unit's upload is recorded.
CREATE TABLE blind_opinions (
    id BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES review_sessions (id),
    application_id BIGINT NOT NULL REFERENCES applications (id),
    grade TEXT NOT NULL CHECK (grade IN ('excellent', 'good', 'qualified', 'unqualified')),
    note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    uploaded_by BIGINT NOT NULL REFERENCES accounts (id),
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX blind_opinions_session_application ON blind_opinions (session_id, application_id);

-- The leader's distribution (分发材料): each dossier of a group to two or more experts of the
-- group, exactly one of them the chief reviewer (主审). Locked once the group entered review.
CREATE TABLE distributions (
    id BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES review_sessions (id),
    group_id BIGINT NOT NULL REFERENCES review_groups (id),
    application_id BIGINT NOT NULL REFERENCES applications (id),
    session_expert_id BIGINT NOT NULL REFERENCES session_experts (id),
    chief BOOLEAN NOT NULL DEFAULT FALSE,
    assigned_by BIGINT NOT NULL REFERENCES accounts (id),
    assigned_at TIMESTAMP NOT NULL,
    UNIQUE (application_id, session_expert_id)
);
CREATE INDEX distributions_group ON distributions (group_id, application_id);
CREATE INDEX distributions_expert ON distributions (session_expert_id);

-- One review form per distribution (专家评审意见), created when the group enters review.
-- The chief fills every field (the defense evaluation and score only after the defense, when
-- the session has defense on); an assistant (副审) only `overall_evaluation`.
CREATE TABLE expert_reviews (
    id BIGSERIAL PRIMARY KEY,
    distribution_id BIGINT NOT NULL UNIQUE REFERENCES distributions (id),
    academic_evaluation TEXT NOT NULL DEFAULT '',
    defense_questions TEXT NOT NULL DEFAULT '',
    defense_evaluation TEXT NOT NULL DEFAULT '',
    defense_score INTEGER CHECK (defense_score BETWEEN 0 AND 100),
    overall_evaluation TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('draft', 'completed')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    completed_at TIMESTAMP,
    version BIGINT NOT NULL DEFAULT 1
);
