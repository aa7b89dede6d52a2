// Public API of @topicops/corpus: TypeORM entities, migrations, data sources and ingestion sources
