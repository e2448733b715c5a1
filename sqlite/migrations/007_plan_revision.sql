-- A plan's revision counts its writes, so that a write of a plan read before another write
-- is refused instead of overwriting it (PlanStore.UpdatePlan).
ALTER TABLE plans ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
