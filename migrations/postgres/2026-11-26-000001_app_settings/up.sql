-- Runtime settings changed by administrators without a deploy: key -> JSON value.
CREATE TABLE app_settings (
    key TEXT PRIMARY KEY NOT NULL CHECK (char_length(key) BETWEEN 1 AND 100),
    value TEXT NOT NULL CHECK (value::jsonb IS NOT NULL),
    updated_at TIMESTAMP NOT NULL,
    updated_by BIGINT
);
