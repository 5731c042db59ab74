-- Signed checkpoints of the audit chain head (issue 13, audit tail): an ed25519 signature by a
-- key kept outside the database over (head row id, head hash, row count, signed_at, key id),
-- so that deleting the newest audit rows is detected by `audit verify`.
CREATE TABLE audit_checkpoints (
    id BIGSERIAL PRIMARY KEY,
    audit_row_id BIGINT NOT NULL,
    head_hash TEXT NOT NULL,
    row_count BIGINT NOT NULL,
    signed_at TIMESTAMP NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL
);
CREATE INDEX audit_checkpoints_signed_at ON audit_checkpoints (signed_at);
