DROP TABLE review_filing_files;
DROP TABLE review_filings;
ALTER TABLE publicity_reports DROP CONSTRAINT publicity_reports_status_check;
ALTER TABLE publicity_reports ADD CONSTRAINT publicity_reports_status_check CHECK (status IN ('open', 'dismissed', 'returned', 'terminated'));
ALTER TABLE publicity_batches DROP COLUMN session_id;
