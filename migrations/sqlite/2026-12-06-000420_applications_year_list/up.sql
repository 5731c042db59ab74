-- Issue 14: a year's applications in id order, with every column the list's jurisdiction
-- reads (`applications::access::visible_query`). A year list (`year = ?`, newest first) is one
-- backward walk of this index that never visits the table for the rows it skips, and its
-- bounded total (the first 10,001 matches) is an index-only read; before, both engines read
-- the whole year through `applications_year_path` and sorted it (100–470 ms at a million
-- applications, docs/PERFORMANCE.md). `applications_year_path (year, employer_path)` is a
-- prefix of `applications_dashboard` and goes.
CREATE INDEX applications_year_list ON applications (
    year, id, employer_path, committee_id, submitted_at, started_by_unit, employer_id
);
DROP INDEX applications_year_path;
