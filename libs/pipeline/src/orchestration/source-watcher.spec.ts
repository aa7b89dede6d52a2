import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@topicops/config';
import { SubmitOutcome } from './request-run';
import { SourceWatcher, sourceFingerprint } from './source-watcher';

describe('SourceWatcher', () => {
  let dir: string;
  let remembered: string | null;
  let submitted: string[];
  let answer: SubmitOutcome['reason'];
  let watcher: SourceWatcher;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'topicops-watch-'));
    remembered = null;
    submitted = [];
    answer = 'created';
    watcher = new SourceWatcher({
      source: dir,
      corpus: 'demo',
      memory: {
        get: async () => remembered,
        set: async (fingerprint) => {
          remembered = fingerprint;
        },
      },
      submit: async (fingerprint) => {
        submitted.push(fingerprint);
        return { pipeline_run_id: `run-${submitted.length}`, created: answer === 'created', reason: answer };
      },
      logger: createLogger({ name: 'watch-test', level: 'silent' }),
    });
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('ignores an empty folder', async () => {
    expect(await watcher.poll()).toBe('empty');
  });

  it('submits once new data has settled, then stays quiet until it changes again', async () => {
    mkdirSync(join(dir, 'Paper'));
    writeFileSync(join(dir, 'Paper', 'a.txt'), 'first');
    expect(await watcher.poll()).toBe('settling');
    expect(await watcher.poll()).toBe('submitted');
    expect(await watcher.poll()).toBe('unchanged');
    writeFileSync(join(dir, 'Paper', 'b.txt'), 'second');
    expect(await watcher.poll()).toBe('settling');
    writeFileSync(join(dir, 'Paper', 'c.txt'), 'still copying');
    expect(await watcher.poll()).toBe('settling');
    expect(await watcher.poll()).toBe('submitted');
    expect(submitted).toHaveLength(2);
    expect(remembered).toBe(submitted[1]);
  });

  it('keeps the change pending while the corpus is busy', async () => {
    writeFileSync(join(dir, 'a.txt'), 'data');
    answer = 'corpus_busy';
    await watcher.poll();
    expect(await watcher.poll()).toBe('busy');
    expect(remembered).toBeNull();
    answer = 'created';
    expect(await watcher.poll()).toBe('submitted');
  });

  it('fingerprints content changes and ignores nothing but the order of listing', async () => {
    writeFileSync(join(dir, 'a.txt'), 'one');
    const before = await sourceFingerprint(dir);
    expect(before).toMatchObject({ files: 1, bytes: 3 });
    writeFileSync(join(dir, 'a.txt'), 'three');
    expect((await sourceFingerprint(dir)).fingerprint).not.toBe(before.fingerprint);
    expect((await sourceFingerprint(join(dir, 'a.txt'))).files).toBe(1);
  });
});
