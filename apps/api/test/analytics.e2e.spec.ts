import request from 'supertest';
import { DocumentEntity, DocumentTopicsEntity, IngestionRunEntity, KpiRecordEntity } from '@topicops/corpus';
import { testDialects } from '@topicops/corpus/testing';
import type { DataSource } from 'typeorm';
import { MODEL_NAME, promoteNewVersion, topicText } from './support/model-fixture';
import { TestApp, startTestApp } from './support/test-app';

const HOSTILE_PUBLICATION = "L'Eco'; DROP TABLE documents; --";

async function seed(ds: DataSource): Promise<number[]> {
  const run = await ds.getRepository(IngestionRunEntity).save({
    corpus: 'fixture', source: 'test', format: 'csv', status: 'succeeded', added: 4, updated: 0, unchanged: 0, rejected: 0,
    bytes: 1000, seconds: 0.1, startedAt: new Date(), finishedAt: new Date(),
  });
  const documents = ds.getRepository(DocumentEntity);
  const doc = (sourceId: string, year: number, ref: string, name: string, text: string) =>
    documents.save({
      corpus: 'fixture', sourceId, sourcePath: sourceId, publicationRef: ref, publicationName: name, date: `${year}-03-01`, year,
      text, contentHash: sourceId.padEnd(64, '0'), charCount: text.length, wordCount: text.split(' ').length, metadata: null,
      ingestionRunId: run.id,
    });
  const d1 = await doc('a/1910', 1910, 'sn001', "L'Italia", topicText(0));
  const d2 = await doc('b/1910', 1910, 'sn002', HOSTILE_PUBLICATION, `${topicText(1)} "virgolette" \u0000 🚢 Пароход`);
  const d3 = await doc('a/1912', 1912, 'sn001', "L'Italia", topicText(2));
  const d4 = await doc('a/1913', 1913, 'sn001', "L'Italia", topicText(0, 12));
  await ds.getRepository(DocumentTopicsEntity).insert([
    { modelName: MODEL_NAME, modelVersion: '1', documentId: d1.id, theta: [0.8, 0.1, 0.1], dominantTopic: 0, weight: 100 },
    { modelName: MODEL_NAME, modelVersion: '1', documentId: d2.id, theta: [0.1, 0.8, 0.1], dominantTopic: 1, weight: 300 },
    { modelName: MODEL_NAME, modelVersion: '1', documentId: d3.id, theta: [0.1, 0.1, 0.8], dominantTopic: 2, weight: 200 },
    { modelName: MODEL_NAME, modelVersion: '99', documentId: d4.id, theta: [0, 0, 1], dominantTopic: 2, weight: 999 },
  ]);
  const kpi = ds.getRepository(KpiRecordEntity);
  for (const [modelVersion, cV, kpiOk] of [['1', 0.31, false], ['1', 0.45, true], ['2', 0.4, true]] as const) {
    await kpi.insert({
      modelName: MODEL_NAME, modelVersion, runId: `run-${modelVersion}`, corpus: 'fixture', cV, uMass: -2, cNpmi: 0.05,
      logPerplexity: -7.5, threshold: 0.38, kpiOk, promoted: kpiOk,
    });
  }
  return [d1.id, d2.id, d3.id, d4.id];
}

