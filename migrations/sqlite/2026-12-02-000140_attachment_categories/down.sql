ALTER TABLE attachments DROP COLUMN category_id;
DROP TABLE attachment_categories;
