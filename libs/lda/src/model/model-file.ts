import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@topicops/config';
import { LdaModelParameters, ModelInferenceDefaults, TrainingInfo } from './model-parameters';

// Model folder, format version 1 (documented in libs/lda/README.md):
//   model.json  the header below
//   lambda.f32  λ, K×V float32 little-endian, row-major (topic by topic)
export const MODEL_FORMAT = 'topicops-lda';
export const MODEL_FORMAT_VERSION = 1;
export const HEADER_FILE = 'model.json';
export const LAMBDA_FILE = 'lambda.f32';

export interface ModelHeader {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  numTopics: number;
  numTerms: number;
  alpha: number[];
  /** One number when η is the same for every term. */
  eta: number | number[];
  lambda: { file: string; dtype: 'float32'; byteOrder: 'little-endian'; shape: [number, number]; sha256: string };
  inference: ModelInferenceDefaults;
  backend: string;
  training: TrainingInfo | null;
  savedAt: string;
}

/** What save() needs from a model. */
export interface SavableModel {
  numTopics: number;
  numTerms: number;
  alpha: Float64Array;
  eta: Float64Array;
  lambda: Float32Array;
  inferenceDefaults: ModelInferenceDefaults;
  backend: string;
  training?: TrainingInfo;
}

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

export function toLittleEndianBytes(values: Float32Array): Buffer {
  if (LITTLE_ENDIAN_HOST) return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const bytes = Buffer.alloc(values.byteLength);
  values.forEach((v, i) => bytes.writeFloatLE(v, i * 4));
  return bytes;
}

function fromLittleEndianBytes(bytes: Buffer): Float32Array {
  const values = new Float32Array(bytes.byteLength / 4);
  if (LITTLE_ENDIAN_HOST) new Uint8Array(values.buffer).set(bytes);
  else for (let i = 0; i < values.length; i++) values[i] = bytes.readFloatLE(i * 4);
  return values;
}

function compactEta(eta: Float64Array): number | number[] {
  return eta.every((v) => v === eta[0]) ? eta[0] : Array.from(eta);
}

export async function saveModel(dir: string, model: SavableModel): Promise<void> {
  await mkdir(dir, { recursive: true });
  const bytes = toLittleEndianBytes(model.lambda);
  const header: ModelHeader = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    numTopics: model.numTopics,
    numTerms: model.numTerms,
    alpha: Array.from(model.alpha),
    eta: compactEta(model.eta),
    lambda: {
      file: LAMBDA_FILE,
      dtype: 'float32',
      byteOrder: 'little-endian',
      shape: [model.numTopics, model.numTerms],
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
    inference: model.inferenceDefaults,
    backend: model.backend,
    training: model.training ?? null,
    savedAt: new Date().toISOString(),
  };
  // Write to temporary names first so that a crash never leaves a header pointing at half a matrix.
  await writeFile(join(dir, `${LAMBDA_FILE}.tmp`), bytes);
  await writeFile(join(dir, `${HEADER_FILE}.tmp`), `${JSON.stringify(header, null, 2)}\n`);
  await rename(join(dir, `${LAMBDA_FILE}.tmp`), join(dir, LAMBDA_FILE));
  await rename(join(dir, `${HEADER_FILE}.tmp`), join(dir, HEADER_FILE));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseHeader(text: string, source: string): ModelHeader {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`${source} is not valid JSON`);
  }
  if (!isRecord(parsed) || parsed['format'] !== MODEL_FORMAT) {
    throw new UsageError(`${source} is not a TopicOps LDA model header (expected "format": "${MODEL_FORMAT}")`);
  }
  const version = parsed['formatVersion'];
  if (version !== MODEL_FORMAT_VERSION) {
    const newer = typeof version === 'number' && version > MODEL_FORMAT_VERSION;
    throw new UsageError(
      `${source}: model format version ${String(version)} is ${newer ? 'newer than' : 'not'} supported (this software reads version ${MODEL_FORMAT_VERSION})`,
    );
  }
  const lambda = parsed['lambda'];
  if (
    !isRecord(lambda) ||
    lambda['dtype'] !== 'float32' ||
    lambda['byteOrder'] !== 'little-endian' ||
    typeof lambda['file'] !== 'string'
  ) {
    throw new UsageError(`${source}: "lambda" must describe a float32 little-endian file`);
  }
  if (!Array.isArray(parsed['alpha'])) throw new UsageError(`${source}: "alpha" must be a list of numbers`);
  if (typeof parsed['eta'] !== 'number' && !Array.isArray(parsed['eta']))
    throw new UsageError(`${source}: "eta" must be a number or a list of numbers`);
  return parsed as unknown as ModelHeader;
}

/** Reads and validates a model folder. */
export async function loadModel(dir: string): Promise<{ parameters: LdaModelParameters; source: string }> {
  const headerPath = join(dir, HEADER_FILE);
  let text: string;
  try {
    text = await readFile(headerPath, 'utf8');
  } catch {
    throw new UsageError(`no LDA model in ${dir} (${HEADER_FILE} is missing or unreadable)`);
  }
  const header = parseHeader(text, headerPath);
  const { numTopics, numTerms } = header;
  const [rows, columns] = header.lambda.shape ?? [];
  if (rows !== numTopics || columns !== numTerms) {
    throw new UsageError(
      `${headerPath}: lambda shape ${JSON.stringify(header.lambda.shape)} does not match numTopics × numTerms = [${numTopics}, ${numTerms}]`,
    );
  }
  const lambdaPath = join(dir, header.lambda.file);
  const expectedBytes = numTopics * numTerms * 4;
  const size = await stat(lambdaPath).then(
    (s) => s.size,
    () => -1,
  );
  if (size < 0) throw new UsageError(`${lambdaPath} is missing (the model header refers to it)`);
  if (size !== expectedBytes) {
    throw new UsageError(
      `${lambdaPath} has ${size} bytes; ${numTopics} topics × ${numTerms} terms of float32 need ${expectedBytes}`,
    );
  }
  const bytes = await readFile(lambdaPath);
  if (header.lambda.sha256 && createHash('sha256').update(bytes).digest('hex') !== header.lambda.sha256) {
    throw new UsageError(`${lambdaPath} does not match the checksum in ${HEADER_FILE} (corrupted or replaced)`);
  }
  return {
    source: headerPath,
    parameters: {
      numTopics,
      numTerms,
      alpha: header.alpha,
      eta: header.eta,
      lambda: fromLittleEndianBytes(bytes),
      inference: header.inference,
      backend: header.backend,
      training: header.training ?? undefined,
    },
  };
}
