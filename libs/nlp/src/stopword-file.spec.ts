import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@topicops/config';
import { parseStopwordList, readStopwordFile } from './stopword-file';

describe('stopword files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nlp-stopwords-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a one-column CSV with a stopword header, keeping case, sorted and de-duplicated', () => {
    const path = join(dir, 'list.csv');
    writeFileSync(path, '\uFEFFstopword\r\nzeta\r\nIndiana\r\n alfa \r\n\r\nzeta\r\n');
    expect(readStopwordFile(path)).toEqual(['Indiana', 'alfa', 'zeta']);
  });

  it('reads the stopword column of a wider CSV, with quoting', () => {
    expect(parseStopwordList('id,stopword,note\n1,anno,"a, b"\n2,"l\'""uomo",x\n')).toEqual(['anno', 'l\'"uomo']);
    expect(() => parseStopwordList('id,word\n1,anno', 'words.csv')).toThrow(
      /words.csv: the CSV header has no "stopword" column/,
    );
  });

  it('reads plain word lists without a header', () => {
    expect(parseStopwordList('della\nanno\n')).toEqual(['anno', 'della']);
  });

  it('explains a missing or empty file as a usage error', () => {
    expect(() => readStopwordFile(join(dir, 'nope.csv'))).toThrow(UsageError);
    expect(() => readStopwordFile(join(dir, 'nope.csv'))).toThrow(
      /cannot read the stopword file .*nope\.csv \(ENOENT\)/,
    );
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, 'stopword\n\n');
    expect(() => readStopwordFile(empty)).toThrow(/holds no words/);
  });
});
