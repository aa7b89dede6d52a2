import { Stage } from '../context';
import { STAGES } from './names';
import {
  AttemptEvaluation,
  DecideAttemptJobData,
  PipelineRunParams,
  SearchSpace,
  StageJobData,
  StartRunJobData,
  TrainingCandidate,
} from './types';

/** Job data comes back from Redis untyped; a job whose data does not fit is failed without retries. */
export class InvalidJobDataError extends Error {
  constructor(what: string, problem: string) {
    super(`${what}: ${problem}`);
    this.name = 'InvalidJobDataError';
  }
}

type Json = { [key: string]: unknown };

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireObject(value: unknown, what: string): Json {
  if (!isObject(value)) throw new InvalidJobDataError(what, 'not an object');
  return value;
}

function requireString(data: Json, key: string, what: string): string {
  const value = data[key];
  if (typeof value !== 'string' || value === '')
    throw new InvalidJobDataError(what, `"${key}" must be a non-empty string`);
  return value;
}

function requirePositiveInteger(data: Json, key: string, what: string): number {
  const value = data[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidJobDataError(what, `"${key}" must be a positive integer`);
  }
  return value;
}

function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export function parseStageJobData(value: unknown): StageJobData {
  const what = 'stage job data';
  const data = requireObject(value, what);
  if (!isStage(data['stage'])) throw new InvalidJobDataError(what, `"stage" must be one of ${STAGES.join(', ')}`);
  const candidate = requireObject(data['candidate'], `${what} candidate`);
  const parsedCandidate: TrainingCandidate = {
    seed: requirePositiveIntegerOrZero(candidate, 'seed', `${what} candidate`),
    topics: requirePositiveInteger(candidate, 'topics', `${what} candidate`),
    passes: requirePositiveInteger(candidate, 'passes', `${what} candidate`),
  };
  return {
    pipelineRunId: requireString(data, 'pipelineRunId', what),
    attempt: requirePositiveInteger(data, 'attempt', what),
    stage: data['stage'],
    corpus: requireString(data, 'corpus', what),
    params: parseRunParams(data['params'] ?? {}),
    candidate: parsedCandidate,
  };
}

function requirePositiveIntegerOrZero(data: Json, key: string, what: string): number {
  const value = data[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new InvalidJobDataError(what, `"${key}" must be a non-negative integer`);
  }
  return value;
}

const FORMATS: ReadonlyArray<NonNullable<PipelineRunParams['format']>> = [
  'auto',
  'chroniclitaly',
  'csv',
  'jsonl',
  'sotu',
];

/** A run's stored parameters (pipeline_runs.params or job data), keeping only well-formed fields. */
export function parseRunParams(value: unknown): PipelineRunParams {
  const data = requireObject(value, 'pipeline run params');
  const text = (key: string): string | undefined =>
    typeof data[key] === 'string' && data[key] ? String(data[key]) : undefined;
  const format = FORMATS.find((candidate) => candidate === data['format']);
  const searchSpace = parseSearchSpace(data['searchSpace']);
  const source = text('source');
  const publications = text('publications');
  const stopwordsFile = text('stopwordsFile');
  const lda = parseLdaOverrides(data['lda']);
  return {
    ...(source ? { source } : {}),
    ...(format ? { format } : {}),
    ...(publications ? { publications } : {}),
    ...(stopwordsFile ? { stopwordsFile } : {}),
    ...(searchSpace ? { searchSpace } : {}),
    ...(lda ? { lda } : {}),
  };
}

function parseLdaOverrides(value: unknown): PipelineRunParams['lda'] {
  if (!isObject(value)) return undefined;
  const lda: NonNullable<PipelineRunParams['lda']> = {};
  for (const key of ['iterations', 'chunksize'] as const) {
    const item = value[key];
    if (typeof item === 'number' && Number.isInteger(item) && item > 0) lda[key] = item;
  }
  return Object.keys(lda).length ? lda : undefined;
}

function parseSearchSpace(value: unknown): Partial<SearchSpace> | undefined {
  if (!isObject(value)) return undefined;
  const space: Partial<SearchSpace> = {};
  for (const key of ['topics', 'passes', 'seeds'] as const) {
    const list = value[key];
    if (Array.isArray(list) && list.every((item): item is number => typeof item === 'number')) space[key] = list;
  }
  return space;
}

export function parseStartRunJobData(value: unknown): StartRunJobData {
  const data = requireObject(value, 'start-run job data');
  return { pipelineRunId: requireString(data, 'pipelineRunId', 'start-run job data') };
}

export function parseDecideJobData(value: unknown): DecideAttemptJobData {
  const what = 'decide-attempt job data';
  const data = requireObject(value, what);
  return {
    pipelineRunId: requireString(data, 'pipelineRunId', what),
    attempt: requirePositiveInteger(data, 'attempt', what),
  };
}

/** The evaluate stage's summary, as the decision reads it. */
export function parseEvaluation(value: unknown): AttemptEvaluation {
  const what = 'evaluate result';
  const data = requireObject(value, what);
  const cv = data['c_v'];
  if (typeof cv !== 'number') throw new InvalidJobDataError(what, '"c_v" must be a number');
  if (typeof data['kpi_ok'] !== 'boolean') throw new InvalidJobDataError(what, '"kpi_ok" must be a boolean');
  if (typeof data['promoted'] !== 'boolean') throw new InvalidJobDataError(what, '"promoted" must be a boolean');
  return {
    model_version: requireString(data, 'model_version', what),
    c_v: cv,
    kpi_ok: data['kpi_ok'],
    promoted: data['promoted'],
  };
}

/** The single child's return value of a flow job ({ "<prefix>:<queue>:<id>": value }). */
export function onlyChildValue(values: { [jobKey: string]: unknown }): Json | null {
  const entries = Object.values(values);
  if (entries.length === 0) return null;
  if (entries.length > 1) throw new InvalidJobDataError('flow job', `expected one child, found ${entries.length}`);
  return requireObject(entries[0], 'child result');
}
