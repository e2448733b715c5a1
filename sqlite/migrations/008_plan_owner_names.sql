-- A plan's name is its owner's: two owners may each have a plan of the same name, so that
-- making one tells nothing of the plans its maker may not see. SQLite cannot change a primary
-- key in place, so the table is made again.
CREATE TABLE plans_by_owner (
    name          TEXT    NOT NULL,
    owner         TEXT    NOT NULL,
    effective     TEXT    NOT NULL,            -- YYYY-MM-DD
    base          INTEGER NOT NULL,            -- the ledger's last event when drafted
    base_recorded INTEGER NOT NULL,            -- its recorded time, Unix microseconds
    status        TEXT    NOT NULL,            -- draft, applied, dropped
    shared_with   TEXT    NOT NULL DEFAULT '[]', -- JSON list of token names
    changes       TEXT    NOT NULL,            -- changeset YAML
    waiting       TEXT    NOT NULL DEFAULT '[]', -- JSON list of change indexes still waiting
    commit_id     INTEGER NOT NULL DEFAULT 0,
    created       INTEGER NOT NULL,
    updated       INTEGER NOT NULL,
    revision      INTEGER NOT NULL DEFAULT 0,  -- writes since it was made (007)
    PRIMARY KEY (owner, name)
);
INSERT INTO plans_by_owner (name, owner, effective, base, base_recorded, status, shared_with, changes, waiting, commit_id, created, updated, revision)
    SELECT name, owner, effective, base, base_recorded, status, shared_with, changes, waiting, commit_id, created, updated, revision FROM plans;
DROP TABLE plans;
ALTER TABLE plans_by_owner RENAME TO plans;
CREATE INDEX plans_name ON plans (name);
