// Public API of @topicops/corpus: TypeORM entities, migrations, data sources and corpus ingestion.
export * from './entities';
export { createDataSource } from './database/create-data-source';
export type { DataSourceFactoryOptions } from './database/create-data-source';
export { TopicOpsDataSource } from './database/topicops-data-source';
export { pendingMigrations, runMigrations, schemaDrift } from './database/migrations';
export { ingest, ingestExitCode, MAX_LISTED_REJECTIONS } from './ingest/ingest';
export type { IngestFields, IngestOptions, IngestProgress, IngestRejection, IngestSummary } from './ingest/types';
