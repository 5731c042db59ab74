ALTER TABLE applications DROP COLUMN submitted_at;
ALTER TABLE applications DROP COLUMN started_by_unit;
