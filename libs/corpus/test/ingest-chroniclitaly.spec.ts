import { appendFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DocumentEntity,
  IngestProgress,
  IngestionErrorEntity,
  IngestionRunEntity,
  ingest,
  ingestExitCode,
} from '../src/index';
import { createTestDatabase, TestDatabase, testDialects } from '../src/testing';
import { DEMO_PUBLICATIONS, copyDemoCorpus, scratchDir, sha256, treeStats } from './ingest-helpers';

const SAMPLE = 'La_Sentinella/sn84020351_1920-11-27_ed-1_seq-1_ocr.txt';

describe.each(testDialects())('ingesting ChroniclItaly folders (%s)', (dialect) => {
  let db: TestDatabase;
  let scratch: ReturnType<typeof scratchDir>;
  let corpusRoot: string;

  beforeAll(async () => {
    db = await createTestDatabase(`ingest_tree_${dialect}`, dialect);
    scratch = scratchDir(`ingest-tree-${dialect}`);
    corpusRoot = copyDemoCorpus(scratch.dir);
  });
  afterAll(async () => {
    await db?.drop();
    scratch?.remove();
  });

  const documents = () => db.ds.getRepository(DocumentEntity);

  it('loads the 200 demo pages with their dates and publications', async () => {
    const progress: IngestProgress[] = [];
    const summary = await ingest(db.ds, { source: corpusRoot, corpus: 'demo', publications: DEMO_PUBLICATIONS }, (p) =>
      progress.push(p),
    );

    const { files, bytes } = treeStats(corpusRoot);
    expect(files).toBe(200);
    expect(summary).toMatchObject({
      corpus: 'demo',
      format: 'chroniclitaly',
      added: 200,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      rejections: [],
      bytes,
    });
    expect(ingestExitCode(summary)).toBe(0);
    expect(progress.at(-1)).toMatchObject({ filesDone: 200, bytesDone: bytes });
    // The total comes from a scan running alongside; whenever it is reported it must be the tree's size.
    for (const report of progress) if (report.bytesTotal !== undefined) expect(report.bytesTotal).toBe(bytes);
    expect(await documents().countBy({ corpus: 'demo' })).toBe(200);

    const page = await documents().findOneByOrFail({ corpus: 'demo', sourceId: SAMPLE });
    const raw = readFileSync(join(corpusRoot, SAMPLE));
    expect(page).toMatchObject({
      publicationRef: 'sn84020351',
      publicationName: 'La Sentinella',
      date: '1920-11-27',
      year: 1920,
      text: raw.toString('utf8'),
      contentHash: sha256(raw),
      metadata: { edition: 1, page: 1 },
      ingestionRunId: summary.ingestion_run_id,
    });
    expect(page.wordCount).toBe(raw.toString('utf8').split(/\s+/).filter(Boolean).length);
    expect(page.charCount).toBe([...raw.toString('utf8')].length);

    const publications = await documents()
      .createQueryBuilder('d')
      .select('d.publicationName', 'name')
      .addSelect('COUNT(*)', 'pages')
      .where('d.corpus = :corpus', { corpus: 'demo' })
      .groupBy('d.publicationName')
      .getRawMany<{ name: string; pages: number | string }>();
    expect(publications).toHaveLength(10);
    expect(publications.map((row) => Number(row.pages))).toEqual(Array(10).fill(20));
    expect(publications.map((row) => row.name)).toContain("L'Indipendente");

    const run = await db.ds.getRepository(IngestionRunEntity).findOneByOrFail({ id: summary.ingestion_run_id });
    expect(run).toMatchObject({ status: 'succeeded', added: 200, bytes, format: 'chroniclitaly' });
    expect(run.finishedAt).toBeInstanceOf(Date);
  });

  it('adds nothing when the same folder is ingested again', async () => {
    const before = await documents().find({
      where: { corpus: 'demo' },
      select: { id: true, sourceId: true },
      order: { id: 'ASC' },
    });
    const summary = await ingest(db.ds, { source: corpusRoot, corpus: 'demo', publications: DEMO_PUBLICATIONS });
    expect(summary).toMatchObject({ added: 0, updated: 0, unchanged: 200, rejected: 0 });
    const after = await documents().find({
      where: { corpus: 'demo' },
      select: { id: true, sourceId: true },
      order: { id: 'ASC' },
    });
    expect(after).toEqual(before);
  });

  it('updates a page whose file changed, and only that page', async () => {
    const original = await documents().findOneByOrFail({ corpus: 'demo', sourceId: SAMPLE });
    appendFileSync(join(corpusRoot, SAMPLE), '\nCorrezione: una riga aggiunta.');
    const summary = await ingest(db.ds, { source: corpusRoot, corpus: 'demo', publications: DEMO_PUBLICATIONS });
    expect(summary).toMatchObject({ added: 0, updated: 1, unchanged: 199, rejected: 0 });
    const changed = await documents().findOneByOrFail({ corpus: 'demo', sourceId: SAMPLE });
    expect(changed.id).toBe(original.id);
    expect(changed.text.endsWith('Correzione: una riga aggiunta.')).toBe(true);
    expect(changed.contentHash).toBe(sha256(readFileSync(join(corpusRoot, SAMPLE))));
    expect(changed.ingestionRunId).toBe(summary.ingestion_run_id);
    expect(changed.createdAt.getTime()).toBe(original.createdAt.getTime());
  });

  it('records every unloadable file with its reason and loads the rest', async () => {
    const root = join(scratch.dir, 'mixed');
    const paper = join(root, 'Il_Bollettino');
    mkdirSync(paper, { recursive: true });
    writeFileSync(join(paper, 'sn12345678_1910-05-01_ed-1_seq-1_ocr.txt'), 'Una pagina in UTF-8: città, perché, più.');
    writeFileSync(
      join(paper, 'sn12345678_1910-05-02_ed-1_seq-1_ocr.txt'),
      Buffer.from('Pagina Latin-1: citt\u00e0, perch\u00e9, pi\u00f9.', 'latin1'),
    );
    writeFileSync(join(paper, 'sn12345678_1910-05-03_ed-1_seq-1_ocr.txt'), '');
    writeFileSync(join(paper, 'sn12345678_1905-02-30_ed-1_seq-1_ocr.txt'), 'a date that never was');
    writeFileSync(join(paper, 'front-page.txt'), 'no date in the name');
    writeFileSync(
      join(paper, 'sn12345678_1910-05-04_ed-1_seq-1_ocr.txt'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0xff, 0x00]),
    );
    writeFileSync(join(paper, 'scan.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    symlinkSync(join(paper, 'missing.txt'), join(paper, 'sn12345678_1910-05-05_ed-1_seq-1_ocr.txt'));

    const summary = await ingest(db.ds, { source: root, corpus: 'mixed' });
    expect(summary).toMatchObject({ added: 2, updated: 0, unchanged: 0, rejected: 6 });
    expect(ingestExitCode(summary)).toBe(0);
    const reasons = Object.fromEntries(summary.rejections.map((r) => [r.source.split('/').pop(), r.reason]));
    expect(reasons).toEqual({
      'sn12345678_1910-05-03_ed-1_seq-1_ocr.txt': 'empty',
      'sn12345678_1905-02-30_ed-1_seq-1_ocr.txt': 'no_date',
      'front-page.txt': 'no_date',
      'sn12345678_1910-05-04_ed-1_seq-1_ocr.txt': 'binary',
      'scan.png': 'unsupported_file',
      'sn12345678_1910-05-05_ed-1_seq-1_ocr.txt': 'unreadable',
    });
    for (const rejection of summary.rejections) expect(rejection.message.length).toBeGreaterThan(5);

    const stored = await db.ds.getRepository(IngestionErrorEntity).findBy({ ingestionRunId: summary.ingestion_run_id });
    expect(stored.map((row) => row.reasonCode).sort()).toEqual([
      'binary',
      'empty',
      'no_date',
      'no_date',
      'unreadable',
      'unsupported_file',
    ]);

    const latin1 = await documents().findOneByOrFail({
      corpus: 'mixed',
      sourceId: 'Il_Bollettino/sn12345678_1910-05-02_ed-1_seq-1_ocr.txt',
    });
    expect(latin1.text).toBe('Pagina Latin-1: città, perché, più.');
    expect(latin1.metadata).toMatchObject({ encoding: 'windows-1252' });
    expect(latin1.publicationName).toBe('Il Bollettino');
  });

  it('loads nothing from a folder of unusable files, which the CLI reports with exit code 2', async () => {
    const root = join(scratch.dir, 'unusable');
    mkdirSync(root);
    writeFileSync(join(root, 'notes.md'), '# not a page');
    writeFileSync(join(root, 'sn12345678_1910-13-01_ed-1_seq-1_ocr.txt'), 'month 13');
    const summary = await ingest(db.ds, { source: root, corpus: 'unusable' });
    expect(summary).toMatchObject({ added: 0, rejected: 2 });
    expect(ingestExitCode(summary)).toBe(2);
  });

  it('refuses a source that does not exist with a usage error', async () => {
    await expect(ingest(db.ds, { source: join(scratch.dir, 'nowhere') })).rejects.toMatchObject({ name: 'UsageError' });
  });
});
