DROP INDEX notices_undelivered;
ALTER TABLE notices DROP COLUMN delivered_at;
DROP TABLE publicity_milestones;
DROP TABLE job_runs;
