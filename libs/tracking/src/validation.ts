import { InvalidParameterValueError } from './errors';
import { Metric } from './types';

/** MLflow's limits (mlflow/utils/validation.py). */
export const MLFLOW_LIMITS = {
  maxMetricsPerBatch: 1000,
  maxParamsPerBatch: 100,
  maxTagsPerBatch: 100,
  maxEntitiesPerBatch: 1000,
  maxBatchBodyBytes: 1_000_000,
  maxKeyLength: 250,
  maxParamValueLength: 6000,
  maxTagValueLength: 8000,
  maxAliasLength: 255,
  maxDatasetNameLength: 500,
  maxDatasetDigestLength: 36,
} as const;

// Python's \w is Unicode-aware, so letters and digits of any script are allowed.
const KEY_PATTERN = /^[/\p{L}\p{N}_.\- :]*$/u;
const RUN_ID_PATTERN = /^[a-zA-Z0-9][\w-]{0,255}$/;
const ALIAS_PATTERN = /^[\w-]*$/;
const RESERVED_VERSION_ALIAS = /^v\d+$/i;

export type EntityKind = 'metric' | 'param' | 'tag';

/**
 * Keys become file paths in the file store, so besides MLflow's character set they must be normalised
 * relative paths: no '..' anywhere, no leading, trailing or doubled '/', no '.' segment.
 */
export function validateKey(kind: EntityKind, key: unknown): asserts key is string {
  const label = `${kind} key`;
  if (typeof key !== 'string' || key.length === 0) throw invalid(`${label} must be a non-empty string`);
  if (key.length > MLFLOW_LIMITS.maxKeyLength) {
    throw invalid(
      `${label} '${preview(key)}' is ${key.length} characters long; the limit is ${MLFLOW_LIMITS.maxKeyLength}`,
    );
  }
  if (!KEY_PATTERN.test(key)) {
    throw invalid(`${label} '${key}' may only contain letters, digits, '_', '-', '.', ' ', ':' and '/'`);
  }
  if (
    key.includes('..') ||
    key.startsWith('/') ||
    key.endsWith('/') ||
    key.includes('//') ||
    key.split('/').includes('.')
  ) {
    throw invalid(`${label} '${key}' must be a normalised relative path (no '..', no leading, trailing or double '/')`);
  }
}

export function validateParamValue(key: string, value: string): void {
  if (value.length > MLFLOW_LIMITS.maxParamValueLength) {
    throw invalid(
      `param '${key}' value is ${value.length} characters long; the limit is ${MLFLOW_LIMITS.maxParamValueLength}`,
    );
  }
}

export function validateTagValue(key: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw invalid(`tag '${key}' value must be a string`);
  if (value.length > MLFLOW_LIMITS.maxTagValueLength) {
    throw invalid(
      `tag '${key}' value is ${value.length} characters long; the limit is ${MLFLOW_LIMITS.maxTagValueLength}`,
    );
  }
}

export function validateMetric(metric: Metric): void {
  validateKey('metric', metric.key);
  if (typeof metric.value !== 'number') throw invalid(`metric '${metric.key}' value must be a number`);
  if (metric.timestamp !== undefined && !Number.isSafeInteger(metric.timestamp)) {
    throw invalid(`metric '${metric.key}' timestamp must be an integer number of milliseconds`);
  }
  if (metric.step !== undefined && !Number.isSafeInteger(metric.step)) {
    throw invalid(`metric '${metric.key}' step must be an integer`);
  }
}

export function validateRunId(runId: unknown): asserts runId is string {
  if (typeof runId !== 'string' || !RUN_ID_PATTERN.test(runId)) {
    throw invalid(`'${typeof runId === 'string' ? preview(runId) : String(runId)}' is not a valid run id`);
  }
}

export function validateExperimentName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.trim().length === 0) throw invalid('experiment name must be a non-empty string');
}

export function validateModelName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.trim().length === 0)
    throw invalid('registered model name must be a non-empty string');
}

/** MLflow alias rules: ^[\w-]*$, ≤ 255 chars, and 'latest' and v<digits> are reserved. */
export function validateAlias(alias: unknown): asserts alias is string {
  if (typeof alias !== 'string' || alias.length === 0) throw invalid('alias must be a non-empty string');
  if (alias.length > MLFLOW_LIMITS.maxAliasLength) {
    throw invalid(`alias '${preview(alias)}' is longer than ${MLFLOW_LIMITS.maxAliasLength} characters`);
  }
  if (!ALIAS_PATTERN.test(alias)) throw invalid(`alias '${alias}' may only contain letters, digits, '_' and '-'`);
  if (alias.toLowerCase() === 'latest') throw invalid(`alias 'latest' is reserved by MLflow`);
  if (RESERVED_VERSION_ALIAS.test(alias))
    throw invalid(`alias '${alias}' is reserved by MLflow (v<number> names a version)`);
}

/** Model versions are positive integers, given as number or string. */
export function normaliseVersion(version: string | number): string {
  const text = String(version).trim();
  if (!/^\d+$/.test(text) || Number(text) < 1) throw invalid(`model version '${text}' must be a positive integer`);
  return String(Number(text));
}

/** Artifact paths are relative posix paths inside the run's artifact root ('' is the root itself). */
export function validateArtifactPath(artifactPath: string): string {
  const trimmed = artifactPath.replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (trimmed.startsWith('/') || trimmed.includes('\\') || trimmed.includes('\0')) {
    throw invalid(`artifact path '${artifactPath}' must be a relative path using '/'`);
  }
  if (trimmed.split('/').some((segment) => segment === '..' || segment === '.' || segment === '')) {
    throw invalid(`artifact path '${artifactPath}' must not contain '.', '..' or empty segments`);
  }
  return trimmed;
}

function invalid(message: string): InvalidParameterValueError {
  return new InvalidParameterValueError(message);
}

function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
