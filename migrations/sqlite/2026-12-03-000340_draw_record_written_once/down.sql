DROP TRIGGER draws_record_kept;
DROP TRIGGER draws_record_unchanged;
