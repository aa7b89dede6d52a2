import { CoherenceInputError } from './errors';
import { COHERENCE_MEASURES, COHERENCE_MODES, CoherenceMeasure, CoherenceMode, CoherenceOptions } from './types';

export const DEFAULT_TOPN = 20;

/** gensim's SLIDING_WINDOW_SIZES. */
export const DEFAULT_WINDOW: Readonly<Record<Exclude<CoherenceMeasure, 'u_mass'>, number>> = {
  c_v: 110,
  c_uci: 10,
  c_npmi: 10,
};

export interface ResolvedOptions {
  measure: CoherenceMeasure;
  mode: CoherenceMode;
  topn: number;
  /** null: every text is one window (boolean-document probabilities, u_mass). */
  window: number | null;
  warnings: string[];
}

export function isCoherenceMeasure(value: unknown): value is CoherenceMeasure {
  return (COHERENCE_MEASURES as readonly unknown[]).includes(value);
}

export function isCoherenceMode(value: unknown): value is CoherenceMode {
  return (COHERENCE_MODES as readonly unknown[]).includes(value);
}

function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new CoherenceInputError(`${name} must be an integer >= 1 (got ${JSON.stringify(value) ?? String(value)})`);
  }
  return value;
}

/** Validates the options (they may come from untyped callers) and fills in gensim's defaults. */
export function resolveOptions(options: CoherenceOptions): ResolvedOptions {
  const { measure } = options;
  if (!isCoherenceMeasure(measure)) {
    throw new CoherenceInputError(`measure must be one of ${COHERENCE_MEASURES.join(', ')} (got ${JSON.stringify(measure)})`);
  }
  const mode = options.mode ?? 'gensim';
  if (!isCoherenceMode(mode)) {
    throw new CoherenceInputError(`mode must be one of ${COHERENCE_MODES.join(', ')} (got ${JSON.stringify(mode)})`);
  }
  const topn = options.topn === undefined ? DEFAULT_TOPN : positiveInteger('topn', options.topn);
  const warnings: string[] = [];
  if (measure === 'u_mass') {
    if (options.window !== undefined) warnings.push('window is ignored by u_mass, which counts whole documents');
    return { measure, mode, topn, window: null, warnings };
  }
  const window = options.window === undefined ? DEFAULT_WINDOW[measure] : positiveInteger('window', options.window);
  return { measure, mode, topn, window, warnings };
}
