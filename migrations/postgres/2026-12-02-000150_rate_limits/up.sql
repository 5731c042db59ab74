-- Attempt limits shared by every server instance (sign-in per address, public reports per
-- address): one row per key holding the current fixed window and its count.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY NOT NULL,
    window_start TIMESTAMP NOT NULL,
    hits INTEGER NOT NULL
);
CREATE INDEX rate_limits_window_start ON rate_limits (window_start);
