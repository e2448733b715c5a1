-- A plan is applying while an apply records its changes (orgledger.PlanApplying): claimed before the
-- ledger is written, so that no other process adds to it or drops it meanwhile.
ALTER TABLE plans DROP CONSTRAINT plans_status_check;
ALTER TABLE plans ADD CONSTRAINT plans_status_check CHECK (status IN ('draft', 'applying', 'applied', 'dropped'));
