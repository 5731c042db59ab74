DROP INDEX audit_log_pending;
DROP INDEX audit_log_seq;
ALTER TABLE audit_log DROP COLUMN seq;
