import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, loadConfig } from '@topicops/config';
import { TestDialect, createTestDatabase } from '@topicops/corpus/testing';
import { createTrackingClient } from '@topicops/tracking';
import { StageContext } from '../src';

export const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures');
export const STOPWORDS = join(FIXTURES, 'stopwords', 'chroniclitaly-stopwords.csv');
export const PUBLICATIONS = join(FIXTURES, 'demo-publications.csv');

export interface TestStageContext extends StageContext {
  workDir: string;
  dispose(): Promise<void>;
}

/** A stage context on a fresh database of the dialect and a fresh MLflow file store in a temp folder. */
export async function testStageContext(
  label: string,
  dialect: TestDialect,
  env: Record<string, string> = {},
): Promise<TestStageContext> {
  const db = await createTestDatabase(label, dialect);
  const workDir = mkdtempSync(join(tmpdir(), `topicops-${label}-`));
  const trackingUri = join(workDir, 'mlruns');
  const config = loadConfig({ DATABASE_URL: db.url, TRACKING_URI: trackingUri, TFJS_BACKEND: 'cpu', ...env });
  return {
    ds: db.ds,
    tracking: createTrackingClient(trackingUri),
    config,
    logger: createLogger({ name: 'test', level: 'silent' }),
    workDir,
    dispose: async () => {
      await db.drop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** A small ChroniclItaly-layout corpus: the first `publications` newspapers of the demo corpus. */
export function smallCorpus(workDir: string, publications: number): string {
  const root = join(workDir, 'corpus');
  const demo = join(FIXTURES, 'demo-corpus');
  for (const publication of readdirSync(demo).sort().slice(0, publications)) {
    cpSync(join(demo, publication), join(root, publication), { recursive: true });
  }
  return root;
}
