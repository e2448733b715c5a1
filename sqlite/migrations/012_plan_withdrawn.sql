-- The waiting changes of applied plans that were withdrawn (orgledger.Plan.Withdrawn): which,
-- by whom and when, so that plan show tells them apart from changes still to come.
ALTER TABLE plans ADD COLUMN withdrawn TEXT NOT NULL DEFAULT '[]'; -- JSON list of withdrawals
