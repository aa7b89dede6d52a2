import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TrackingError } from './errors';
import { writeFileAtomic } from './fs-utils';
import { dumpYaml, pythonJsonDumps } from './python-format';

/** The MLflow version written into MLmodel files (the file-store layout follows 2.14). */
export const MLFLOW_COMPAT_VERSION = '2.14.3';
export const MLMODEL_FILE_NAME = 'MLmodel';

export interface MlflowColumnSpec {
  type: 'string' | 'double' | 'float' | 'long' | 'integer' | 'boolean' | 'binary' | 'datetime';
  name?: string;
  required?: boolean;
}

export interface MlflowTensorSpec {
  type: 'tensor';
  'tensor-spec': { dtype: string; shape: number[] };
  name?: string;
}

export type MlflowSchemaEntry = MlflowColumnSpec | MlflowTensorSpec;

export interface ModelSignature {
  inputs: MlflowSchemaEntry[];
  outputs: MlflowSchemaEntry[];
}

/** The signature of a topic model: input column `text` (string), output one distribution over K topics per text. */
export function topicModelSignature(numTopics: number): ModelSignature {
  if (!Number.isInteger(numTopics) || numTopics < 1)
    throw new RangeError(`numTopics must be a positive integer, got ${numTopics}`);
  return {
    inputs: [{ type: 'string', name: 'text', required: true }],
    outputs: [{ type: 'tensor', 'tensor-spec': { dtype: 'float64', shape: [-1, numTopics] } }],
  };
}

export type FlavorConfigValue =
  | string
  | number
  | boolean
  | null
  | FlavorConfigValue[]
  | { [key: string]: FlavorConfigValue };

export interface MlModelOptions {
  artifactPath: string;
  runId: string;
  flavor: 'topicops_lda';
  signature: ModelSignature;
  /** Flavor settings recorded under flavors.topicops_lda (e.g. num_topics, file names). */
  flavorConfig?: Record<string, FlavorConfigValue>;
  modelUuid?: string;
  createdAt?: Date;
}

/** The MLmodel document as MLflow writes it (snake_case; signature parts are JSON text). */
export interface MlModelDocument {
  artifact_path: string;
  flavors: Record<string, Record<string, FlavorConfigValue>>;
  mlflow_version: string;
  model_uuid: string;
  run_id: string;
  signature: { inputs: string; outputs: string; params: null };
  utc_time_created: string;
}

/** 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC, like Python's str(datetime.utcnow()). */
export function formatUtcTimeCreated(date: Date): string {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000`;
}

/** Writes <dir>/MLmodel so MLflow's UI shows the folder as a model with its signature. */
export async function writeMlModelFile(dir: string, options: MlModelOptions): Promise<MlModelDocument> {
  if (!options.artifactPath)
    throw new TrackingError(
      'writeMlModelFile needs the artifactPath the folder will be logged at',
      'INVALID_PARAMETER_VALUE',
    );
  const document: MlModelDocument = {
    artifact_path: options.artifactPath,
    flavors: { [options.flavor]: { format_version: 1, ...(options.flavorConfig ?? {}) } },
    mlflow_version: MLFLOW_COMPAT_VERSION,
    model_uuid: options.modelUuid ?? randomUUID().replace(/-/g, ''),
    run_id: options.runId,
    signature: {
      inputs: pythonJsonDumps(options.signature.inputs),
      outputs: pythonJsonDumps(options.signature.outputs),
      params: null,
    },
    utc_time_created: formatUtcTimeCreated(options.createdAt ?? new Date()),
  };
  await fs.mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, MLMODEL_FILE_NAME), dumpYaml(document));
  return document;
}

/** Reads <dir>/MLmodel; a clear error when the folder is not an MLflow model. */
export async function readMlModelFile(dir: string): Promise<MlModelDocument> {
  let text: string;
  try {
    text = await fs.readFile(join(dir, MLMODEL_FILE_NAME), 'utf8');
  } catch {
    throw new TrackingError(
      `'${dir}' is not an MLflow model folder: it has no ${MLMODEL_FILE_NAME} file (see writeMlModelFile)`,
      'INVALID_PARAMETER_VALUE',
    );
  }
  const parsed: unknown = parse(text, { version: '1.1' });
  const document = parsed as Partial<MlModelDocument> | null;
  if (!document || typeof document !== 'object' || !document.flavors || !document.artifact_path) {
    throw new TrackingError(
      `${join(dir, MLMODEL_FILE_NAME)} is malformed: artifact_path and flavors are required`,
      'INVALID_PARAMETER_VALUE',
    );
  }
  return document as MlModelDocument;
}
