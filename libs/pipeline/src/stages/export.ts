import { once } from 'node:events';
import { createWriteStream, promises as fs, WriteStream } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '@topicops/config';
import { DocumentEntity } from '@topicops/corpus';
import { StageContext } from '../context';
import { isHeldOut, tokenPages } from './documents';
import { loadPreprocessingVersion } from './preprocessing-version';

export interface ExportInput {
  corpus: string;
  preprocessingVersion?: number;
  format: 'mm';
  out: string;
  /** Also write train.mm and heldout.mm split by the same held-out rule the pipeline uses. */
  heldoutFraction?: number;
}

export interface ExportSummary {
  out: string;
  corpus: string;
  preprocessing_version: number;
  documents: number;
  terms: number;
  nnz: number;
  files: string[];
  train_documents?: number;
  heldout_documents?: number;
  seconds: number;
}

const MM_HEADER = '%%MatrixMarket matrix coordinate real general\n';

/** Matrix Market writer that learns its totals while streaming and patches the fixed-width size line at the end. */
class MatrixMarketWriter {
  private readonly stream: WriteStream;
  private rows = 0;
  nnz = 0;
  private static readonly SIZE_LINE_WIDTH = 50;

  constructor(
    readonly path: string,
    private readonly numTerms: number,
  ) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.write(MM_HEADER + ' '.repeat(MatrixMarketWriter.SIZE_LINE_WIDTH) + '\n');
  }

  async addDocument(bow: ReadonlyArray<readonly [number, number]>): Promise<void> {
    this.rows += 1;
    let chunk = '';
    for (const [termId, count] of bow) chunk += `${this.rows} ${termId + 1} ${count}\n`;
    this.nnz += bow.length;
    if (chunk && !this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  get documents(): number {
    return this.rows;
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
    const sizeLine = `${this.rows} ${this.numTerms} ${this.nnz}`.padEnd(MatrixMarketWriter.SIZE_LINE_WIDTH, ' ');
    const handle = await fs.open(this.path, 'r+');
    try {
      await handle.write(sizeLine, Buffer.byteLength(MM_HEADER));
    } finally {
      await handle.close();
    }
  }
}

async function writeLine(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain');
}

/**
 * Writes the corpus for outside tools, in document order: corpus.mm (Matrix Market coordinate, documents ×
 * terms, 1-based, readable by gensim's MmCorpus), vocab.txt (a token a line, in id order), texts.jsonl (each
 * document's token list) and docs.jsonl (document ids and metadata).
 */
export async function runExport(ctx: StageContext, input: ExportInput): Promise<ExportSummary> {
  const started = Date.now();
  if (input.format !== 'mm') throw new UsageError(`export format "${input.format}" is not supported (use mm)`);
  const loaded = await loadPreprocessingVersion(ctx.ds, input.corpus, input.preprocessingVersion);
  const { dictionary } = loaded;
  await fs.mkdir(input.out, { recursive: true });
  const numTerms = dictionary.id2token.length;
  await fs.writeFile(join(input.out, 'vocab.txt'), dictionary.id2token.join('\n') + '\n');

  const all = new MatrixMarketWriter(join(input.out, 'corpus.mm'), numTerms);
  const split = input.heldoutFraction
    ? {
        train: new MatrixMarketWriter(join(input.out, 'train.mm'), numTerms),
        heldout: new MatrixMarketWriter(join(input.out, 'heldout.mm'), numTerms),
        trainTexts: createWriteStream(join(input.out, 'train-texts.jsonl')),
      }
    : undefined;
  const texts = createWriteStream(join(input.out, 'texts.jsonl'));
  const docs = createWriteStream(join(input.out, 'docs.jsonl'));
  const documentRepo = ctx.ds.getRepository(DocumentEntity);

  for await (const page of tokenPages(ctx.ds, loaded.entity.id)) {
    const metadata = await documentRepo
      .createQueryBuilder('d')
      .select(['d.id', 'd.sourceId', 'd.publicationRef', 'd.publicationName', 'd.date'])
      .whereInIds(page.map((row) => row.documentId))
      .getMany();
    const byId = new Map(metadata.map((doc) => [doc.id, doc]));
    for (const row of page) {
      const bow = dictionary.doc2bow(row.tokens);
      await all.addDocument(bow);
      const line = JSON.stringify(row.tokens) + '\n';
      await writeLine(texts, line);
      const doc = byId.get(row.documentId);
      await writeLine(
        docs,
        JSON.stringify({
          id: row.documentId,
          source_id: doc?.sourceId ?? null,
          publication_ref: doc?.publicationRef ?? null,
          publication_name: doc?.publicationName ?? null,
          date: doc?.date ?? null,
        }) + '\n',
      );
      if (split) {
        if (isHeldOut(row.documentId, input.heldoutFraction ?? 0)) {
          await split.heldout.addDocument(bow);
        } else {
          await split.train.addDocument(bow);
          await writeLine(split.trainTexts, line);
        }
      }
    }
  }
  texts.end();
  docs.end();
  await Promise.all([once(texts, 'finish'), once(docs, 'finish'), all.close()]);
  const files = ['corpus.mm', 'vocab.txt', 'texts.jsonl', 'docs.jsonl'];
  const result: ExportSummary = {
    out: input.out,
    corpus: input.corpus,
    preprocessing_version: loaded.entity.version,
    documents: all.documents,
    terms: numTerms,
    nnz: all.nnz,
    files,
    seconds: 0,
  };
  if (split) {
    split.trainTexts.end();
    await Promise.all([split.train.close(), split.heldout.close(), once(split.trainTexts, 'finish')]);
    files.push('train.mm', 'heldout.mm', 'train-texts.jsonl');
    result.train_documents = split.train.documents;
    result.heldout_documents = split.heldout.documents;
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}
