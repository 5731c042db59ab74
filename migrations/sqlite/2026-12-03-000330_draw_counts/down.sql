ALTER TABLE draws DROP COLUMN exclusion_count;
ALTER TABLE draws DROP COLUMN candidate_count;
