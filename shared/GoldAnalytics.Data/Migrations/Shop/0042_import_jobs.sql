-- Large imports run as orchestrations: the import record names the orchestration that wrote it, so a
-- step repeated after a host crash finds its own earlier write instead of writing twice, and keeps
-- the errors the file had (the first hundred) for the import history.
ALTER TABLE import_files ADD COLUMN job_id text;
ALTER TABLE import_files ADD COLUMN error_count int NOT NULL DEFAULT 0;
ALTER TABLE import_files ADD COLUMN errors jsonb NOT NULL DEFAULT '[]';
CREATE UNIQUE INDEX import_files_job ON import_files (job_id) WHERE job_id IS NOT NULL;
