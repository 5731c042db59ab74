-- Issue 13: two-factor authentication (TOTP, RFC 6238) and its recovery codes.
--
-- `account_mfa`: one row per account that has started enrollment. `pending_secret` is the
-- secret shown during enrollment; `secret` the one in force once a first code confirmed it.
-- `last_step` is the 30-second step of the last code accepted: a code is never accepted twice
-- (RFC 6238 §5.2), nor an older one.
CREATE TABLE account_mfa (
    account_id BIGINT PRIMARY KEY NOT NULL REFERENCES accounts (id),
    secret TEXT,
    pending_secret TEXT,
    confirmed_at TIMESTAMP,
    last_step BIGINT NOT NULL DEFAULT 0,
    updated_at TIMESTAMP NOT NULL
);

-- Recovery codes: only a SHA-256 of each is kept; `used_at` spends one.
CREATE TABLE mfa_recovery_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    code_hash TEXT NOT NULL,
    used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX mfa_recovery_codes_account ON mfa_recovery_codes (account_id);