describe.each(testDialects())('topics, prevalence, documents, KPI and models (%s)', (dialect) => {
  let t: TestApp;
  let ids: number[];
  const get = (path: string) => request(t.app.getHttpServer()).get(path);

  beforeAll(async () => {
    t = await startTestApp(`analytics_${dialect}`, {
      dialect,
      prepare: async ({ db, tracking }) => {
        await promoteNewVersion(tracking);
        ids = await seed(db.ds);
      },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists topics with relevance-ranked words and token-weighted prevalence', async () => {
    const res = await get('/v1/topics?topn=4').expect(200);
    expect(res.body).toMatchObject({ model: { name: MODEL_NAME, version: '1' }, lambda: 1, documents: 3 });
    expect(res.body.topics).toHaveLength(3);
    const [first] = res.body.topics;
    expect(first.prevalenceSource).toBe('documents');
    expect(first.prevalence).toBeCloseTo((0.8 * 100 + 0.1 * 300 + 0.1 * 200) / 600, 10);
    expect(first.words).toHaveLength(4);
    for (const word of first.words) expect(word.relevance).toBeCloseTo(Math.log(word.probability), 10);

    const specific = await get('/v1/topics?topn=4&lambda=0.3').expect(200);
    const word = specific.body.topics[0].words[0];
    expect(word.relevance).not.toBeCloseTo(Math.log(word.probability), 3);
  });

  it('gives one topic with its most representative documents', async () => {
    const res = await get('/v1/topics/2?documents=2&topn=3').expect(200);
    expect(res.body.topic).toBe(2);
    expect(res.body.words).toHaveLength(3);
    expect(res.body.representativeDocuments.map((d: { id: number }) => d.id)).toEqual([ids[2], ids[0]]);
    expect(res.body.representativeDocuments[0]).toMatchObject({ probability: 0.8, year: 1912, publication: { ref: 'sn001' } });
    expect(res.body.representativeDocuments[0].excerpt).toMatch(/^lavoro sciopero/);
    await get('/v1/topics/3').expect(404);
    await get('/v1/topics/-1').expect(404);
    await get('/v1/topics/1.5').expect(400);
    await get('/v1/topics/1?documents=51').expect(400);
  });

  it('gives prevalence per year with rolling means, per publication and per publication-year', async () => {
    const byYear = await get('/v1/topics/prevalence?by=year&rolling=3').expect(200);
    expect(byYear.body.series.map((p: { year: number }) => p.year)).toEqual([1910, 1912]);
    expect(byYear.body.series[0].shares[0]).toBeCloseTo((80 + 30) / 400, 10);
    expect(byYear.body.series[1].rollingShares[2]).toBeCloseTo((10 + 30 + 160) / 600, 10);

    const byPublication = await get('/v1/topics/prevalence?by=publication').expect(200);
    expect(byPublication.body.series.map((p: { publication: { name: string } }) => p.publication.name)).toEqual(
      expect.arrayContaining([HOSTILE_PUBLICATION, "L'Italia"]),
    );
    const both = await get('/v1/topics/prevalence?by=year,publication&rolling=2').expect(200);
    expect(both.body.series).toHaveLength(3);

    expect((await get('/v1/topics/prevalence?by=decade').expect(400)).body.message).toMatch(/by must be one of/);
    expect((await get('/v1/topics/prevalence?by=publication&rolling=2').expect(400)).body.message).toMatch(/rolling applies/);
  });

  it('gives a document’s stored topics, or infers them when none are stored for this version', async () => {
    const stored = await get(`/v1/documents/${ids[1]}/topics?topWords=2`).expect(200);
    expect(stored.body).toMatchObject({ source: 'stored', dominantTopic: 1, tokens: 300 });
    expect(stored.body.document.publication.name).toBe(HOSTILE_PUBLICATION);
    expect(stored.body.topics[0]).toMatchObject({ topic: 1, probability: 0.8 });
    expect(stored.body.topics[0].words).toHaveLength(2);

    const inferred = await get(`/v1/documents/${ids[3]}/topics`).expect(200);
    expect(inferred.body).toMatchObject({ source: 'inferred', dominantTopic: 0, tokens: 12 });

    await get('/v1/documents/999999/topics').expect(404);
    await get('/v1/documents/abc/topics').expect(400);
  });

  it('gives the KPI history newest first, optionally for one version', async () => {
    const all = await get('/v1/kpi').expect(200);
    expect(all.body.records.map((r: { c_v: number }) => r.c_v)).toEqual([0.4, 0.45, 0.31]);
    const one = await get('/v1/kpi?version=1&limit=1').expect(200);
    expect(one.body.records).toEqual([expect.objectContaining({ modelVersion: '1', c_v: 0.45, kpiOk: true, promoted: true })]);
    await get(`/v1/kpi?version=${encodeURIComponent("1' OR '1'='1")}`).expect(400);
    const documents = await t.db.ds.getRepository(DocumentEntity).count();
    expect(documents).toBe(4);
  });

  it('describes the served model and the registered versions', async () => {
    const current = await get('/v1/models/current').expect(200);
    expect(current.body).toMatchObject({ name: MODEL_NAME, version: '1', numTopics: 3, numTerms: 30, kpi: { c_v: 0.5 } });
    const list = await get('/v1/models').expect(200);
    expect(list.body).toMatchObject({ name: MODEL_NAME, champion: '1', serving: '1' });
    expect(list.body.versions).toEqual([expect.objectContaining({ version: '1', aliases: ['champion'] })]);
  });
});
