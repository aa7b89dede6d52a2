import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795668750230 implements MigrationInterface {
  name = 'InitialSchema1795668750230';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "api_keys" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(128) NOT NULL, "key_hash" char(64) NOT NULL, "role" varchar(16) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "revoked_at" datetime(6), CONSTRAINT "UQ_5457f77c4528c36c3d810bf6b70" UNIQUE ("name"), CONSTRAINT "UQ_57384430aa1959f4578046c9b81" UNIQUE ("key_hash"))',
    );
    await queryRunner.query(
      'CREATE TABLE "preprocessing_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "corpus" varchar(128) NOT NULL, "version" integer NOT NULL, "config_hash" char(64) NOT NULL, "config" longtext NOT NULL, "document_count" integer NOT NULL, "token_count" bigint NOT NULL, "status" varchar(16) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "UQ_preprocessing_versions_corpus_hash" UNIQUE ("corpus", "config_hash"), CONSTRAINT "UQ_preprocessing_versions_corpus_version" UNIQUE ("corpus", "version"))',
    );
    await queryRunner.query(
      'CREATE TABLE "dictionaries" ("preprocessing_version_id" integer PRIMARY KEY NOT NULL, "payload" longtext NOT NULL, "num_terms" integer NOT NULL, "num_docs" integer NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE TABLE "ingestion_runs" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "corpus" varchar(128) NOT NULL, "source" text NOT NULL, "format" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "added" integer NOT NULL, "updated" integer NOT NULL, "unchanged" integer NOT NULL, "rejected" integer NOT NULL, "bytes" bigint NOT NULL, "seconds" double NOT NULL, "started_at" datetime(6) NOT NULL, "finished_at" datetime(6))',
    );
    await queryRunner.query(
      'CREATE TABLE "documents" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "corpus" varchar(128) NOT NULL, "source_id" varchar(512) NOT NULL, "source_path" text NOT NULL, "publication_ref" varchar(64), "publication_name" varchar(255), "date" varchar(10), "year" integer, "text" longtext NOT NULL, "content_hash" char(64) NOT NULL, "char_count" integer NOT NULL, "word_count" integer NOT NULL, "metadata" longtext, "ingestion_run_id" integer NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "UQ_documents_corpus_source" UNIQUE ("corpus", "source_id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_documents_ingestion_run" ON "documents" ("ingestion_run_id") ');
    await queryRunner.query('CREATE INDEX "IDX_documents_corpus_year" ON "documents" ("corpus", "year") ');
    await queryRunner.query(
      'CREATE TABLE "document_tokens" ("document_id" integer NOT NULL, "preprocessing_version_id" integer NOT NULL, "tokens" longtext NOT NULL, "token_count" integer NOT NULL, PRIMARY KEY ("document_id", "preprocessing_version_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_document_tokens_version" ON "document_tokens" ("preprocessing_version_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "document_topics" ("model_name" varchar(128) NOT NULL, "model_version" varchar(64) NOT NULL, "document_id" integer NOT NULL, "theta" longtext NOT NULL, "dominant_topic" integer NOT NULL, "weight" integer NOT NULL, PRIMARY KEY ("model_name", "model_version", "document_id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_document_topics_document" ON "document_topics" ("document_id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_document_topics_model" ON "document_topics" ("model_name", "model_version") ',
    );
    await queryRunner.query(
      'CREATE TABLE "ingestion_errors" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "ingestion_run_id" integer NOT NULL, "corpus" varchar(128) NOT NULL, "source_id" text NOT NULL, "reason_code" varchar(32) NOT NULL, "message" text NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "IDX_ingestion_errors_run" ON "ingestion_errors" ("ingestion_run_id") ');
    await queryRunner.query(
      'CREATE TABLE "kpi_records" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "model_name" varchar(128) NOT NULL, "model_version" varchar(64), "run_id" varchar(64), "corpus" varchar(128) NOT NULL, "c_v" double NOT NULL, "u_mass" double, "c_npmi" double, "log_perplexity" double, "threshold" double NOT NULL, "kpi_ok" boolean NOT NULL, "promoted" boolean NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "IDX_kpi_records_model" ON "kpi_records" ("model_name", "model_version") ');
    await queryRunner.query(
      'CREATE TABLE "pipeline_runs" ("id" varchar(36) PRIMARY KEY NOT NULL, "corpus" varchar(128) NOT NULL, "status" varchar(16) NOT NULL, "trigger" varchar(16) NOT NULL, "idempotency_key" varchar(191), "attempt" integer NOT NULL, "max_attempts" integer NOT NULL, "current_stage" varchar(16), "kpi_ok" boolean, "promoted" boolean NOT NULL, "model_version" varchar(64), "c_v" double, "params" longtext NOT NULL, "mlflow_run_ids" longtext NOT NULL, "error" text, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "started_at" datetime(6), "finished_at" datetime(6), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "UQ_115546f9f47f9a2f084c491cfc9" UNIQUE ("idempotency_key"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_pipeline_runs_corpus_created" ON "pipeline_runs" ("corpus", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_pipeline_runs_status_created" ON "pipeline_runs" ("status", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "pipeline_tasks" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "pipeline_run_id" varchar(36) NOT NULL, "attempt" integer NOT NULL, "stage" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "progress" double NOT NULL, "job_id" varchar(128), "result" longtext, "error" text, "started_at" datetime(6), "finished_at" datetime(6), CONSTRAINT "UQ_pipeline_tasks_run_attempt_stage" UNIQUE ("pipeline_run_id", "attempt", "stage"))',
    );
    await queryRunner.query(
      'CREATE TABLE "temporary_dictionaries" ("preprocessing_version_id" integer PRIMARY KEY NOT NULL, "payload" longtext NOT NULL, "num_terms" integer NOT NULL, "num_docs" integer NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_dictionaries_version" FOREIGN KEY ("preprocessing_version_id") REFERENCES "preprocessing_versions" ("id") ON DELETE CASCADE ON UPDATE RESTRICT)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_dictionaries"("preprocessing_version_id", "payload", "num_terms", "num_docs", "created_at") SELECT "preprocessing_version_id", "payload", "num_terms", "num_docs", "created_at" FROM "dictionaries"',
    );
    await queryRunner.query('DROP TABLE "dictionaries"');
    await queryRunner.query('ALTER TABLE "temporary_dictionaries" RENAME TO "dictionaries"');
    await queryRunner.query('DROP INDEX "IDX_documents_ingestion_run"');
    await queryRunner.query('DROP INDEX "IDX_documents_corpus_year"');
    await queryRunner.query(
      'CREATE TABLE "temporary_documents" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "corpus" varchar(128) NOT NULL, "source_id" varchar(512) NOT NULL, "source_path" text NOT NULL, "publication_ref" varchar(64), "publication_name" varchar(255), "date" varchar(10), "year" integer, "text" longtext NOT NULL, "content_hash" char(64) NOT NULL, "char_count" integer NOT NULL, "word_count" integer NOT NULL, "metadata" longtext, "ingestion_run_id" integer NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "UQ_documents_corpus_source" UNIQUE ("corpus", "source_id"), CONSTRAINT "FK_documents_ingestion_run" FOREIGN KEY ("ingestion_run_id") REFERENCES "ingestion_runs" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_documents"("id", "corpus", "source_id", "source_path", "publication_ref", "publication_name", "date", "year", "text", "content_hash", "char_count", "word_count", "metadata", "ingestion_run_id", "created_at", "updated_at") SELECT "id", "corpus", "source_id", "source_path", "publication_ref", "publication_name", "date", "year", "text", "content_hash", "char_count", "word_count", "metadata", "ingestion_run_id", "created_at", "updated_at" FROM "documents"',
    );
    await queryRunner.query('DROP TABLE "documents"');
    await queryRunner.query('ALTER TABLE "temporary_documents" RENAME TO "documents"');
    await queryRunner.query('CREATE INDEX "IDX_documents_ingestion_run" ON "documents" ("ingestion_run_id") ');
    await queryRunner.query('CREATE INDEX "IDX_documents_corpus_year" ON "documents" ("corpus", "year") ');
    await queryRunner.query('DROP INDEX "IDX_document_tokens_version"');
    await queryRunner.query(
      'CREATE TABLE "temporary_document_tokens" ("document_id" integer NOT NULL, "preprocessing_version_id" integer NOT NULL, "tokens" longtext NOT NULL, "token_count" integer NOT NULL, CONSTRAINT "FK_document_tokens_document" FOREIGN KEY ("document_id") REFERENCES "documents" ("id") ON DELETE CASCADE ON UPDATE RESTRICT, CONSTRAINT "FK_document_tokens_version" FOREIGN KEY ("preprocessing_version_id") REFERENCES "preprocessing_versions" ("id") ON DELETE CASCADE ON UPDATE RESTRICT, PRIMARY KEY ("document_id", "preprocessing_version_id"))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_document_tokens"("document_id", "preprocessing_version_id", "tokens", "token_count") SELECT "document_id", "preprocessing_version_id", "tokens", "token_count" FROM "document_tokens"',
    );
    await queryRunner.query('DROP TABLE "document_tokens"');
    await queryRunner.query('ALTER TABLE "temporary_document_tokens" RENAME TO "document_tokens"');
    await queryRunner.query(
      'CREATE INDEX "IDX_document_tokens_version" ON "document_tokens" ("preprocessing_version_id") ',
    );
    await queryRunner.query('DROP INDEX "IDX_document_topics_document"');
    await queryRunner.query('DROP INDEX "IDX_document_topics_model"');
    await queryRunner.query(
      'CREATE TABLE "temporary_document_topics" ("model_name" varchar(128) NOT NULL, "model_version" varchar(64) NOT NULL, "document_id" integer NOT NULL, "theta" longtext NOT NULL, "dominant_topic" integer NOT NULL, "weight" integer NOT NULL, CONSTRAINT "FK_document_topics_document" FOREIGN KEY ("document_id") REFERENCES "documents" ("id") ON DELETE CASCADE ON UPDATE RESTRICT, PRIMARY KEY ("model_name", "model_version", "document_id"))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_document_topics"("model_name", "model_version", "document_id", "theta", "dominant_topic", "weight") SELECT "model_name", "model_version", "document_id", "theta", "dominant_topic", "weight" FROM "document_topics"',
    );
    await queryRunner.query('DROP TABLE "document_topics"');
    await queryRunner.query('ALTER TABLE "temporary_document_topics" RENAME TO "document_topics"');
    await queryRunner.query('CREATE INDEX "IDX_document_topics_document" ON "document_topics" ("document_id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_document_topics_model" ON "document_topics" ("model_name", "model_version") ',
    );
    await queryRunner.query('DROP INDEX "IDX_ingestion_errors_run"');
    await queryRunner.query(
      'CREATE TABLE "temporary_ingestion_errors" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "ingestion_run_id" integer NOT NULL, "corpus" varchar(128) NOT NULL, "source_id" text NOT NULL, "reason_code" varchar(32) NOT NULL, "message" text NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_ingestion_errors_run" FOREIGN KEY ("ingestion_run_id") REFERENCES "ingestion_runs" ("id") ON DELETE CASCADE ON UPDATE RESTRICT)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_ingestion_errors"("id", "ingestion_run_id", "corpus", "source_id", "reason_code", "message", "created_at") SELECT "id", "ingestion_run_id", "corpus", "source_id", "reason_code", "message", "created_at" FROM "ingestion_errors"',
    );
    await queryRunner.query('DROP TABLE "ingestion_errors"');
    await queryRunner.query('ALTER TABLE "temporary_ingestion_errors" RENAME TO "ingestion_errors"');
    await queryRunner.query('CREATE INDEX "IDX_ingestion_errors_run" ON "ingestion_errors" ("ingestion_run_id") ');
    await queryRunner.query(
      'CREATE TABLE "temporary_pipeline_tasks" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "pipeline_run_id" varchar(36) NOT NULL, "attempt" integer NOT NULL, "stage" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "progress" double NOT NULL, "job_id" varchar(128), "result" longtext, "error" text, "started_at" datetime(6), "finished_at" datetime(6), CONSTRAINT "UQ_pipeline_tasks_run_attempt_stage" UNIQUE ("pipeline_run_id", "attempt", "stage"), CONSTRAINT "FK_pipeline_tasks_run" FOREIGN KEY ("pipeline_run_id") REFERENCES "pipeline_runs" ("id") ON DELETE CASCADE ON UPDATE RESTRICT)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_pipeline_tasks"("id", "pipeline_run_id", "attempt", "stage", "status", "progress", "job_id", "result", "error", "started_at", "finished_at") SELECT "id", "pipeline_run_id", "attempt", "stage", "status", "progress", "job_id", "result", "error", "started_at", "finished_at" FROM "pipeline_tasks"',
    );
    await queryRunner.query('DROP TABLE "pipeline_tasks"');
    await queryRunner.query('ALTER TABLE "temporary_pipeline_tasks" RENAME TO "pipeline_tasks"');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "pipeline_tasks" RENAME TO "temporary_pipeline_tasks"');
    await queryRunner.query(
      'CREATE TABLE "pipeline_tasks" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "pipeline_run_id" varchar(36) NOT NULL, "attempt" integer NOT NULL, "stage" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "progress" double NOT NULL, "job_id" varchar(128), "result" longtext, "error" text, "started_at" datetime(6), "finished_at" datetime(6), CONSTRAINT "UQ_pipeline_tasks_run_attempt_stage" UNIQUE ("pipeline_run_id", "attempt", "stage"))',
    );
    await queryRunner.query(
      'INSERT INTO "pipeline_tasks"("id", "pipeline_run_id", "attempt", "stage", "status", "progress", "job_id", "result", "error", "started_at", "finished_at") SELECT "id", "pipeline_run_id", "attempt", "stage", "status", "progress", "job_id", "result", "error", "started_at", "finished_at" FROM "temporary_pipeline_tasks"',
    );
    await queryRunner.query('DROP TABLE "temporary_pipeline_tasks"');
    await queryRunner.query('DROP INDEX "IDX_ingestion_errors_run"');
    await queryRunner.query('ALTER TABLE "ingestion_errors" RENAME TO "temporary_ingestion_errors"');
    await queryRunner.query(
      'CREATE TABLE "ingestion_errors" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "ingestion_run_id" integer NOT NULL, "corpus" varchar(128) NOT NULL, "source_id" text NOT NULL, "reason_code" varchar(32) NOT NULL, "message" text NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "ingestion_errors"("id", "ingestion_run_id", "corpus", "source_id", "reason_code", "message", "created_at") SELECT "id", "ingestion_run_id", "corpus", "source_id", "reason_code", "message", "created_at" FROM "temporary_ingestion_errors"',
    );
    await queryRunner.query('DROP TABLE "temporary_ingestion_errors"');
    await queryRunner.query('CREATE INDEX "IDX_ingestion_errors_run" ON "ingestion_errors" ("ingestion_run_id") ');
    await queryRunner.query('DROP INDEX "IDX_document_topics_model"');
    await queryRunner.query('DROP INDEX "IDX_document_topics_document"');
    await queryRunner.query('ALTER TABLE "document_topics" RENAME TO "temporary_document_topics"');
    await queryRunner.query(
      'CREATE TABLE "document_topics" ("model_name" varchar(128) NOT NULL, "model_version" varchar(64) NOT NULL, "document_id" integer NOT NULL, "theta" longtext NOT NULL, "dominant_topic" integer NOT NULL, "weight" integer NOT NULL, PRIMARY KEY ("model_name", "model_version", "document_id"))',
    );
    await queryRunner.query(
      'INSERT INTO "document_topics"("model_name", "model_version", "document_id", "theta", "dominant_topic", "weight") SELECT "model_name", "model_version", "document_id", "theta", "dominant_topic", "weight" FROM "temporary_document_topics"',
    );
    await queryRunner.query('DROP TABLE "temporary_document_topics"');
    await queryRunner.query(
      'CREATE INDEX "IDX_document_topics_model" ON "document_topics" ("model_name", "model_version") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_document_topics_document" ON "document_topics" ("document_id") ');
    await queryRunner.query('DROP INDEX "IDX_document_tokens_version"');
    await queryRunner.query('ALTER TABLE "document_tokens" RENAME TO "temporary_document_tokens"');
    await queryRunner.query(
      'CREATE TABLE "document_tokens" ("document_id" integer NOT NULL, "preprocessing_version_id" integer NOT NULL, "tokens" longtext NOT NULL, "token_count" integer NOT NULL, PRIMARY KEY ("document_id", "preprocessing_version_id"))',
    );
    await queryRunner.query(
      'INSERT INTO "document_tokens"("document_id", "preprocessing_version_id", "tokens", "token_count") SELECT "document_id", "preprocessing_version_id", "tokens", "token_count" FROM "temporary_document_tokens"',
    );
    await queryRunner.query('DROP TABLE "temporary_document_tokens"');
    await queryRunner.query(
      'CREATE INDEX "IDX_document_tokens_version" ON "document_tokens" ("preprocessing_version_id") ',
    );
    await queryRunner.query('DROP INDEX "IDX_documents_corpus_year"');
    await queryRunner.query('DROP INDEX "IDX_documents_ingestion_run"');
    await queryRunner.query('ALTER TABLE "documents" RENAME TO "temporary_documents"');
    await queryRunner.query(
      'CREATE TABLE "documents" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "corpus" varchar(128) NOT NULL, "source_id" varchar(512) NOT NULL, "source_path" text NOT NULL, "publication_ref" varchar(64), "publication_name" varchar(255), "date" varchar(10), "year" integer, "text" longtext NOT NULL, "content_hash" char(64) NOT NULL, "char_count" integer NOT NULL, "word_count" integer NOT NULL, "metadata" longtext, "ingestion_run_id" integer NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "UQ_documents_corpus_source" UNIQUE ("corpus", "source_id"))',
    );
    await queryRunner.query(
      'INSERT INTO "documents"("id", "corpus", "source_id", "source_path", "publication_ref", "publication_name", "date", "year", "text", "content_hash", "char_count", "word_count", "metadata", "ingestion_run_id", "created_at", "updated_at") SELECT "id", "corpus", "source_id", "source_path", "publication_ref", "publication_name", "date", "year", "text", "content_hash", "char_count", "word_count", "metadata", "ingestion_run_id", "created_at", "updated_at" FROM "temporary_documents"',
    );
    await queryRunner.query('DROP TABLE "temporary_documents"');
    await queryRunner.query('CREATE INDEX "IDX_documents_corpus_year" ON "documents" ("corpus", "year") ');
    await queryRunner.query('CREATE INDEX "IDX_documents_ingestion_run" ON "documents" ("ingestion_run_id") ');
    await queryRunner.query('ALTER TABLE "dictionaries" RENAME TO "temporary_dictionaries"');
    await queryRunner.query(
      'CREATE TABLE "dictionaries" ("preprocessing_version_id" integer PRIMARY KEY NOT NULL, "payload" longtext NOT NULL, "num_terms" integer NOT NULL, "num_docs" integer NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "dictionaries"("preprocessing_version_id", "payload", "num_terms", "num_docs", "created_at") SELECT "preprocessing_version_id", "payload", "num_terms", "num_docs", "created_at" FROM "temporary_dictionaries"',
    );
    await queryRunner.query('DROP TABLE "temporary_dictionaries"');
    await queryRunner.query('DROP TABLE "pipeline_tasks"');
    await queryRunner.query('DROP INDEX "IDX_pipeline_runs_status_created"');
    await queryRunner.query('DROP INDEX "IDX_pipeline_runs_corpus_created"');
    await queryRunner.query('DROP TABLE "pipeline_runs"');
    await queryRunner.query('DROP INDEX "IDX_kpi_records_model"');
    await queryRunner.query('DROP TABLE "kpi_records"');
    await queryRunner.query('DROP INDEX "IDX_ingestion_errors_run"');
    await queryRunner.query('DROP TABLE "ingestion_errors"');
    await queryRunner.query('DROP INDEX "IDX_document_topics_model"');
    await queryRunner.query('DROP INDEX "IDX_document_topics_document"');
    await queryRunner.query('DROP TABLE "document_topics"');
    await queryRunner.query('DROP INDEX "IDX_document_tokens_version"');
    await queryRunner.query('DROP TABLE "document_tokens"');
    await queryRunner.query('DROP INDEX "IDX_documents_corpus_year"');
    await queryRunner.query('DROP INDEX "IDX_documents_ingestion_run"');
    await queryRunner.query('DROP TABLE "documents"');
    await queryRunner.query('DROP TABLE "ingestion_runs"');
    await queryRunner.query('DROP TABLE "dictionaries"');
    await queryRunner.query('DROP TABLE "preprocessing_versions"');
    await queryRunner.query('DROP TABLE "api_keys"');
  }
}
