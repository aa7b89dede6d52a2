import {
  ApiKeyEntity,
  KpiRecordEntity,
  PipelineRunEntity,
  PipelineTaskEntity,
  PreprocessingVersionEntity,
  pendingMigrations,
  runMigrations,
  schemaDrift,
} from '../src/index';
import { createTestDatabase, TestDatabase, testDialects } from '../src/testing';

const TABLES = [
  'api_keys',
  'dictionaries',
  'document_tokens',
  'document_topics',
  'documents',
  'ingestion_errors',
  'ingestion_runs',
  'kpi_records',
  'pipeline_runs',
  'pipeline_tasks',
  'preprocessing_versions',
];

describe.each(testDialects())('schema and migrations (%s)', (dialect) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(`migrations_${dialect}`, dialect);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('applies every committed migration and leaves no drift from the entities', async () => {
    expect(db.ds.migrations.length).toBeGreaterThan(0);
    expect(await pendingMigrations(db.ds)).toEqual([]);
    expect(await runMigrations(db.ds)).toEqual([]);
    expect(await schemaDrift(db.ds)).toEqual([]);
    const runner = db.ds.createQueryRunner();
    try {
      const tables = (await runner.getTables()).map((table) => table.name.split('.').pop());
      expect(tables).toEqual(expect.arrayContaining(TABLES));
    } finally {
      await runner.release();
    }
  });

  it('reports drift as the SQL that would repair it', async () => {
    await db.ds.query(
      dialect === 'mysql'
        ? 'DROP INDEX `IDX_kpi_records_model` ON `kpi_records`'
        : 'DROP INDEX "IDX_kpi_records_model"',
    );
    const drift = await schemaDrift(db.ds);
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatch(/CREATE INDEX .IDX_kpi_records_model./);
    await db.ds.query(drift[0]);
    expect(await schemaDrift(db.ds)).toEqual([]);
  });

  it('keeps existing rows when the latest migration is undone and applied again', async () => {
    const latest = db.ds.migrations.at(-1)?.name;
    await db.ds.undoLastMigration();
    expect(await pendingMigrations(db.ds)).toEqual([latest]);
    await db.ds.query(
      'INSERT INTO preprocessing_versions (corpus, version, config_hash, config, document_count, token_count, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ['before-upgrade', 1, 'a'.repeat(64), '{"schema":1}', 3, 42, 'ready', '2024-01-01 00:00:00'],
    );
    expect(await runMigrations(db.ds)).toEqual([latest]);
    const kept = await db.ds.getRepository(PreprocessingVersionEntity).findOneByOrFail({ corpus: 'before-upgrade' });
    expect(kept).toMatchObject({
      version: 1,
      config: { schema: 1 },
      documentCount: 3,
      tokenCount: 42,
      status: 'ready',
    });
    expect(await schemaDrift(db.ds)).toEqual([]);
  });

  it('stores doubles, booleans, big integers, JSON and times without loss', async () => {
    const coherence = 0.4123456789012345;
    const saved = await db.ds.getRepository(KpiRecordEntity).save({
      modelName: 'topicops-lda',
      modelVersion: '3',
      runId: 'a'.repeat(32),
      corpus: 'demo',
      cV: coherence,
      uMass: -1.2345678901234567,
      cNpmi: null,
      logPerplexity: -7.25,
      threshold: 0.38,
      kpiOk: true,
      promoted: false,
    });
    const kpi = await db.ds.getRepository(KpiRecordEntity).findOneByOrFail({ id: saved.id });
    expect(kpi.cV).toBe(coherence);
    expect(kpi.uMass).toBe(-1.2345678901234567);
    expect(kpi.cNpmi).toBeNull();
    expect(kpi.kpiOk).toBe(true);
    expect(kpi.promoted).toBe(false);
    expect(kpi.createdAt).toBeInstanceOf(Date);

    const version = await db.ds.getRepository(PreprocessingVersionEntity).save({
      corpus: 'demo',
      version: 1,
      configHash: 'f'.repeat(64),
      config: { schema: 1, stopwordLanguages: ['it', 'en'], phrases: null },
      documentCount: 200,
      tokenCount: 2 ** 40 + 1,
      status: 'ready',
    });
    const stored = await db.ds.getRepository(PreprocessingVersionEntity).findOneByOrFail({ id: version.id });
    expect(stored.tokenCount).toBe(2 ** 40 + 1);
    expect(stored.config).toEqual({ schema: 1, stopwordLanguages: ['it', 'en'], phrases: null });

    const startedAt = new Date('2024-03-01T12:34:56.789Z');
    await db.ds.getRepository(PipelineRunEntity).save({
      id: '6f1c2b9e-0d5a-4c1e-9a37-1b2c3d4e5f60',
      corpus: 'demo',
      status: 'running',
      trigger: 'api',
      idempotencyKey: null,
      attempt: 1,
      maxAttempts: 3,
      currentStage: 'train',
      kpiOk: null,
      promoted: false,
      modelVersion: null,
      cV: null,
      params: { numTopics: 8, passes: 2 },
      mlflowRunIds: { parent: 'abc' },
      error: null,
      startedAt,
      finishedAt: null,
    });
    const run = await db.ds
      .getRepository(PipelineRunEntity)
      .findOneByOrFail({ id: '6f1c2b9e-0d5a-4c1e-9a37-1b2c3d4e5f60' });
    expect(run.startedAt?.toISOString()).toBe(startedAt.toISOString());
    expect(run.params).toEqual({ numTopics: 8, passes: 2 });
    expect(run.kpiOk).toBeNull();
  });

  it('cascades deletes along foreign keys and enforces unique keys', async () => {
    const runId = '0b7e7a8c-5f0e-4d2e-8f7a-9c8b7a6d5e4f';
    await db.ds.getRepository(PipelineRunEntity).save({
      id: runId,
      corpus: 'demo',
      status: 'queued',
      trigger: 'cli',
      idempotencyKey: 'nightly-2024-03-01',
      attempt: 1,
      maxAttempts: 1,
      currentStage: null,
      kpiOk: null,
      promoted: false,
      modelVersion: null,
      cV: null,
      params: {},
      mlflowRunIds: {},
      error: null,
      startedAt: null,
      finishedAt: null,
    });
    const tasks = db.ds.getRepository(PipelineTaskEntity);
    const task = {
      pipelineRunId: runId,
      attempt: 1,
      stage: 'ingest' as const,
      status: 'queued' as const,
      progress: 0,
      jobId: null,
      result: null,
      error: null,
      startedAt: null,
      finishedAt: null,
    };
    await tasks.save(task);
    await expect(tasks.insert(task)).rejects.toThrow();
    await db.ds.getRepository(PipelineRunEntity).delete({ id: runId });
    expect(await tasks.countBy({ pipelineRunId: runId })).toBe(0);

    const keys = db.ds.getRepository(ApiKeyEntity);
    await keys.save({ name: 'ops', keyHash: '1'.repeat(64), role: 'admin', revokedAt: null });
    await expect(
      keys.insert({ name: 'ops', keyHash: '2'.repeat(64), role: 'predict', revokedAt: null }),
    ).rejects.toThrow();
  });
});
