-- Issue 12: the dashboards count from one covering index.
--
-- `stage_entered_at`: when the application entered its current stage (set by every stage change
-- in the same statement), so that "how long has the work waited here" is a column, not a walk
-- over the timeline. Existing rows take their last timeline event, else their creation.
ALTER TABLE applications ADD COLUMN stage_entered_at TIMESTAMP;
UPDATE applications SET stage_entered_at = COALESCE(
    (SELECT max(e.created_at) FROM application_events e WHERE e.application_id = applications.id),
    created_at
);

-- Every dashboard figure is a GROUP BY over the year's applications of a subtree: with every
-- column it reads in the index, the engine never visits the table.
CREATE INDEX applications_dashboard ON applications (
    year, employer_path, stage, series, level, review_passed, stage_entered_at, submitted_at,
    employer_id
);

-- Sign-ins per day: the login rows of 30 days, not every login ever.
CREATE INDEX audit_log_action_created ON audit_log (action, created_at);

-- Accounts by kind: counted in the index.
CREATE INDEX accounts_kind_enabled ON accounts (kind, enabled);
