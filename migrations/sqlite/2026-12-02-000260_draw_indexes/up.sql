-- The draw's lookups as index reads (docs/PERFORMANCE.md, "The draw at 5,000 experts"): a
-- session's current draws and a group's current draw are found without reading the rows, whose
-- stored inputs are tens of kilobytes each (on SQLite `superseded_by` lies behind them).
DROP INDEX draws_session;
CREATE INDEX draws_session_current ON draws (session_id, superseded_by, kind, group_id);
CREATE INDEX draws_group_current ON draws (group_id, superseded_by);
