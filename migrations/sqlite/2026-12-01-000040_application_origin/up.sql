-- Point 4: an application started by the employer for its applicant (由单位发起).
ALTER TABLE applications ADD COLUMN started_by_unit BOOLEAN NOT NULL DEFAULT 0;
-- Point 11: the first submission; until then a draft is private to its applicant (and the
-- unit that started it).
ALTER TABLE applications ADD COLUMN submitted_at TIMESTAMP;
UPDATE applications SET submitted_at = (
    SELECT MIN(e.created_at) FROM application_events e
    WHERE e.application_id = applications.id AND e.action = 'submit'
);
UPDATE applications SET submitted_at = updated_at
    WHERE submitted_at IS NULL AND stage NOT IN ('draft', 'voided');
