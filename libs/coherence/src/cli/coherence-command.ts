import { performance } from 'node:perf_hooks';
import { computeCoherenceStream } from '../lib/compute-coherence';
import { CoherenceInputError } from '../lib/errors';
import { isCoherenceMeasure, isCoherenceMode } from '../lib/options';
import { COHERENCE_MEASURES, COHERENCE_MODES, CoherenceMeasure, CoherenceMode } from '../lib/types';
import { readTextsJsonl } from './read-texts-jsonl';
import { readTopicsFile } from './read-topics-file';

/** The CLI's raw options: strings as commander gives them (numbers are accepted too). */
export interface CoherenceCommandArgs {
  texts: string;
  topics: string;
  measure: string;
  topn?: string | number;
  window?: string | number;
  mode?: string;
}

/** The command's JSON summary. */
export interface CoherenceCommandSummary {
  measure: CoherenceMeasure;
  mode: CoherenceMode;
  topn: number;
  window: number | null;
  per_topic: number[];
  mean: number;
  seconds: number;
  warnings: string[];
}

function integerOption(flag: string, raw: string | number | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = typeof raw === 'number' ? raw : /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < 1) throw new CoherenceInputError(`${flag} must be an integer >= 1 (got "${raw}")`);
  return value;
}

function requiredPath(flag: string, raw: string | undefined): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw new CoherenceInputError(`${flag} <file> is required`);
  return raw;
}

/**
 * `coherence --texts <X.jsonl> --topics <T.json> --measure c_v|u_mass|c_uci|c_npmi [--topn N] [--window W]
 * [--mode gensim|exact]`: validates the options, reads the topics, streams the texts and scores them.
 * Bad input throws CoherenceInputError (a UsageError) naming the flag, file and line.
 */
export async function runCoherenceCommand(args: CoherenceCommandArgs): Promise<CoherenceCommandSummary> {
  const started = performance.now();
  const textsPath = requiredPath('--texts', args.texts);
  const topicsPath = requiredPath('--topics', args.topics);
  if (!isCoherenceMeasure(args.measure)) {
    throw new CoherenceInputError(`--measure must be one of ${COHERENCE_MEASURES.join(', ')} (got "${args.measure}")`);
  }
  const mode = args.mode ?? 'gensim';
  if (!isCoherenceMode(mode)) throw new CoherenceInputError(`--mode must be one of ${COHERENCE_MODES.join(', ')} (got "${mode}")`);
  const topn = integerOption('--topn', args.topn);
  const window = integerOption('--window', args.window);

  const topics = await readTopicsFile(topicsPath);
  const result = await computeCoherenceStream(topics, readTextsJsonl(textsPath), { measure: args.measure, mode, topn, window });
  return {
    measure: result.measure,
    mode: result.mode,
    topn: result.topn,
    window: result.window,
    per_topic: result.perTopic,
    mean: result.mean,
    seconds: Math.round(performance.now() - started) / 1000,
    warnings: result.warnings,
  };
}
