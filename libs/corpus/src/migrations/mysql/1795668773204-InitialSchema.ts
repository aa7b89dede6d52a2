import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795668773204 implements MigrationInterface {
  name = 'InitialSchema1795668773204';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `api_keys` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(128) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `key_hash` char(64) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `role` varchar(16) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `revoked_at` datetime(6) NULL, UNIQUE INDEX `IDX_5457f77c4528c36c3d810bf6b7` (`name`), UNIQUE INDEX `IDX_57384430aa1959f4578046c9b8` (`key_hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `preprocessing_versions` (`id` int NOT NULL AUTO_INCREMENT, `corpus` varchar(128) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `version` int NOT NULL, `config_hash` char(64) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `config` longtext CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `document_count` int NOT NULL, `token_count` bigint NOT NULL, `status` varchar(16) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `UQ_preprocessing_versions_corpus_hash` (`corpus`, `config_hash`), UNIQUE INDEX `UQ_preprocessing_versions_corpus_version` (`corpus`, `version`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `dictionaries` (`preprocessing_version_id` int NOT NULL, `payload` longtext CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `num_terms` int NOT NULL, `num_docs` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (`preprocessing_version_id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `ingestion_runs` (`id` int NOT NULL AUTO_INCREMENT, `corpus` varchar(128) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `source` text CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `format` varchar(16) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `status` varchar(16) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `added` int NOT NULL, `updated` int NOT NULL, `unchanged` int NOT NULL, `rejected` int NOT NULL, `bytes` bigint NOT NULL, `seconds` double NOT NULL, `started_at` datetime(6) NOT NULL, `finished_at` datetime(6) NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `documents` (`id` int NOT NULL AUTO_INCREMENT, `corpus` varchar(128) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `source_id` varchar(512) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `source_path` text CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `publication_ref` varchar(64) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NULL, `publication_name` varchar(255) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NULL, `date` varchar(10) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NULL, `year` int NULL, `text` longtext CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `content_hash` char(64) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `char_count` int NOT NULL, `word_count` int NOT NULL, `metadata` longtext CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NULL, `ingestion_run_id` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `IDX_documents_ingestion_run` (`ingestion_run_id`), INDEX `IDX_documents_corpus_year` (`corpus`, `year`), UNIQUE INDEX `UQ_documents_corpus_source` (`corpus`, `source_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `document_tokens` (`document_id` int NOT NULL, `preprocessing_version_id` int NOT NULL, `tokens` longtext CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `token_count` int NOT NULL, INDEX `IDX_document_tokens_version` (`preprocessing_version_id`), PRIMARY KEY (`document_id`, `preprocessing_version_id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `document_topics` (`model_name` varchar(128) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `model_version` varchar(64) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `document_id` int NOT NULL, `theta` longtext CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `dominant_topic` int NOT NULL, `weight` int NOT NULL, INDEX `IDX_document_topics_document` (`document_id`), INDEX `IDX_document_topics_model` (`model_name`, `model_version`), PRIMARY KEY (`model_name`, `model_version`, `document_id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `ingestion_errors` (`id` int NOT NULL AUTO_INCREMENT, `ingestion_run_id` int NOT NULL, `corpus` varchar(128) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `source_id` text CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `reason_code` varchar(32) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `message` text CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `IDX_ingestion_errors_run` (`ingestion_run_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `kpi_records` (`id` int NOT NULL AUTO_INCREMENT, `model_name` varchar(128) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `model_version` varchar(64) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NULL, `run_id` varchar(64) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NULL, `corpus` varchar(128) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `c_v` double NOT NULL, `u_mass` double NULL, `c_npmi` double NULL, `log_perplexity` double NULL, `threshold` double NOT NULL, `kpi_ok` tinyint NOT NULL, `promoted` tinyint NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `IDX_kpi_records_model` (`model_name`, `model_version`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `pipeline_runs` (`id` varchar(36) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `corpus` varchar(128) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `status` varchar(16) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `trigger` varchar(16) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `idempotency_key` varchar(191) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NULL, `attempt` int NOT NULL, `max_attempts` int NOT NULL, `current_stage` varchar(16) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NULL, `kpi_ok` tinyint NULL, `promoted` tinyint NOT NULL, `model_version` varchar(64) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NULL, `c_v` double NULL, `params` longtext CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `mlflow_run_ids` longtext CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `error` text CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `started_at` datetime(6) NULL, `finished_at` datetime(6) NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `IDX_pipeline_runs_corpus_created` (`corpus`, `created_at`), INDEX `IDX_pipeline_runs_status_created` (`status`, `created_at`), UNIQUE INDEX `IDX_115546f9f47f9a2f084c491cfc` (`idempotency_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `pipeline_tasks` (`id` int NOT NULL AUTO_INCREMENT, `pipeline_run_id` varchar(36) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL, `attempt` int NOT NULL, `stage` varchar(16) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `status` varchar(16) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NOT NULL, `progress` double NOT NULL, `job_id` varchar(128) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NULL, `result` longtext CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NULL, `error` text CHARACTER SET "utf8mb4" COLLATE "utf8mb4_unicode_ci" NULL, `started_at` datetime(6) NULL, `finished_at` datetime(6) NULL, UNIQUE INDEX `UQ_pipeline_tasks_run_attempt_stage` (`pipeline_run_id`, `attempt`, `stage`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'ALTER TABLE `dictionaries` ADD CONSTRAINT `FK_dictionaries_version` FOREIGN KEY (`preprocessing_version_id`) REFERENCES `preprocessing_versions`(`id`) ON DELETE CASCADE ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `documents` ADD CONSTRAINT `FK_documents_ingestion_run` FOREIGN KEY (`ingestion_run_id`) REFERENCES `ingestion_runs`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `document_tokens` ADD CONSTRAINT `FK_document_tokens_document` FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON DELETE CASCADE ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `document_tokens` ADD CONSTRAINT `FK_document_tokens_version` FOREIGN KEY (`preprocessing_version_id`) REFERENCES `preprocessing_versions`(`id`) ON DELETE CASCADE ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `document_topics` ADD CONSTRAINT `FK_document_topics_document` FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON DELETE CASCADE ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `ingestion_errors` ADD CONSTRAINT `FK_ingestion_errors_run` FOREIGN KEY (`ingestion_run_id`) REFERENCES `ingestion_runs`(`id`) ON DELETE CASCADE ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `pipeline_tasks` ADD CONSTRAINT `FK_pipeline_tasks_run` FOREIGN KEY (`pipeline_run_id`) REFERENCES `pipeline_runs`(`id`) ON DELETE CASCADE ON UPDATE RESTRICT',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `pipeline_tasks` DROP FOREIGN KEY `FK_pipeline_tasks_run`');
    await queryRunner.query('ALTER TABLE `ingestion_errors` DROP FOREIGN KEY `FK_ingestion_errors_run`');
    await queryRunner.query('ALTER TABLE `document_topics` DROP FOREIGN KEY `FK_document_topics_document`');
    await queryRunner.query('ALTER TABLE `document_tokens` DROP FOREIGN KEY `FK_document_tokens_version`');
    await queryRunner.query('ALTER TABLE `document_tokens` DROP FOREIGN KEY `FK_document_tokens_document`');
    await queryRunner.query('ALTER TABLE `documents` DROP FOREIGN KEY `FK_documents_ingestion_run`');
    await queryRunner.query('ALTER TABLE `dictionaries` DROP FOREIGN KEY `FK_dictionaries_version`');
    await queryRunner.query('DROP INDEX `UQ_pipeline_tasks_run_attempt_stage` ON `pipeline_tasks`');
    await queryRunner.query('DROP TABLE `pipeline_tasks`');
    await queryRunner.query('DROP INDEX `IDX_115546f9f47f9a2f084c491cfc` ON `pipeline_runs`');
    await queryRunner.query('DROP INDEX `IDX_pipeline_runs_status_created` ON `pipeline_runs`');
    await queryRunner.query('DROP INDEX `IDX_pipeline_runs_corpus_created` ON `pipeline_runs`');
    await queryRunner.query('DROP TABLE `pipeline_runs`');
    await queryRunner.query('DROP INDEX `IDX_kpi_records_model` ON `kpi_records`');
    await queryRunner.query('DROP TABLE `kpi_records`');
    await queryRunner.query('DROP INDEX `IDX_ingestion_errors_run` ON `ingestion_errors`');
    await queryRunner.query('DROP TABLE `ingestion_errors`');
    await queryRunner.query('DROP INDEX `IDX_document_topics_model` ON `document_topics`');
    await queryRunner.query('DROP INDEX `IDX_document_topics_document` ON `document_topics`');
    await queryRunner.query('DROP TABLE `document_topics`');
    await queryRunner.query('DROP INDEX `IDX_document_tokens_version` ON `document_tokens`');
    await queryRunner.query('DROP TABLE `document_tokens`');
    await queryRunner.query('DROP INDEX `UQ_documents_corpus_source` ON `documents`');
    await queryRunner.query('DROP INDEX `IDX_documents_corpus_year` ON `documents`');
    await queryRunner.query('DROP INDEX `IDX_documents_ingestion_run` ON `documents`');
    await queryRunner.query('DROP TABLE `documents`');
    await queryRunner.query('DROP TABLE `ingestion_runs`');
    await queryRunner.query('DROP TABLE `dictionaries`');
    await queryRunner.query('DROP INDEX `UQ_preprocessing_versions_corpus_version` ON `preprocessing_versions`');
    await queryRunner.query('DROP INDEX `UQ_preprocessing_versions_corpus_hash` ON `preprocessing_versions`');
    await queryRunner.query('DROP TABLE `preprocessing_versions`');
    await queryRunner.query('DROP INDEX `IDX_57384430aa1959f4578046c9b8` ON `api_keys`');
    await queryRunner.query('DROP INDEX `IDX_5457f77c4528c36c3d810bf6b7` ON `api_keys`');
    await queryRunner.query('DROP TABLE `api_keys`');
  }
}
