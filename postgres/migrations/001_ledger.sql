-- The ledger: commits (one per changeset) and their events, append-only.
CREATE TABLE commits (
    id          BIGINT      PRIMARY KEY,
    recorded    TIMESTAMPTZ NOT NULL,          -- transaction time, to the microsecond
    actor       TEXT        NOT NULL,
    source      TEXT        NOT NULL DEFAULT '',
    note        TEXT        NOT NULL DEFAULT '',
    plan        TEXT        NOT NULL DEFAULT '',
    file        TEXT        NOT NULL DEFAULT '',
    import_date DATE,                          -- the date of the HRIS export an import recorded
    first_seq   BIGINT      NOT NULL           -- its first event, or the next one's when it has none
);

CREATE TABLE events (
    seq       BIGINT PRIMARY KEY,              -- 1, 2, 3… in recorded order, without gaps
    commit_id BIGINT NOT NULL REFERENCES commits (id),
    effective DATE   NOT NULL,                 -- valid time
    verb      TEXT   NOT NULL,
    data      TEXT   NOT NULL,                 -- the change's fields, JSON
    effects   TEXT   NOT NULL DEFAULT '',      -- what it did besides, JSON; '' for nothing
    source    TEXT,                            -- NULL: the commit's
    note      TEXT                             -- NULL: the commit's
);

CREATE INDEX events_commit ON events (commit_id);

-- The checkpoint: the ledger's index in memory, encoded after event seq (a cache of what the
-- events say), in parts.
CREATE TABLE checkpoints (
    seq  BIGINT  NOT NULL,
    part INTEGER NOT NULL,
    data BYTEA   NOT NULL,
    PRIMARY KEY (seq, part)
);
