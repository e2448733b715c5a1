-- The ledger's identity: a random id made with the database, which the image beside a SQLite
-- ledger (org.db.image) keeps, so that an image is read only beside the database it was built
-- from, never beside another whose last event happens to have the same number and time (one
-- made again from the same changesets, say, after the first was deleted).
CREATE TABLE ledger_identity (id TEXT NOT NULL);
INSERT INTO ledger_identity (id) VALUES (lower(hex(randomblob(16))));
