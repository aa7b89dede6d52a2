import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDialects } from '@topicops/corpus/testing';
import { PipelineRunEntity, PipelineTaskEntity } from '@topicops/corpus';
import { CHAMPION_ALIAS, ModelBundle, loadChampionBundle, runEvaluate, runExport, runIngest, runPipeline, runPreprocess, runTrain } from '../src';
import { PUBLICATIONS, STOPWORDS, TestStageContext, smallCorpus, testStageContext } from './stage-context';

const SMALL_LDA = { passes: 2, iterations: 30 };

describe.each(testDialects())('pipeline stages (%s)', (dialect) => {
  let ctx: TestStageContext;
  let source: string;

  beforeAll(async () => {
    ctx = await testStageContext('stages', dialect, { KPI_MIN_CV: '0' });
    source = smallCorpus(ctx.workDir, 3);
  });
  afterAll(() => ctx.dispose());

  it('ingests, pre-processes once per configuration and data, exports a gensim-readable corpus', async () => {
    const ingested = await runIngest(ctx, { source, corpus: 'demo', publications: PUBLICATIONS });
    expect(ingested.added).toBe(60);

    const first = await runPreprocess(ctx, { corpus: 'demo', stopwordsFile: STOPWORDS });
    expect(first).toMatchObject({ created: true, preprocessing_version: 1, documents: 60 });
    expect(first.vocabulary).toBeGreaterThan(100);
    const again = await runPreprocess(ctx, { corpus: 'demo', stopwordsFile: STOPWORDS });
    expect(again).toMatchObject({ created: false, preprocessing_version: 1, vocabulary: first.vocabulary });
    const other = await runPreprocess(ctx, { corpus: 'demo', stopwordsFile: STOPWORDS, config: { minLength: 4 } });
    expect(other).toMatchObject({ created: true, preprocessing_version: 2 });

    const out = join(ctx.workDir, 'export');
    const exported = await runExport(ctx, { corpus: 'demo', preprocessingVersion: 1, format: 'mm', out });
    expect(exported.documents).toBe(60);
    const mm = readFileSync(join(out, 'corpus.mm'), 'utf8').split('\n');
    expect(mm[0]).toBe('%%MatrixMarket matrix coordinate real general');
    expect(mm[1].trim().split(/\s+/).map(Number)).toEqual([60, first.vocabulary, exported.nnz]);
    const vocab = readFileSync(join(out, 'vocab.txt'), 'utf8').trim().split('\n');
    expect(vocab).toHaveLength(first.vocabulary);
    const texts = readFileSync(join(out, 'texts.jsonl'), 'utf8').trim().split('\n');
    expect(texts).toHaveLength(60);
    const [docId, termId, count] = mm[2].split(' ').map(Number);
    expect(docId).toBe(1);
    expect(JSON.parse(texts[0])).toContain(vocab[termId - 1]);
    expect(count).toBeGreaterThan(0);
  });

  it('trains, registers, evaluates and promotes a passing model', async () => {
    const trained = await runTrain(ctx, { corpus: 'demo', preprocessingVersion: 1, topics: 4, lda: SMALL_LDA });
    expect(trained).toMatchObject({ model_version: '1', num_topics: 4, reused: false });
    expect(trained.c_v).toBeGreaterThan(0);
    const evaluation = await runEvaluate(ctx, { modelVersion: trained.model_version });
    expect(evaluation).toMatchObject({ model_version: '1', kpi_ok: true, promoted: true, champion_before: null });
    expect(Number.isFinite(evaluation.log_perplexity)).toBe(true);
    expect(evaluation.c_v).toBeCloseTo(trained.c_v, 6);

    const bundle = await loadChampionBundle(ctx.tracking, ctx.config.modelName, join(ctx.workDir, 'cache'));
    expect(bundle).toBeInstanceOf(ModelBundle);
    const [prediction] = await (bundle as ModelBundle).predict(['la colonia italiana e il comitato della festa']);
    expect(prediction.model).toEqual({ name: ctx.config.modelName, version: '1' });
    const total = prediction.topics.reduce((sum, t) => sum + t.probability, 0);
    expect(total).toBeGreaterThan(0.9);
  });

  it('retries from ingestion while the KPI fails and never promotes', async () => {
    const strict = { ...ctx, config: { ...ctx.config, kpiMinCv: 0.99 } };
    const champion = await ctx.tracking.getAlias(ctx.config.modelName, CHAMPION_ALIAS);
    const summary = await runPipeline(strict, {
      corpus: 'demo',
      source,
      publications: PUBLICATIONS,
      stopwordsFile: STOPWORDS,
      maxAttempts: 2,
      trigger: 'cli',
      searchSpace: { topics: [3, 5], passes: [1], seeds: [7, 8] },
      lda: { iterations: 20 },
    });
    expect(summary).toMatchObject({ status: 'failed_kpi', attempts: 2, kpi_ok: false, promoted: false });
    expect(summary.attempts_detail.map((a) => a.candidate.topics)).toEqual([3, 5]);
    expect(await ctx.tracking.getAlias(ctx.config.modelName, CHAMPION_ALIAS)).toMatchObject({ version: champion?.version });

    const run = await ctx.ds.getRepository(PipelineRunEntity).findOneByOrFail({ id: summary.pipeline_run_id });
    expect(run).toMatchObject({ status: 'failed_kpi', attempt: 2, promoted: false });
    const tasks = await ctx.ds.getRepository(PipelineTaskEntity).findBy({ pipelineRunId: summary.pipeline_run_id });
    expect(tasks).toHaveLength(8);
    expect(tasks.every((task) => task.status === 'succeeded')).toBe(true);
  });
});
