-- The checkpoint: the ledger's index in memory, encoded after event seq, so that opening a
-- large ledger replays only the events after it. A cache of what the events say: deleting it
-- loses nothing but time. Kept in parts, since one value of hundreds of megabytes is more than
-- SQLite (or PostgreSQL) is happy to hold.
CREATE TABLE checkpoints (
    seq  INTEGER NOT NULL,
    part INTEGER NOT NULL,
    data BLOB    NOT NULL,
    PRIMARY KEY (seq, part)
);
