-- The HTTP API's tokens: only the SHA-256 of each secret; a revoked token stays, so that its
-- name, which the events it wrote record, is never given to another.
CREATE TABLE tokens (
    name      TEXT        PRIMARY KEY,
    role      TEXT        NOT NULL CHECK (role IN ('viewer', 'planner', 'admin')),
    hash      BYTEA       NOT NULL UNIQUE CHECK (length(hash) = 32),
    created   TIMESTAMPTZ NOT NULL,
    last_used TIMESTAMPTZ,
    revoked   TIMESTAMPTZ
);

-- Plans: reorganizations drafted in private, outside the ledger; changes as changeset YAML.
CREATE TABLE plans (
    name          TEXT        PRIMARY KEY,
    owner         TEXT        NOT NULL,
    effective     DATE        NOT NULL,
    base          BIGINT      NOT NULL,
    base_recorded TIMESTAMPTZ NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('draft', 'applied', 'dropped')),
    shared_with   TEXT        NOT NULL DEFAULT '[]',
    changes       TEXT        NOT NULL DEFAULT '',
    waiting       TEXT        NOT NULL DEFAULT '[]',
    commit_id     BIGINT      NOT NULL DEFAULT 0,
    created       TIMESTAMPTZ NOT NULL,
    updated       TIMESTAMPTZ NOT NULL
);
