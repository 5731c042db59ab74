-- A draw's record is written once and kept for ever: what it drew from, what it excluded and
-- why, the seed and the result can never change afterwards, and no draw is ever deleted (a
-- re-draw supersedes it). Only `superseded_by` (and the counts, filled by migration) may be set.
-- The triggers fire only for the listed columns, so the superseding update pays nothing.
-- (SQLite checks a CHECK constraint on UPDATE only when it names a changed column, so the
-- `json_valid` checks stay here; PostgreSQL's migration of the same name drops its two.)
CREATE TRIGGER draws_record_unchanged
    BEFORE UPDATE OF session_id, group_id, kind, algorithm, seed, candidates, exclusions,
        result, reason, drawn_by, drawn_at
    ON draws
BEGIN
    SELECT RAISE(ABORT, 'a draw''s record is written once and kept');
END;
CREATE TRIGGER draws_record_kept
    BEFORE DELETE ON draws
BEGIN
    SELECT RAISE(ABORT, 'a draw''s record is written once and kept');
END;
