-- Issue 12: notices (站内通知), written in the same transaction as the event that causes them,
-- to one account or to one unit (seen by that unit's own unit-side accounts holding `module`).
-- Read state is per reader, so that a unit notice read by one clerk stays unread for another.
CREATE TABLE notices (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT REFERENCES accounts (id),
    unit_id BIGINT REFERENCES units (id),
    module TEXT,
    kind TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id BIGINT NOT NULL,
    params TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK ((account_id IS NULL) <> (unit_id IS NULL))
);
CREATE INDEX notices_account ON notices (account_id, id);
CREATE INDEX notices_unit ON notices (unit_id, id);

CREATE TABLE notice_reads (
    notice_id BIGINT NOT NULL REFERENCES notices (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    read_at TIMESTAMP NOT NULL,
    PRIMARY KEY (notice_id, account_id)
);
CREATE INDEX notice_reads_account ON notice_reads (account_id, notice_id);
