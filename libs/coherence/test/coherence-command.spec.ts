import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoherenceCommandArgs, CoherenceInputError, runCoherenceCommand } from '../src';
import { loadCoherenceReference } from './reference-fixture';

describe('runCoherenceCommand (the CLI command "coherence")', () => {
  let dir: string;
  let textsPath: string;
  let topicsPath: string;
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const run = (overrides: Partial<CoherenceCommandArgs>) =>
    runCoherenceCommand({ texts: textsPath, topics: topicsPath, measure: 'c_v', ...overrides });
  const failure = async (overrides: Partial<CoherenceCommandArgs>): Promise<string> => {
    const error: unknown = await run(overrides).then(
      () => new Error('expected the command to fail'),
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CoherenceInputError);
    return (error as Error).message;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'topicops-coherence-'));
    const reference = loadCoherenceReference();
    // blank lines (here a trailing one and a CRLF one) are skipped
    textsPath = file('texts.jsonl', reference.texts.map((tokens) => JSON.stringify(tokens)).join('\n') + '\n\r\n');
    topicsPath = file('topics.json', JSON.stringify(reference.topics));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('streams the files and returns the summary, matching gensim', async () => {
    const reference = loadCoherenceReference();
    const summary = await run({ measure: 'c_v', topn: '10' });
    expect(summary).toEqual({
      measure: 'c_v',
      mode: 'gensim',
      topn: 10,
      window: 110,
      per_topic: expect.any(Array),
      mean: expect.any(Number),
      seconds: expect.any(Number),
      warnings: [],
    });
    expect(Math.abs(summary.mean - reference.results['c_v@10'].mean)).toBeLessThan(1e-4);
    summary.per_topic.forEach((value, t) => expect(Math.abs(value - reference.results['c_v@10'].per_topic[t])).toBeLessThan(1e-4));
    expect(summary.seconds).toBeGreaterThan(0);
  });

  it('passes --window and --mode through', async () => {
    const summary = await run({ measure: 'c_npmi', topn: 5, window: '20', mode: 'exact' });
    expect([summary.measure, summary.mode, summary.topn, summary.window]).toEqual(['c_npmi', 'exact', 5, 20]);
  });

  it.each<[string, Partial<CoherenceCommandArgs>, string]>([
    ['an unknown measure', { measure: 'c_x' }, '--measure must be one of c_v, u_mass, c_uci, c_npmi (got "c_x")'],
    ['an unknown mode', { mode: 'fast' }, '--mode must be one of gensim, exact (got "fast")'],
    ['--topn 0', { topn: '0' }, '--topn must be an integer >= 1 (got "0")'],
    ['a non-numeric --topn', { topn: 'ten' }, '--topn must be an integer >= 1 (got "ten")'],
    ['--window 1.5', { window: '1.5' }, '--window must be an integer >= 1 (got "1.5")'],
    ['no --texts', { texts: '' }, '--texts <file> is required'],
  ])('rejects %s', async (_label, overrides, message) => {
    expect(await failure(overrides)).toBe(message);
  });

  it('names the file and line of a malformed text', async () => {
    const texts = file('bad.jsonl', '["a","b"]\n\n["c", \n');
    expect(await failure({ texts })).toMatch(new RegExp(`^${texts} line 3: malformed JSON \\(.+\\)$`));
  });

  it('rejects a line that is not a list of strings', async () => {
    expect(await failure({ texts: file('object.jsonl', '["a"]\n{"tokens": ["b"]}\n') })).toMatch(
      /line 2: expected a JSON list of tokens, got object$/,
    );
    expect(await failure({ texts: file('number.jsonl', '["a", 3]\n') })).toMatch(/line 1: token 1 is not a string \(3\)$/);
  });

  it('rejects a texts file without texts', async () => {
    const texts = file('empty.jsonl', '\n  \n');
    expect(await failure({ texts })).toBe(`texts file ${texts} holds no texts (expected one JSON list of tokens per line)`);
  });

  it('rejects missing files and directories clearly', async () => {
    const missing = join(dir, 'missing.jsonl');
    expect(await failure({ texts: missing })).toBe(`cannot read texts file ${missing}: no such file`);
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    expect(await failure({ texts: folder })).toBe(`cannot read texts file ${folder}: it is a directory`);
    expect(await failure({ topics: missing })).toBe(`cannot read topics file ${missing}: no such file`);
  });

  it('rejects topics that are not lists of strings', async () => {
    const notJson = file('topics-bad.json', '[["a", "b"]');
    expect(await failure({ topics: notJson })).toMatch(new RegExp(`^topics file ${notJson} is not valid JSON: `));
    const numbers = file('topics-numbers.json', '[["a", "b"], ["c", 4]]');
    expect(await failure({ topics: numbers })).toBe(
      `topics file ${numbers} (a JSON list of lists of words): topics[1][1] must be a non-empty string (got 4)`,
    );
    const flat = file('topics-flat.json', '["a", "b"]');
    expect(await failure({ topics: flat })).toBe(
      `topics file ${flat} (a JSON list of lists of words): topics[0] must be a non-empty list of words`,
    );
  });
});
