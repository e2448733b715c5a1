-- Plans: reorganizations drafted in private, outside the ledger. Their changes are kept as a
-- changeset file (YAML), the same text a planner would write.
CREATE TABLE plans (
    name          TEXT PRIMARY KEY,
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
    updated       INTEGER NOT NULL
);
