-- Issue 10 (manual §6.5.4 专家推荐): the proof files (证明材料) a recommending unit attaches to
-- its recommendation while it is pending; content-sniffed on upload like every other file,
-- kept (and no longer changed) once the recommendation is decided.
CREATE TABLE expert_recommendation_files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recommendation_id BIGINT NOT NULL REFERENCES expert_recommendations (id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    uploaded_by BIGINT NOT NULL REFERENCES accounts (id),
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX expert_recommendation_files_recommendation ON expert_recommendation_files (recommendation_id);
