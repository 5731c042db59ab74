DROP TABLE certificate_verifications;
DROP TABLE certificate_sequences;
DROP TABLE certificates;
ALTER TABLE review_filings DROP COLUMN approval_document;
