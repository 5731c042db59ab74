-- Issue 9 point 3 (manual §6.2.2): during the application publicity the applicant's unit may
-- correct its information shown in the batch (单位名称 as published, contact, phone). One row per
-- item the unit edited; without a row the item shows the employer's registered name.
CREATE TABLE publicity_item_units (
    batch_id BIGINT NOT NULL REFERENCES publicity_batches (id),
    application_id BIGINT NOT NULL REFERENCES applications (id),
    unit_name TEXT NOT NULL,
    unit_contact TEXT NOT NULL,
    unit_phone TEXT NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES accounts (id),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (batch_id, application_id)
);
