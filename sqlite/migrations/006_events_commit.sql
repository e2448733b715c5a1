-- No query reads the events of a commit by its id: the events are read by seq, and a commit's
-- first seq is on the commit (migration 004, the last to use this index). Commits are never
-- deleted or renumbered, so the foreign key needs no index of its children either. Keeping it
-- cost every appended event an insert into a second B-tree.
DROP INDEX IF EXISTS events_commit;
