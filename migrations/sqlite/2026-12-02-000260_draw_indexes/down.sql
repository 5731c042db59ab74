DROP INDEX draws_group_current;
DROP INDEX draws_session_current;
CREATE INDEX draws_session ON draws (session_id);
