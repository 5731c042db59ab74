-- Runtime settings changed by administrators without a deploy: key -> JSON value.
CREATE TABLE app_settings (
    key TEXT PRIMARY KEY NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
    value TEXT NOT NULL CHECK (json_valid(value)),
    updated_at TIMESTAMP NOT NULL,
    updated_by BIGINT
);
