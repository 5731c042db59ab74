-- Point 5 (manual §6.2.8): the two deadlines of a failure publicity — the online supplement
-- deadline (a supplement after it is refused) and the paper materials deadline with the address
-- and phone printed in the standard text.
CREATE TABLE publicity_deadlines (
    batch_id BIGINT PRIMARY KEY NOT NULL REFERENCES publicity_batches (id),
    supplement_deadline DATE NOT NULL,
    paper_deadline DATE NOT NULL,
    paper_address TEXT NOT NULL,
    paper_phone TEXT NOT NULL
);
