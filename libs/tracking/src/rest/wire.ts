import { MetricPoint } from '../types';

/** MLflow REST shapes (snake_case, as on the wire). */
export interface WireKeyValue {
  key: string;
  value: string;
}

export interface WireMetric {
  key: string;
  /** Protobuf JSON spells non-finite doubles as strings. */
  value: number | 'NaN' | 'Infinity' | '-Infinity';
  timestamp: number;
  step: number;
}

export interface WireLogBatch {
  run_id: string;
  metrics: WireMetric[];
  params: WireKeyValue[];
  tags: WireKeyValue[];
}

export function toWireMetric(metric: MetricPoint): WireMetric {
  return { key: metric.key, value: toWireDouble(metric.value), timestamp: metric.timestamp, step: metric.step };
}

export function toWireDouble(value: number): WireMetric['value'] {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

/** Reads a double that may arrive as a number or as protobuf's string spellings. */
export function fromWireDouble(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return Number(value);
}

/** int64 fields arrive as numbers from MLflow 3 and as strings from older servers. */
export function fromWireInt(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export function toWireKeyValues(record: Record<string, string>): WireKeyValue[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}

export function fromWireKeyValues(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(list)) return out;
  for (const item of list as Array<{ key?: unknown; value?: unknown }>) {
    if (typeof item.key === 'string') out[item.key] = typeof item.value === 'string' ? item.value : '';
  }
  return out;
}
