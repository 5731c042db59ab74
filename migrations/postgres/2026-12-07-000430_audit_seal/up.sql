-- The audit chain is sealed after commit (issue 14, goal 2): a row is appended with no place in
-- the chain (seq NULL, a unique placeholder hash), and one sealer at a time gives the committed
-- rows their place (seq), prev_hash and hash, in the order it finds them. Rows written before
-- this migration keep their place: seq = id.
ALTER TABLE audit_log ADD COLUMN seq BIGINT;
UPDATE audit_log SET seq = id;
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);
CREATE INDEX audit_log_pending ON audit_log (id) WHERE seq IS NULL;
