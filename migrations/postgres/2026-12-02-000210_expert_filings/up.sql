-- Issue 10 (manual §6.5.3, §6.5.4): pool update filings (专家库更新备案) and expert
-- recommendations (专家推荐). Both are versioned objects and are never deleted: they are the
-- history that 备案查询 reads.

-- A pool update filing: the committee's organising unit applies to add or remove experts of
-- the committee's pool; the nearest HRSS above the unit audits (approve / reject with an
-- opinion). Approval applies every item in one transaction.
CREATE TABLE pool_updates (
    id BIGSERIAL PRIMARY KEY,
    committee_id BIGINT NOT NULL REFERENCES committees (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    reason TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    applied_by BIGINT NOT NULL REFERENCES accounts (id),
    applied_at TIMESTAMP NOT NULL,
    audited_by BIGINT REFERENCES accounts (id),
    audited_at TIMESTAMP,
    opinion TEXT,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX pool_updates_committee ON pool_updates (committee_id);
CREATE INDEX pool_updates_unit ON pool_updates (unit_id);

-- One change of a filing, in the applicant's order. `add`: an existing expert person
-- (`expert_id`) or a new pre-entry record (`entry`, the pre-entry fields as JSON), with the
-- term; `remove`: a pool member of the committee. `pool_member_id` of an `add` is the
-- membership the approval created.
CREATE TABLE pool_update_items (
    id BIGSERIAL PRIMARY KEY,
    update_id BIGINT NOT NULL REFERENCES pool_updates (id),
    sort INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('add', 'remove')),
    expert_id BIGINT REFERENCES experts (id),
    entry TEXT CHECK (entry IS NULL OR entry::jsonb IS NOT NULL),
    pool_member_id BIGINT REFERENCES pool_members (id),
    term_start DATE,
    term_end DATE,
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    CHECK ((action = 'add' AND term_start IS NOT NULL AND term_end IS NOT NULL
            AND ((expert_id IS NULL) <> (entry IS NULL)))
        OR (action = 'remove' AND pool_member_id IS NOT NULL))
);
CREATE INDEX pool_update_items_update ON pool_update_items (update_id);

-- A recommendation (专家推荐): any unit recommends a person (the pre-entry fields as JSON, plus
-- its reason) to a committee; the committee's organising unit or the HRSS above it accepts it
-- (into pre-entry: `pool_member_id`) or declines it with an opinion.
CREATE TABLE expert_recommendations (
    id BIGSERIAL PRIMARY KEY,
    committee_id BIGINT NOT NULL REFERENCES committees (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    entry TEXT NOT NULL CHECK (entry::jsonb IS NOT NULL),
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
    applied_by BIGINT NOT NULL REFERENCES accounts (id),
    applied_at TIMESTAMP NOT NULL,
    decided_by BIGINT REFERENCES accounts (id),
    decided_at TIMESTAMP,
    opinion TEXT,
    pool_member_id BIGINT REFERENCES pool_members (id),
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX expert_recommendations_committee ON expert_recommendations (committee_id);
CREATE INDEX expert_recommendations_unit ON expert_recommendations (unit_id);
