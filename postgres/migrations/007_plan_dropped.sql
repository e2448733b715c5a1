-- A dropped plan's name may be used again by its owner, the dropped plan kept as a record: a
-- plan is named by its owner, its name and, once dropped, its number among the dropped plans
-- of that owner and name (1 the first; 0 for a plan not dropped, of which there is one at
-- most). No event carries a dropped plan's name (only a draft is dropped, and only an applied
-- plan records events), so the NAME@OWNER of an event is the one plan of that name that is
-- not dropped.
ALTER TABLE plans ADD COLUMN dropped BIGINT NOT NULL DEFAULT 0;
UPDATE plans SET dropped = 1 WHERE status = 'dropped';
ALTER TABLE plans DROP CONSTRAINT plans_pkey;
ALTER TABLE plans ADD PRIMARY KEY (owner, name, dropped);
