-- The ledger: commits (one per changeset) and their events, append-only.
CREATE TABLE commits (
    id       INTEGER PRIMARY KEY,
    recorded INTEGER NOT NULL,           -- transaction time, Unix microseconds UTC
    actor    TEXT    NOT NULL,
    source   TEXT    NOT NULL DEFAULT '',
    note     TEXT    NOT NULL DEFAULT '',
    plan     TEXT    NOT NULL DEFAULT '',
    file     TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE events (
    seq       INTEGER PRIMARY KEY,       -- 1, 2, 3… in recorded order, without gaps
    commit_id INTEGER NOT NULL REFERENCES commits (id),
    effective TEXT    NOT NULL,          -- valid time, YYYY-MM-DD
    verb      TEXT    NOT NULL,
    data      TEXT    NOT NULL,          -- the change's fields, JSON
    effects   TEXT    NOT NULL DEFAULT '', -- what it did besides, JSON; '' for nothing
    source    TEXT,                      -- NULL: the commit's
    note      TEXT                       -- NULL: the commit's
);

CREATE INDEX events_commit ON events (commit_id);
