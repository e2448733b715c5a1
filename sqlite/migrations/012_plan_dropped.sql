-- A dropped plan's name may be used again by its owner, the dropped plan kept as a record: a
-- plan is named by its owner, its name and, once dropped, its number among the dropped plans
-- of that owner and name (1 the first; 0 for a plan not dropped, of which there is one at
-- most). No event carries a dropped plan's name (only a draft is dropped, and only an applied
-- plan records events), so the NAME@OWNER of an event is the one plan of that name that is
-- not dropped. SQLite cannot change a primary key in place, so the table is made again.
CREATE TABLE plans_dropped (
    name          TEXT    NOT NULL,
    owner         TEXT    NOT NULL,
    dropped       INTEGER NOT NULL DEFAULT 0,  -- 0, or the plan's number among the dropped plans of its owner and name
    effective     TEXT    NOT NULL,            -- YYYY-MM-DD
    base          INTEGER NOT NULL,            -- the ledger's last event when drafted
    base_recorded INTEGER NOT NULL,            -- its recorded time, Unix microseconds
    status        TEXT    NOT NULL,            -- draft, applying, applied, dropped
    shared_with   TEXT    NOT NULL DEFAULT '[]', -- JSON list of token names
    changes       TEXT    NOT NULL,            -- changeset YAML
    waiting       TEXT    NOT NULL DEFAULT '[]', -- JSON list of change indexes still waiting
    commit_id     INTEGER NOT NULL DEFAULT 0,
    created       INTEGER NOT NULL,
    updated       INTEGER NOT NULL,
    revision      INTEGER NOT NULL DEFAULT 0,  -- writes since it was made (007)
    releasing     TEXT    NOT NULL DEFAULT '[]', -- JSON list of claims (009)
    PRIMARY KEY (owner, name, dropped)
);
INSERT INTO plans_dropped (name, owner, dropped, effective, base, base_recorded, status, shared_with, changes, waiting, commit_id, created, updated, revision, releasing)
    SELECT name, owner, CASE status WHEN 'dropped' THEN 1 ELSE 0 END, effective, base, base_recorded, status, shared_with, changes, waiting, commit_id, created, updated, revision, releasing FROM plans;
DROP TABLE plans;
ALTER TABLE plans_dropped RENAME TO plans;
CREATE INDEX plans_name ON plans (name);
