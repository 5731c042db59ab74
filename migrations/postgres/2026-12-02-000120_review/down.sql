DROP TABLE application_submissions;
ALTER TABLE attachments DROP CONSTRAINT attachments_section_check;
ALTER TABLE attachments ADD CONSTRAINT attachments_section_check CHECK (section IN ('materials', 'supplementary', 'recommendation_proof'));
ALTER TABLE applications DROP CONSTRAINT applications_stage_check;
ALTER TABLE applications ADD CONSTRAINT applications_stage_check CHECK (stage IN ('draft', 'returned', 'unit_verification', 'application_publicity', 'unit_recommendation', 'superior_review', 'material_receipt', 'policy_review', 'nominee_publicity', 'failure_publicity', 'supplement', 'policy_rereview', 'online_review', 'result_publicity', 'passed', 'failed', 'terminated', 'voided'));
