import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentEntity, IngestionErrorEntity, ingest } from '../src/index';
import { createTestDatabase, TestDatabase, testDialects } from '../src/testing';
import { scratchDir } from './ingest-helpers';

const HOSTILE = [
  { id: "Robert'); DROP TABLE documents;--", text: "'; DROP TABLE documents; --" },
  {
    id: 'quotes "double" \'single\' `back`',
    text: 'He said "ciao" and \'arrivederci\'; C:\\path\\to\\file \\n stays literal',
  },
  { id: 'emoji-👩‍👩‍👧', text: 'Famiglia 👩‍👩‍👧, bandiera 🇮🇹, matematica 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, combining e\u0301, right-to-left שלום' },
  { id: 'percent-and-underscore', text: '100% _wild_ %s %d ${injection} {{template}} <script>alert(1)</script>' },
];

describe.each(testDialects())('ingesting records: CSV, JSONL and SOTU (%s)', (dialect) => {
  let db: TestDatabase;
  let scratch: ReturnType<typeof scratchDir>;

  beforeAll(async () => {
    db = await createTestDatabase(`ingest_records_${dialect}`, dialect);
    scratch = scratchDir(`ingest-records-${dialect}`);
  });
  afterAll(async () => {
    await db?.drop();
    scratch?.remove();
  });

  const documents = () => db.ds.getRepository(DocumentEntity);

  it('reads a CSV with custom field names, keeping multi-line texts and rejecting bad rows', async () => {
    const file = join(scratch.dir, 'letters.csv');
    writeFileSync(
      file,
      [
        'doc_key,body,published,paper,author,notes',
        'L1,"Caro amico,\nti scrivo da Chicago.",1912-03-04,La Tribuna,Rossi,first',
        'L2,Seconda lettera,1912-04,La Tribuna,Bianchi,',
        'L3,Terza lettera,1912-02-30,La Tribuna,Verdi,impossible date',
        'L4,,1913-01-01,La Tribuna,Neri,no body',
        'L5,"broken,1913-01-02',
      ].join('\n'),
    );
    const summary = await ingest(db.ds, {
      source: file,
      corpus: 'letters',
      fields: { id: 'doc_key', text: 'body', date: 'published', publication: 'paper', metadata: ['author'] },
    });
    expect(summary).toMatchObject({ format: 'csv', added: 2, rejected: 3 });
    expect(summary.rejections.map((r) => r.reason).sort()).toEqual(['empty', 'malformed_record', 'no_date']);

    const first = await documents().findOneByOrFail({ corpus: 'letters', sourceId: 'L1' });
    expect(first).toMatchObject({
      text: 'Caro amico,\nti scrivo da Chicago.',
      date: '1912-03-04',
      year: 1912,
      publicationName: 'La Tribuna',
      metadata: { author: 'Rossi' },
    });
    const second = await documents().findOneByOrFail({ corpus: 'letters', sourceId: 'L2' });
    expect(second).toMatchObject({ date: null, year: 1912 });
  });

  it('reads JSON Lines, keeping unused fields as metadata and rejecting broken lines and repeated ids', async () => {
    const file = join(scratch.dir, 'speeches.jsonl');
    const lines = [
      JSON.stringify({
        id: 's1',
        text: 'Primo discorso',
        date: '1921-06-01T10:00:00Z',
        speaker: 'Sacco',
        tags: ['lavoro', 'sciopero'],
      }),
      '{"id": "s2", "text": "unterminated',
      '[1, 2, 3]',
      '',
      JSON.stringify({ id: 's3', date: 1922 }),
      JSON.stringify({ id: 's1', text: 'Primo discorso, ripetuto con altro testo' }),
      JSON.stringify({ text: 'Un discorso senza id', date: 1923 }),
    ];
    writeFileSync(file, lines.join('\r\n'));
    const summary = await ingest(db.ds, { source: file, corpus: 'speeches' });
    expect(summary).toMatchObject({ format: 'jsonl', added: 2, rejected: 4 });
    expect(summary.rejections.map((r) => r.reason).sort()).toEqual([
      'duplicate_id',
      'malformed_record',
      'malformed_record',
      'missing_text',
    ]);

    const first = await documents().findOneByOrFail({ corpus: 'speeches', sourceId: 's1' });
    expect(first).toMatchObject({
      text: 'Primo discorso',
      date: '1921-06-01',
      year: 1921,
      metadata: { speaker: 'Sacco', tags: ['lavoro', 'sciopero'] },
    });
    const anonymous = await documents().findOneByOrFail({ corpus: 'speeches', sourceId: 'speeches.jsonl#line 7' });
    expect(anonymous).toMatchObject({ year: 1923, date: null });

    const again = await ingest(db.ds, { source: file, corpus: 'speeches' });
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
  });

  it('stores hostile strings exactly as given and rejects text holding NUL characters', async () => {
    const file = join(scratch.dir, 'hostile.jsonl');
    const records = [...HOSTILE, { id: 'nul-byte', text: 'before\u0000after' }];
    writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
    const summary = await ingest(db.ds, { source: file, corpus: "hostile'; --" });
    expect(summary).toMatchObject({
      added: HOSTILE.length,
      rejected: 1,
      rejections: [{ source: 'nul-byte', reason: 'contains_nul' }],
    });

    for (const record of HOSTILE) {
      const stored = await documents().findOneByOrFail({ corpus: "hostile'; --", sourceId: record.id });
      expect(stored.text).toBe(record.text);
      expect(stored.charCount).toBe([...record.text].length);
    }
    expect(await documents().countBy({ corpus: 'letters' })).toBe(2);
    const error = await db.ds
      .getRepository(IngestionErrorEntity)
      .findOneByOrFail({ ingestionRunId: summary.ingestion_run_id });
    expect(error).toMatchObject({ corpus: "hostile'; --", sourceId: 'nul-byte', reasonCode: 'contains_nul' });
  });

  it('loads the State of the Union addresses by name', async () => {
    const summary = await ingest(db.ds, { source: 'sotu' });
    expect(summary.corpus).toBe('sotu');
    expect(summary.format).toBe('sotu');
    expect(summary.added).toBeGreaterThanOrEqual(230);
    expect(summary.rejected).toBe(0);
    const first = await documents().findOneByOrFail({ corpus: 'sotu', sourceId: '1790_george_washington' });
    expect(first).toMatchObject({
      year: 1790,
      date: null,
      publicationName: 'George Washington',
      metadata: { president: 'George Washington', party: 'none' },
    });
    expect(first.text.startsWith('Fellow-Citizens of the Senate and House of Representatives')).toBe(true);
    expect(first.wordCount).toBeGreaterThan(1000);
  });
});
