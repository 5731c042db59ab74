-- Issue 11 (manual §6.2.10.6–§6.2.10.8): the group vote, the committee's secret ballot, the
-- tally and the vote sheet.

-- The group vote (组内投票) of a review group: opened by its leader once every review of the
-- group is completed, closed by the leader (组内统票).
ALTER TABLE review_groups ADD COLUMN vote_opened_at TIMESTAMP;
ALTER TABLE review_groups ADD COLUMN vote_closed_at TIMESTAMP;

-- The committee vote and its tally (统票): what the vote sheet states about the meeting.
ALTER TABLE review_sessions ADD COLUMN committee_vote_opened_at TIMESTAMP;
ALTER TABLE review_sessions ADD COLUMN tallied_at TIMESTAMP;
ALTER TABLE review_sessions ADD COLUMN committee_size INTEGER;
ALTER TABLE review_sessions ADD COLUMN attending INTEGER;
-- SHA-256 (hex) of the ballots in canonical order at the tally: a printed sheet is checked
-- against the record with it.
ALTER TABLE review_sessions ADD COLUMN ballots_digest TEXT;
-- The vote rules (JSON) in force at the tally.
ALTER TABLE review_sessions ADD COLUMN vote_rules TEXT;

-- Group votes: advisory and not secret (40号令); one per expert and applicant.
CREATE TABLE group_votes (
    session_id BIGINT NOT NULL REFERENCES review_sessions (id),
    group_id BIGINT NOT NULL REFERENCES review_groups (id),
    application_id BIGINT NOT NULL REFERENCES applications (id),
    session_expert_id BIGINT NOT NULL REFERENCES session_experts (id),
    choice TEXT NOT NULL CHECK (choice IN ('agree', 'disagree', 'abstain')),
    cast_at TIMESTAMP NOT NULL,
    PRIMARY KEY (group_id, application_id, session_expert_id)
);

-- The group's recommendation per applicant, recorded when the leader closes the vote.
CREATE TABLE group_recommendations (
    group_id BIGINT NOT NULL REFERENCES review_groups (id),
    session_id BIGINT NOT NULL REFERENCES review_sessions (id),
    application_id BIGINT NOT NULL REFERENCES applications (id),
    agree INTEGER NOT NULL,
    disagree INTEGER NOT NULL,
    abstain INTEGER NOT NULL,
    view TEXT NOT NULL CHECK (view IN ('recommended', 'not_recommended', 'no_majority')),
    PRIMARY KEY (group_id, application_id)
);

-- Secret ballot (无记名投票): a ballot carries no voter, no time and a random id, so neither a
-- column nor the key's order links it to the record of who voted.
CREATE TABLE committee_ballots (
    id TEXT NOT NULL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES review_sessions (id),
    application_id BIGINT NOT NULL REFERENCES applications (id),
    choice TEXT NOT NULL CHECK (choice IN ('agree', 'disagree', 'abstain'))
) WITHOUT ROWID;
CREATE INDEX committee_ballots_session ON committee_ballots (session_id, application_id);

-- Who has voted on whom (once only, enforced by the key in the ballot's transaction); no choice.
CREATE TABLE committee_voted (
    session_id BIGINT NOT NULL REFERENCES review_sessions (id),
    application_id BIGINT NOT NULL REFERENCES applications (id),
    session_expert_id BIGINT NOT NULL REFERENCES session_experts (id),
    PRIMARY KEY (session_id, application_id, session_expert_id)
) WITHOUT ROWID;

-- The tally per applicant (统票结果): the counts, the members attending and the outcome.
CREATE TABLE tally_results (
    session_id BIGINT NOT NULL REFERENCES review_sessions (id),
    application_id BIGINT NOT NULL REFERENCES applications (id),
    agree INTEGER NOT NULL,
    disagree INTEGER NOT NULL,
    abstain INTEGER NOT NULL,
    attending INTEGER NOT NULL,
    passed BOOLEAN NOT NULL,
    PRIMARY KEY (session_id, application_id)
);
CREATE INDEX tally_results_application ON tally_results (application_id);
