-- Issue 9 point 12 (manual §6.2.1): the kinds of application material, configurable by the
-- system administrator. `required_series` lists the series (comma-separated wire names) whose
-- applications must carry at least one file of the kind before they are submitted; empty means
-- optional everywhere. Unit recommendation proofs have no category.
CREATE TABLE attachment_categories (
    id BIGSERIAL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40),
    name_zh TEXT NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 50),
    name_en TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
    sort INTEGER NOT NULL DEFAULT 0,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    required_series TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO attachment_categories (code, name_zh, name_en, sort, enabled, required_series, updated_at) VALUES
    ('education', '学历/资历证明', 'Education and career records', 10, TRUE, '', CURRENT_TIMESTAMP),
    ('qualification', '任职资格证书', 'Title certificates', 20, TRUE, '', CURRENT_TIMESTAMP),
    ('publications', '论文/著作', 'Papers and books', 30, TRUE, '', CURRENT_TIMESTAMP),
    ('achievements', '业绩成果', 'Achievements', 40, TRUE, '', CURRENT_TIMESTAMP),
    ('assessment', '考核/继续教育证明', 'Appraisals and continuing education', 50, TRUE, '', CURRENT_TIMESTAMP),
    ('other', '其他', 'Other', 60, TRUE, '', CURRENT_TIMESTAMP);
ALTER TABLE attachments ADD COLUMN category_id BIGINT REFERENCES attachment_categories (id);
-- Files uploaded before the categories existed count as 其他.
UPDATE attachments SET category_id = (SELECT id FROM attachment_categories WHERE code = 'other')
    WHERE application_id IS NOT NULL;
