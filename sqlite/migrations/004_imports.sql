-- HRIS imports: the date of the export a commit recorded, so that a late export imported
-- between two others knows which later dates were observed.
ALTER TABLE commits ADD COLUMN import_date TEXT NOT NULL DEFAULT '';

-- The seq of each commit's first event (for a commit without events, the next one's), so
-- that commits can be read without their events.
ALTER TABLE commits ADD COLUMN first_seq INTEGER NOT NULL DEFAULT 0;
UPDATE commits SET first_seq = (SELECT MIN(seq) FROM events WHERE commit_id = commits.id);
