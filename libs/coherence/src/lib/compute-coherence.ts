import { CoherenceRun } from './coherence-run';
import { CoherenceOptions, CoherenceResult } from './types';

/**
 * Topic coherence as gensim 4.2's CoherenceModel computes it (with a dictionary that holds the texts'
 * words), or with true sliding-window counts in mode 'exact'. Throws CoherenceInputError on bad input.
 */
export function computeCoherence(
  topics: readonly (readonly string[])[],
  texts: Iterable<readonly string[]>,
  options: CoherenceOptions,
): CoherenceResult {
  const run = new CoherenceRun(topics, options);
  for (const tokens of texts) run.addText(tokens);
  return run.finish();
}

/** computeCoherence over a stream of texts, holding one text at a time in memory. */
export async function computeCoherenceStream(
  topics: readonly (readonly string[])[],
  texts: AsyncIterable<readonly string[]> | Iterable<readonly string[]>,
  options: CoherenceOptions,
): Promise<CoherenceResult> {
  const run = new CoherenceRun(topics, options);
  for await (const tokens of texts) run.addText(tokens);
  return run.finish();
}
