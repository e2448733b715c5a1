-- A plan's changes are kept as a JSON array; plans that an earlier release wrote keep the text
-- of a changeset file, which this release reads too. The tables stay as they are: this
-- migration marks the database as one an earlier release, which reads only that text, must
-- not open.
COMMENT ON COLUMN plans.changes IS 'the plan''s changes: a JSON array of {verb, op, effective, source, note, when}, op as an event''s JSON has it; or, as releases before migration 009 wrote them, a changeset file''s text';
