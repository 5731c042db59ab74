ALTER TABLE review_sessions DROP COLUMN formed_by;
