-- How many candidates a draw considered and how many it excluded, kept beside the stored
-- JSON so that the session's screen lists its draws without reading their inputs
-- (docs/PERFORMANCE.md, "The session's detail"). Filled for the draws made before.
ALTER TABLE draws ADD COLUMN candidate_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE draws ADD COLUMN exclusion_count INTEGER NOT NULL DEFAULT 0;
UPDATE draws SET
    candidate_count = COALESCE(json_array_length(candidates::json -> 'candidates'), 0),
    exclusion_count = COALESCE(json_array_length(exclusions::json), 0);
