import { DEFAULT_SEARCH_SPACE, candidateForAttempt } from '../search-space';
import { decideNextStep } from './decide-next-step';
import { AttemptEvaluation } from './types';

const passing: AttemptEvaluation = { model_version: '4', c_v: 0.41, kpi_ok: true, promoted: true };
const failing: AttemptEvaluation = { model_version: '5', c_v: 0.31, kpi_ok: false, promoted: false };

describe('decideNextStep', () => {
  it('finishes a run whose KPI passes, promoted or not', () => {
    expect(decideNextStep({ attempt: 1, maxAttempts: 3 }, passing)).toEqual({
      action: 'finish',
      status: 'succeeded',
      attempt: 1,
      evaluation: passing,
    });
    const notPromoted = { ...passing, promoted: false };
    expect(decideNextStep({ attempt: 2, maxAttempts: 3 }, notPromoted)).toMatchObject({
      action: 'finish',
      status: 'succeeded',
    });
  });

  it('retries a failing KPI with the next candidate of the search space', () => {
    expect(decideNextStep({ attempt: 1, maxAttempts: 3 }, failing)).toEqual({
      action: 'retry',
      attempt: 2,
      candidate: candidateForAttempt(DEFAULT_SEARCH_SPACE, 2),
      evaluation: failing,
    });
    const space = { topics: [3, 4], passes: [1], seeds: [10, 20, 30] };
    expect(decideNextStep({ attempt: 2, maxAttempts: 5, searchSpace: space }, failing)).toMatchObject({
      action: 'retry',
      attempt: 3,
      candidate: { topics: 3, passes: 1, seed: 30 },
    });
  });

  it('gives up as failed_kpi when the attempts are used up', () => {
    expect(decideNextStep({ attempt: 3, maxAttempts: 3 }, failing)).toMatchObject({
      action: 'finish',
      status: 'failed_kpi',
      attempt: 3,
    });
    expect(decideNextStep({ attempt: 1, maxAttempts: 1 }, failing)).toMatchObject({
      action: 'finish',
      status: 'failed_kpi',
    });
  });

  it('rejects impossible attempt counts', () => {
    expect(() => decideNextStep({ attempt: 0, maxAttempts: 3 }, failing)).toThrow(RangeError);
    expect(() => decideNextStep({ attempt: 1, maxAttempts: 1.5 }, failing)).toThrow(/max_attempts/);
  });
});
