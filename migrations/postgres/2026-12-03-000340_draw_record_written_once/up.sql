-- A draw's record is written once and kept for ever: what it drew from, what it excluded and
-- why, the seed and the result can never change afterwards, and no draw is ever deleted (a
-- re-draw supersedes it). Only `superseded_by` (and the counts, filled by migration) may be set.
-- The triggers fire only for the listed columns, so the superseding update pays nothing.
CREATE FUNCTION draws_written_once() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'a draw''s record is written once and kept (draw %)', OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER draws_record_unchanged
    BEFORE UPDATE OF session_id, group_id, kind, algorithm, seed, candidates, exclusions,
        result, reason, drawn_by, drawn_at
    ON draws FOR EACH ROW EXECUTE FUNCTION draws_written_once();
CREATE TRIGGER draws_record_kept
    BEFORE DELETE ON draws FOR EACH ROW EXECUTE FUNCTION draws_written_once();

-- The JSON checks of the two large columns go: PostgreSQL evaluates every CHECK of a row on
-- every UPDATE, so superseding a draw parsed its ~75 KB of stored inputs as jsonb again
-- (1.8 ms a row), and inserting a draw of 20 groups parsed ~1.5 MB (docs/PERFORMANCE.md,
-- "Session 16"). The server writes them with serde_json and reads them back through a parser
-- that refuses a malformed record; the triggers above keep them as written. `result` is
-- small and keeps its check.
ALTER TABLE draws DROP CONSTRAINT draws_candidates_check;
ALTER TABLE draws DROP CONSTRAINT draws_exclusions_check;
