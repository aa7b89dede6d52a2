import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCorpusDigest1795671429742 implements MigrationInterface {
  name = 'AddCorpusDigest1795671429742';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `UQ_preprocessing_versions_corpus_hash` ON `preprocessing_versions`');
    await queryRunner.query(
      'ALTER TABLE `preprocessing_versions` ADD `corpus_digest` char(64) CHARACTER SET "utf8mb4" COLLATE "utf8mb4_bin" NOT NULL DEFAULT \'\'',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX `UQ_preprocessing_versions_corpus_config_data` ON `preprocessing_versions` (`corpus`, `config_hash`, `corpus_digest`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `UQ_preprocessing_versions_corpus_config_data` ON `preprocessing_versions`');
    await queryRunner.query('ALTER TABLE `preprocessing_versions` DROP COLUMN `corpus_digest`');
    await queryRunner.query(
      'CREATE UNIQUE INDEX `UQ_preprocessing_versions_corpus_hash` ON `preprocessing_versions` (`corpus`, `config_hash`)',
    );
  }
}
