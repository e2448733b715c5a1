-- The claims of releases under way (orgledger.Plan.Releasing): waiting changes a process took
-- off the waiting list to record, kept until it has recorded them, so that one that stops
-- between the two loses nothing.
ALTER TABLE plans ADD COLUMN releasing TEXT NOT NULL DEFAULT '[]'; -- JSON list of claims
