-- The votes name the session expert who cast them, and their primary keys begin elsewhere, so
-- removing a session's experts (a re-draw replaces its groups' experts) checked each removed
-- expert against the whole of both tables: neither engine indexes a referencing column by
-- itself. `distributions` has its index (000220).
CREATE INDEX group_votes_session_expert ON group_votes (session_expert_id);
CREATE INDEX committee_voted_session_expert ON committee_voted (session_expert_id);
