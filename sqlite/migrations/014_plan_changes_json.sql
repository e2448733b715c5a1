-- A plan's changes (plans.changes) are kept as a JSON array, a change an object with its verb,
-- its fields as an event's JSON has them, and its own effective, source, note and when. Plans
-- that an earlier release wrote keep the text of a changeset file, which this release reads
-- too. The tables stay as they are: this migration marks the file as one an earlier release,
-- which reads only that text, must not open.
SELECT 1;
