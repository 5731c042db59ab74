DROP INDEX accounts_kind_enabled;
DROP INDEX audit_log_action_created;
DROP INDEX applications_dashboard;
ALTER TABLE applications DROP COLUMN stage_entered_at;
