-- A copy under way into this database (orgledger copy): a row from the moment it begins
-- writing until it is proved identical to its source. A copy stopped midway leaves its row,
-- and the database is not opened as a ledger: it holds part of one.
CREATE TABLE copying (began INTEGER NOT NULL); -- Unix microseconds
