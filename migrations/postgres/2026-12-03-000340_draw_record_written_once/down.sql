ALTER TABLE draws ADD CONSTRAINT draws_exclusions_check CHECK (exclusions::jsonb IS NOT NULL);
ALTER TABLE draws ADD CONSTRAINT draws_candidates_check CHECK (candidates::jsonb IS NOT NULL);
DROP TRIGGER draws_record_kept ON draws;
DROP TRIGGER draws_record_unchanged ON draws;
DROP FUNCTION draws_written_once();
