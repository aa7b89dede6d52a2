import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { randomInt } from 'node:crypto';

/** Reserved tag keys MLflow's UI reads. */
export const MLFLOW_TAGS = {
  runName: 'mlflow.runName',
  user: 'mlflow.user',
  sourceName: 'mlflow.source.name',
  sourceType: 'mlflow.source.type',
  gitCommit: 'mlflow.source.git.commit',
  parentRunId: 'mlflow.parentRunId',
  note: 'mlflow.note.content',
  loggedModels: 'mlflow.log-model.history',
  datasetContext: 'mlflow.data.context',
} as const;

export function currentUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return process.env['USER'] ?? 'unknown';
  }
}

/** The tags MLflow's own client adds to every run; the caller's tags win. */
export function defaultRunTags(): Record<string, string> {
  return {
    [MLFLOW_TAGS.user]: currentUser(),
    [MLFLOW_TAGS.sourceName]: process.argv[1] ? basename(process.argv[1]) : 'node',
    [MLFLOW_TAGS.sourceType]: 'LOCAL',
  };
}

const ADJECTIVES = [
  'able',
  'amber',
  'bold',
  'brave',
  'bright',
  'calm',
  'clever',
  'crisp',
  'daring',
  'eager',
  'fair',
  'gentle',
  'glad',
  'grand',
  'honest',
  'keen',
  'kind',
  'lively',
  'lucky',
  'merry',
  'nimble',
  'proud',
  'quiet',
  'rare',
  'silent',
  'smooth',
  'steady',
  'sunny',
  'swift',
  'tidy',
  'upbeat',
  'vivid',
  'warm',
  'wise',
  'witty',
  'zesty',
];
const NOUNS = [
  'archive',
  'atlas',
  'chronicle',
  'codex',
  'column',
  'courier',
  'digest',
  'edition',
  'folio',
  'gazette',
  'herald',
  'index',
  'journal',
  'ledger',
  'letter',
  'lexicon',
  'logbook',
  'notice',
  'page',
  'pamphlet',
  'press',
  'quire',
  'record',
  'register',
  'review',
  'scroll',
  'sheet',
  'story',
  'tribune',
  'volume',
  'word',
];

/** A readable run name like MLflow's ("bright-gazette-042"). */
export function generateRunName(): string {
  const adjective = ADJECTIVES[randomInt(ADJECTIVES.length)] ?? 'able';
  const noun = NOUNS[randomInt(NOUNS.length)] ?? 'page';
  return `${adjective}-${noun}-${String(randomInt(1000)).padStart(3, '0')}`;
}
