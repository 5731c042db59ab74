DROP TABLE expert_reviews;
DROP TABLE distributions;
DROP TABLE blind_opinions;
ALTER TABLE review_groups DROP COLUMN defense_held_at;
