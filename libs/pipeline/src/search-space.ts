import { SearchSpace, TrainingCandidate } from './orchestration/types';

/** Attempt 1 trains the defaults; every retry moves to the next seed, topic count and pass count. */
export const DEFAULT_SEARCH_SPACE: SearchSpace = {
  topics: [10, 8, 12, 6, 15],
  passes: [10, 15, 20],
  seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
};

export function resolveSearchSpace(partial?: Partial<SearchSpace>): SearchSpace {
  const space = { ...DEFAULT_SEARCH_SPACE, ...partial };
  for (const key of ['topics', 'passes', 'seeds'] as const) {
    const values = space[key];
    if (!Array.isArray(values) || values.length === 0 || !values.every((v) => Number.isInteger(v) && v >= 0)) {
      throw new RangeError(`search space "${key}" must be a non-empty list of whole numbers`);
    }
  }
  if (!space.topics.every((k) => k >= 2)) throw new RangeError('search space "topics" values must be at least 2');
  if (!space.passes.every((p) => p >= 1)) throw new RangeError('search space "passes" values must be at least 1');
  return space;
}

/** The candidate of a 1-based attempt: each dimension cycles through its own list. */
export function candidateForAttempt(space: SearchSpace, attempt: number): TrainingCandidate {
  const i = Math.max(0, attempt - 1);
  return {
    topics: space.topics[i % space.topics.length],
    passes: space.passes[i % space.passes.length],
    seed: space.seeds[i % space.seeds.length],
  };
}
