-- A plan's name is its owner's: two owners may each have a plan of the same name, so that
-- making one tells nothing of the plans its maker may not see.
ALTER TABLE plans DROP CONSTRAINT plans_pkey;
ALTER TABLE plans ADD PRIMARY KEY (owner, name);
CREATE INDEX plans_name ON plans (name);
