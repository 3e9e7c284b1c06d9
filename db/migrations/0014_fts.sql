-- Full-text search over comments (server/queries/search.ts). An external-content FTS5 index
-- on `responses`: the text stays in `responses.comment` and the index holds only tokens, keyed
-- by the response's rowid. Triggers keep it in step inside the statement that changes a
-- comment, so every guarded write, deletion and erasure moves it in the same transaction.
-- `porter` stems English ("refunds" finds "refunded"). If a table rebuild ever renumbers the
-- responses' rowids (VACUUM may), `INSERT INTO responses_fts(responses_fts) VALUES('rebuild')`
-- rebuilds the index from the comments.
CREATE VIRTUAL TABLE `responses_fts` USING fts5(comment, content='responses', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `responses_fts_insert` AFTER INSERT ON `responses` WHEN new.comment IS NOT NULL BEGIN
  INSERT INTO responses_fts(rowid, comment) VALUES (new.rowid, new.comment);
END;
--> statement-breakpoint
CREATE TRIGGER `responses_fts_delete` AFTER DELETE ON `responses` WHEN old.comment IS NOT NULL BEGIN
  INSERT INTO responses_fts(responses_fts, rowid, comment) VALUES ('delete', old.rowid, old.comment);
END;
--> statement-breakpoint
CREATE TRIGGER `responses_fts_update` AFTER UPDATE OF comment ON `responses` WHEN old.comment IS NOT new.comment BEGIN
  INSERT INTO responses_fts(responses_fts, rowid, comment) SELECT 'delete', old.rowid, old.comment WHERE old.comment IS NOT NULL;
  INSERT INTO responses_fts(rowid, comment) SELECT new.rowid, new.comment WHERE new.comment IS NOT NULL;
END;
--> statement-breakpoint
-- Backfill: every existing comment.
INSERT INTO responses_fts(rowid, comment) SELECT rowid, comment FROM responses WHERE comment IS NOT NULL;
