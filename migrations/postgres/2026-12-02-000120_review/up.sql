-- Issue 9 points 6 and 10.
-- Point 10 (manual §6.2 职称撤销): the stage `revoked` and the attachment section
-- `revocation_proof`.
ALTER TABLE applications DROP CONSTRAINT applications_stage_check;
ALTER TABLE applications ADD CONSTRAINT applications_stage_check CHECK (stage IN ('draft', 'returned', 'unit_verification', 'application_publicity', 'unit_recommendation', 'superior_review', 'material_receipt', 'policy_review', 'nominee_publicity', 'failure_publicity', 'supplement', 'policy_rereview', 'online_review', 'result_publicity', 'passed', 'failed', 'terminated', 'voided', 'revoked'));
ALTER TABLE attachments DROP CONSTRAINT attachments_section_check;
ALTER TABLE attachments ADD CONSTRAINT attachments_section_check CHECK (section IN ('materials', 'supplementary', 'recommendation_proof', 'revocation_proof'));

-- Point 6 (manual §6.2.1): one snapshot per submission (submit, submit_supplement), written
-- in the action's transaction. `fields` is the application's content as JSON; `attachments`
-- the JSON list `[{id, section, file_name}]` of its files at that moment.
CREATE TABLE application_submissions (
    id BIGSERIAL PRIMARY KEY,
    application_id BIGINT NOT NULL REFERENCES applications (id),
    number INTEGER NOT NULL CHECK (number >= 1),
    submitted_at TIMESTAMP NOT NULL,
    fields TEXT NOT NULL,
    attachments TEXT NOT NULL,
    UNIQUE (application_id, number)
);
