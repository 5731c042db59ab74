-- Issue 12: the time-driven notices and the delivery beyond the app.
--
-- `job_runs`: one row per periodic job. An instance runs a job only when its conditional
-- update moves `next_run_at` forward (`... WHERE next_run_at <= now`): with several instances
-- exactly one wins each interval, on either engine, and nothing stays locked if it dies.
CREATE TABLE job_runs (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    next_run_at TIMESTAMP NOT NULL,
    last_run_at TIMESTAMP
);

-- What a publicity batch has told people already (started / ending / ended): the primary key
-- makes each one happen once, whichever run or instance gets there.
CREATE TABLE publicity_milestones (
    batch_id BIGINT NOT NULL REFERENCES publicity_batches (id),
    milestone TEXT NOT NULL,
    done_at TIMESTAMP NOT NULL,
    PRIMARY KEY (batch_id, milestone)
);

-- The outbox of the delivery beyond the app (SMS, e-mail): claimed by setting `delivered_at`.
-- The notices written before this change were shown in the app already: not sent again.
ALTER TABLE notices ADD COLUMN delivered_at TIMESTAMP;
UPDATE notices SET delivered_at = created_at;
CREATE INDEX notices_undelivered ON notices (id) WHERE delivered_at IS NULL;
