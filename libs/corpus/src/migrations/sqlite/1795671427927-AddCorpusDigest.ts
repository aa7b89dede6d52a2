import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCorpusDigest1795671427927 implements MigrationInterface {
  name = 'AddCorpusDigest1795671427927';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "temporary_preprocessing_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "corpus" varchar(128) NOT NULL, "version" integer NOT NULL, "config_hash" char(64) NOT NULL, "config" longtext NOT NULL, "document_count" integer NOT NULL, "token_count" bigint NOT NULL, "status" varchar(16) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "UQ_preprocessing_versions_corpus_version" UNIQUE ("corpus", "version"))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_preprocessing_versions"("id", "corpus", "version", "config_hash", "config", "document_count", "token_count", "status", "created_at") SELECT "id", "corpus", "version", "config_hash", "config", "document_count", "token_count", "status", "created_at" FROM "preprocessing_versions"',
    );
    await queryRunner.query('DROP TABLE "preprocessing_versions"');
    await queryRunner.query('ALTER TABLE "temporary_preprocessing_versions" RENAME TO "preprocessing_versions"');
    await queryRunner.query(
      'CREATE TABLE "temporary_preprocessing_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "corpus" varchar(128) NOT NULL, "version" integer NOT NULL, "config_hash" char(64) NOT NULL, "config" longtext NOT NULL, "document_count" integer NOT NULL, "token_count" bigint NOT NULL, "status" varchar(16) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "corpus_digest" char(64) NOT NULL DEFAULT (\'\'), CONSTRAINT "UQ_preprocessing_versions_corpus_version" UNIQUE ("corpus", "version"))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_preprocessing_versions"("id", "corpus", "version", "config_hash", "config", "document_count", "token_count", "status", "created_at") SELECT "id", "corpus", "version", "config_hash", "config", "document_count", "token_count", "status", "created_at" FROM "preprocessing_versions"',
    );
    await queryRunner.query('DROP TABLE "preprocessing_versions"');
    await queryRunner.query('ALTER TABLE "temporary_preprocessing_versions" RENAME TO "preprocessing_versions"');
    await queryRunner.query(
      'CREATE TABLE "temporary_preprocessing_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "corpus" varchar(128) NOT NULL, "version" integer NOT NULL, "config_hash" char(64) NOT NULL, "config" longtext NOT NULL, "document_count" integer NOT NULL, "token_count" bigint NOT NULL, "status" varchar(16) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "corpus_digest" char(64) NOT NULL DEFAULT (\'\'), CONSTRAINT "UQ_preprocessing_versions_corpus_version" UNIQUE ("corpus", "version"), CONSTRAINT "UQ_preprocessing_versions_corpus_config_data" UNIQUE ("corpus", "config_hash", "corpus_digest"))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_preprocessing_versions"("id", "corpus", "version", "config_hash", "config", "document_count", "token_count", "status", "created_at", "corpus_digest") SELECT "id", "corpus", "version", "config_hash", "config", "document_count", "token_count", "status", "created_at", "corpus_digest" FROM "preprocessing_versions"',
    );
    await queryRunner.query('DROP TABLE "preprocessing_versions"');
    await queryRunner.query('ALTER TABLE "temporary_preprocessing_versions" RENAME TO "preprocessing_versions"');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "preprocessing_versions" RENAME TO "temporary_preprocessing_versions"');
    await queryRunner.query(
      'CREATE TABLE "preprocessing_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "corpus" varchar(128) NOT NULL, "version" integer NOT NULL, "config_hash" char(64) NOT NULL, "config" longtext NOT NULL, "document_count" integer NOT NULL, "token_count" bigint NOT NULL, "status" varchar(16) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "corpus_digest" char(64) NOT NULL DEFAULT (\'\'), CONSTRAINT "UQ_preprocessing_versions_corpus_version" UNIQUE ("corpus", "version"))',
    );
    await queryRunner.query(
      'INSERT INTO "preprocessing_versions"("id", "corpus", "version", "config_hash", "config", "document_count", "token_count", "status", "created_at", "corpus_digest") SELECT "id", "corpus", "version", "config_hash", "config", "document_count", "token_count", "status", "created_at", "corpus_digest" FROM "temporary_preprocessing_versions"',
    );
    await queryRunner.query('DROP TABLE "temporary_preprocessing_versions"');
    await queryRunner.query('ALTER TABLE "preprocessing_versions" RENAME TO "temporary_preprocessing_versions"');
    await queryRunner.query(
      'CREATE TABLE "preprocessing_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "corpus" varchar(128) NOT NULL, "version" integer NOT NULL, "config_hash" char(64) NOT NULL, "config" longtext NOT NULL, "document_count" integer NOT NULL, "token_count" bigint NOT NULL, "status" varchar(16) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "UQ_preprocessing_versions_corpus_version" UNIQUE ("corpus", "version"))',
    );
    await queryRunner.query(
      'INSERT INTO "preprocessing_versions"("id", "corpus", "version", "config_hash", "config", "document_count", "token_count", "status", "created_at") SELECT "id", "corpus", "version", "config_hash", "config", "document_count", "token_count", "status", "created_at" FROM "temporary_preprocessing_versions"',
    );
    await queryRunner.query('DROP TABLE "temporary_preprocessing_versions"');
    await queryRunner.query('ALTER TABLE "preprocessing_versions" RENAME TO "temporary_preprocessing_versions"');
    await queryRunner.query(
      'CREATE TABLE "preprocessing_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "corpus" varchar(128) NOT NULL, "version" integer NOT NULL, "config_hash" char(64) NOT NULL, "config" longtext NOT NULL, "document_count" integer NOT NULL, "token_count" bigint NOT NULL, "status" varchar(16) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "UQ_preprocessing_versions_corpus_version" UNIQUE ("corpus", "version"), CONSTRAINT "UQ_preprocessing_versions_corpus_hash" UNIQUE ("corpus", "config_hash"))',
    );
    await queryRunner.query(
      'INSERT INTO "preprocessing_versions"("id", "corpus", "version", "config_hash", "config", "document_count", "token_count", "status", "created_at") SELECT "id", "corpus", "version", "config_hash", "config", "document_count", "token_count", "status", "created_at" FROM "temporary_preprocessing_versions"',
    );
    await queryRunner.query('DROP TABLE "temporary_preprocessing_versions"');
  }
}
