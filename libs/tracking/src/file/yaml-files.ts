import { parse } from 'yaml';
import { TrackingError } from '../errors';
import { readTextIfExists, writeFileAtomic } from '../fs-utils';
import { dumpYaml } from '../python-format';

export type YamlObject = Record<string, unknown>;

/** Reads a meta.yaml; null when missing. Empty content (a writer mid-way) is retried briefly, like MLflow. */
export async function readYamlFile(path: string): Promise<YamlObject | null> {
  for (let attempt = 0; ; attempt++) {
    const text = await readTextIfExists(path);
    if (text === null) return null;
    if (text.trim() || attempt >= 2) {
      let parsed: unknown;
      try {
        parsed = parse(text, { version: '1.1' });
      } catch (error) {
        throw new TrackingError(`${path} is not valid YAML: ${(error as Error).message}`, 'INVALID_STATE');
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new TrackingError(`${path} does not hold a YAML mapping`, 'INVALID_STATE');
      }
      return parsed as YamlObject;
    }
    await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
  }
}

export async function writeYamlFile(path: string, value: YamlObject, tempDir?: string): Promise<void> {
  await writeFileAtomic(path, dumpYaml(value), tempDir);
}

export function yamlString(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return fallback;
}

export function yamlNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}
