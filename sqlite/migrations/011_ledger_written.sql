-- A random mark of the ledger's last write, made anew by every append in the transaction that
-- writes it. The image beside a SQLite ledger keeps the mark of the database it was built
-- from: a backup restored and written to again, even with the same changesets and recorded
-- times, has another mark, and its image is never read as if it were of it.
ALTER TABLE ledger_identity ADD COLUMN written TEXT NOT NULL DEFAULT '';
UPDATE ledger_identity SET written = lower(hex(randomblob(16)));
