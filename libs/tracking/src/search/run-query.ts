import { InvalidParameterValueError } from '../errors';
import { Run, RunsPage } from '../types';
import { Entity, FilterClause, parseIdentifier, parseRunFilter } from './filter-parser';

export const SEARCH_MAX_RESULTS_DEFAULT = 1000;
export const SEARCH_MAX_RESULTS_THRESHOLD = 50000;

/** Filters, orders and pages runs the way MLflow's own stores do (SearchUtils). */
export function queryRuns(
  runs: Run[],
  options: { filter?: string; orderBy?: string[]; maxResults?: number; pageToken?: string },
): RunsPage {
  const clauses = parseRunFilter(options.filter);
  const orders = (options.orderBy ?? []).map(parseOrderBy);
  const maxResults = options.maxResults ?? SEARCH_MAX_RESULTS_DEFAULT;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > SEARCH_MAX_RESULTS_THRESHOLD) {
    throw new InvalidParameterValueError(
      `max_results must be an integer from 1 to ${SEARCH_MAX_RESULTS_THRESHOLD}, got ${maxResults}`,
    );
  }
  const matching = runs.filter((run) => clauses.every((clause) => matches(run, clause)));
  const sorted = sortRuns(matching, orders);
  const offset = parsePageToken(options.pageToken);
  const page = sorted.slice(offset, offset + maxResults);
  const next = offset + maxResults < sorted.length ? createPageToken(offset + maxResults) : null;
  return { runs: page, nextPageToken: next };
}

interface OrderBy {
  entity: Entity;
  key: string;
  ascending: boolean;
}

export function parseOrderBy(clause: string): OrderBy {
  const match = /^(.*?)(?:\s+(ASC|DESC))?\s*$/i.exec(clause.trim());
  const identifier = match?.[1]?.trim() ?? '';
  if (!identifier) throw new InvalidParameterValueError(`Invalid order_by clause '${clause}'`);
  const { entity, key } = parseIdentifier(identifier);
  return { entity, key, ascending: (match?.[2] ?? 'ASC').toUpperCase() === 'ASC' };
}

type Comparable = number | string | null;

function valueOf(run: Run, entity: Entity, key: string): Comparable {
  switch (entity) {
    case 'metrics':
      return key in run.data.metrics ? (run.data.metrics[key] ?? null) : null;
    case 'params':
      return run.data.params[key] ?? null;
    case 'tags':
      return run.data.tags[key] ?? null;
    case 'attributes':
      return attributeValue(run, key);
  }
}

function attributeValue(run: Run, key: string): Comparable {
  const info = run.info;
  const values: Record<string, Comparable> = {
    run_id: info.runId,
    run_name: info.runName,
    status: info.status,
    user_id: info.userId,
    artifact_uri: info.artifactUri,
    lifecycle_stage: info.lifecycleStage,
    start_time: info.startTime,
    end_time: info.endTime,
  };
  return values[key] ?? null;
}

function matches(run: Run, clause: FilterClause): boolean {
  const actual = valueOf(run, clause.entity, clause.key);
  if (actual === null) return false;
  const expected = clause.value;
  if (Array.isArray(expected)) {
    const found = expected.includes(String(actual));
    return clause.comparator === 'IN' ? found : !found;
  }
  switch (clause.comparator) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case 'LIKE':
      return likePattern(String(expected), false).test(String(actual));
    case 'ILIKE':
      return likePattern(String(expected), true).test(String(actual));
    default:
      return false;
  }
}

function likePattern(pattern: string, caseInsensitive: boolean): RegExp {
  const source = pattern
    .split('')
    .map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
}

/** Default order: newest start first, then run id; every order_by clause then applied, missing values last. */
function sortRuns(runs: Run[], orders: OrderBy[]): Run[] {
  const sorted = [...runs].sort((a, b) => b.info.startTime - a.info.startTime || compare(a.info.runId, b.info.runId));
  for (const order of [...orders].reverse()) {
    sorted.sort((a, b) => {
      const left = valueOf(a, order.entity, order.key);
      const right = valueOf(b, order.entity, order.key);
      if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
      const result = compare(left, right);
      return order.ascending ? result : -result;
    });
  }
  return sorted;
}

function compare(left: number | string, right: number | string): number {
  if (typeof left === 'number' && typeof right === 'number') {
    if (Number.isNaN(left) || Number.isNaN(right)) return Number.isNaN(left) ? (Number.isNaN(right) ? 0 : 1) : -1;
    return left - right;
  }
  return String(left) < String(right) ? -1 : String(left) > String(right) ? 1 : 0;
}

/** MLflow's page token: base64 of the JSON text {"offset": N}. */
export function createPageToken(offset: number): string {
  return Buffer.from(`{"offset": ${offset}}`, 'utf8').toString('base64');
}

export function parsePageToken(token: string | undefined): number {
  if (!token) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    const offset = (parsed as { offset?: unknown }).offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the error below
  }
  throw new InvalidParameterValueError(`Invalid page token '${token.slice(0, 40)}'`);
}
