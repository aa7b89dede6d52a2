import { InvalidParameterValueError } from '../errors';
import { Run } from '../types';
import { parseRunFilter } from './filter-parser';
import { createPageToken, parsePageToken, queryRuns } from './run-query';

function run(
  id: string,
  startTime: number,
  metrics: Record<string, number>,
  params: Record<string, string>,
  tags: Record<string, string> = {},
): Run {
  return {
    info: {
      runId: id,
      runName: `run-${id}`,
      experimentId: '1',
      userId: 'u',
      status: 'FINISHED',
      startTime,
      endTime: null,
      artifactUri: '',
      lifecycleStage: 'active',
    },
    data: { metrics, params, tags },
    inputs: [],
  };
}

const runs = [
  run('a', 1, { c_v: 0.41, 'loss/x': 1 }, { k: '10' }, { phase: 'Train' }),
  run('b', 2, { c_v: 0.52 }, { k: '20' }, { phase: 'eval' }),
  run('c', 3, {}, { k: '30' }),
];

describe('run filter and order', () => {
  it('parses MLflow filter syntax with quoted keys, LIKE and IN', () => {
    expect(
      parseRunFilter(
        "metrics.`loss/x` >= 1 AND params.\"k\" = '10' and tags.phase ILIKE 'tr%' and attributes.run_id IN ('a', 'b')",
      ),
    ).toEqual([
      { entity: 'metrics', key: 'loss/x', comparator: '>=', value: 1 },
      { entity: 'params', key: 'k', comparator: '=', value: '10' },
      { entity: 'tags', key: 'phase', comparator: 'ILIKE', value: 'tr%' },
      { entity: 'attributes', key: 'run_id', comparator: 'IN', value: ['a', 'b'] },
    ]);
  });

  it.each([
    "metrics.c_v > 'x'",
    "params.k > '1'",
    'metrics.c_v ~ 1',
    'metrics.c_v > 1 OR params.k = 1',
    'foo.k = 1',
    "attributes.nope = 'x'",
    "params.k = 'open",
  ])('rejects %p with a clear error', (filter) => {
    expect(() => parseRunFilter(filter)).toThrow(InvalidParameterValueError);
  });

  it('filters (runs missing the key never match) and orders with missing values last', () => {
    expect(queryRuns(runs, { filter: 'metrics.c_v > 0.4' }).runs.map((r) => r.info.runId)).toEqual(['b', 'a']);
    expect(queryRuns(runs, { filter: "tags.phase LIKE 'T%'" }).runs.map((r) => r.info.runId)).toEqual(['a']);
    expect(queryRuns(runs, { filter: "params.k != '10'" }).runs.map((r) => r.info.runId)).toEqual(['c', 'b']);
    expect(queryRuns(runs, { orderBy: ['metrics.c_v ASC'] }).runs.map((r) => r.info.runId)).toEqual(['a', 'b', 'c']);
    expect(queryRuns(runs, { orderBy: ['metrics.c_v DESC'] }).runs.map((r) => r.info.runId)).toEqual(['b', 'a', 'c']);
    expect(queryRuns(runs, {}).runs.map((r) => r.info.runId)).toEqual(['c', 'b', 'a']);
  });

  it('pages with MLflow\'s base64 {"offset": N} tokens', () => {
    expect(Buffer.from(createPageToken(2), 'base64').toString()).toBe('{"offset": 2}');
    const first = queryRuns(runs, { maxResults: 2 });
    expect(first.runs).toHaveLength(2);
    expect(parsePageToken(first.nextPageToken ?? undefined)).toBe(2);
    expect(queryRuns(runs, { maxResults: 2, pageToken: first.nextPageToken ?? undefined }).nextPageToken).toBeNull();
    expect(() => parsePageToken('not-a-token')).toThrow(InvalidParameterValueError);
  });
});
