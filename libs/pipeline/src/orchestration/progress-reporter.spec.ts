import { ProgressReporter } from './progress-reporter';

const unexpected = (error: unknown) => {
  throw error;
};

describe('ProgressReporter', () => {
  it('writes the first report at once, coalesces a burst and writes the latest value last', async () => {
    const writes: number[] = [];
    const reporter = new ProgressReporter(
      async (fraction) => {
        writes.push(fraction);
      },
      unexpected,
      10_000,
    );
    reporter.report(0.1);
    for (let i = 2; i <= 9; i += 1) reporter.report(i / 10);
    await reporter.flush();
    expect(writes).toEqual([0.1, 0.9]);
  });

  it('clamps values and keeps writing in order after a failed write', async () => {
    const writes: number[] = [];
    const errors: unknown[] = [];
    let first = true;
    const reporter = new ProgressReporter(
      async (fraction) => {
        if (first) {
          first = false;
          throw new Error('database busy');
        }
        writes.push(fraction);
      },
      (error) => errors.push(error),
      0,
    );
    reporter.report(-1);
    reporter.report(7);
    await reporter.flush();
    expect(errors).toHaveLength(1);
    expect(writes).toEqual([1]);
  });

  it('drops pending writes when stopped', async () => {
    const writes: number[] = [];
    const reporter = new ProgressReporter(
      async (fraction) => {
        writes.push(fraction);
      },
      unexpected,
      10_000,
    );
    reporter.report(0.2);
    reporter.report(0.3);
    await reporter.stop();
    expect(writes).toEqual([0.2]);
  });
});
