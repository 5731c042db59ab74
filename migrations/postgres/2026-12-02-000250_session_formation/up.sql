-- Issue 10 (§6.2.10.1): how a session's committee is formed (人社部令第40号: a senior committee
-- formed by series has at least 25 members, by specialty at least 11; the numbers are the
-- `session_rules` setting). Set on the session while it is set up.
ALTER TABLE review_sessions ADD COLUMN formed_by TEXT NOT NULL DEFAULT 'series'
    CHECK (formed_by IN ('series', 'specialty'));
