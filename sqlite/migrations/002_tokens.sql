-- The HTTP API's tokens. Only the SHA-256 of each secret is kept; a revoked token stays, so
-- that its name, which the events it wrote record, is never given to another.
CREATE TABLE tokens (
    name      TEXT    PRIMARY KEY,
    role      TEXT    NOT NULL CHECK (role IN ('viewer', 'planner', 'admin')),
    hash      BLOB    NOT NULL UNIQUE CHECK (length(hash) = 32),
    created   INTEGER NOT NULL,          -- Unix microseconds UTC
    last_used INTEGER,                   -- NULL: never used
    revoked   INTEGER                    -- NULL: valid
);
