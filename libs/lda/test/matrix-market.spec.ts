import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@topicops/config';
import { Bow, readMatrixMarket, writeMatrixMarket } from '../src';

async function collect(path: string, size: number): Promise<Bow[][]> {
  const corpus = await readMatrixMarket(path);
  const chunks: Bow[][] = [];
  for await (const chunk of corpus.chunks(size)) chunks.push(chunk);
  return chunks;
}

describe('Matrix Market corpora', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'topicops-lda-mm-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const docs: Bow[] = [
    [
      [0, 2],
      [4, 1],
    ],
    [],
    [[1, 0.5]],
    [],
    [
      [2, 3],
      [3, 1],
    ],
    [],
  ];

  it('writes gensim-style files and streams them back in chunks, empty documents included', async () => {
    const path = join(dir, 'corpus.mm');
    await expect(writeMatrixMarket(path, docs, 5)).resolves.toEqual({ numDocs: 6, nnz: 5 });
    const text = await readFile(path, 'utf8');
    expect(text.split('\n').slice(0, 3)).toEqual([
      '%%MatrixMarket matrix coordinate real general',
      `6 5 5${' '.repeat(45)}`,
      '1 1 2',
    ]);
    const corpus = await readMatrixMarket(path);
    expect({ numDocs: corpus.numDocs, numTerms: corpus.numTerms, nnz: corpus.nnz }).toEqual({
      numDocs: 6,
      numTerms: 5,
      nnz: 5,
    });
    const chunks = await collect(path, 4);
    expect(chunks.map((c) => c.length)).toEqual([4, 2]);
    expect(chunks.flat()).toEqual(docs);
  });

  it.each([
    [
      'a wrong banner',
      '%%MatrixMarket matrix array real general\n1 1 1\n1 1 1\n',
      /not a Matrix Market coordinate file/,
    ],
    [
      'a bad size line',
      '%%MatrixMarket matrix coordinate real general\n2 x 1\n',
      /:2: size line must be "documents terms entries"/,
    ],
    [
      'an unparsable entry',
      '%%MatrixMarket matrix coordinate real general\n2 3 2\n1 1 1\n2 one 1\n',
      /:4: expected "document term value"/,
    ],
    [
      'a term outside the header',
      '%%MatrixMarket matrix coordinate real general\n2 3 1\n1 4 1\n',
      /:3: term 4 is outside 1..3/,
    ],
    [
      'a negative count',
      '%%MatrixMarket matrix coordinate real general\n2 3 1\n1 2 -1\n',
      /:3: count -1 must be finite and ≥ 0/,
    ],
    [
      'unsorted documents',
      '%%MatrixMarket matrix coordinate real general\n2 3 2\n2 1 1\n1 1 1\n',
      /:4: entries must be sorted by document/,
    ],
    [
      'a truncated file',
      '%%MatrixMarket matrix coordinate real general\n2 3 3\n1 1 1\n2 1 1\n',
      /announces 3 entries but the file has 2/,
    ],
  ])('rejects %s with the line at fault', async (_, content, message) => {
    const path = join(dir, 'bad.mm');
    await writeFile(path, content);
    const read = collect(path, 10);
    await expect(read).rejects.toThrow(message);
    await expect(read).rejects.toBeInstanceOf(UsageError);
  });

  it('reports a missing file clearly', async () => {
    await expect(readMatrixMarket(join(dir, 'missing.mm'))).rejects.toThrow(/does not exist or cannot be read/);
  });
});
