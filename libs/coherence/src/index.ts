// Public API of @topicops/coherence: topic coherence: c_v, u_mass, c_npmi, c_uci
export { computeCoherence, computeCoherenceStream } from './lib/compute-coherence';
export { COHERENCE_MEASURES, COHERENCE_MODES } from './lib/types';
export type { CoherenceMeasure, CoherenceMode, CoherenceOptions, CoherenceResult } from './lib/types';
export { DEFAULT_TOPN, DEFAULT_WINDOW } from './lib/options';
export { CoherenceInputError } from './lib/errors';
export { runCoherenceCommand } from './cli/coherence-command';
export type { CoherenceCommandArgs, CoherenceCommandSummary } from './cli/coherence-command';
