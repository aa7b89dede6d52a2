import { PackedDocs } from '../corpus/packed-docs';
import { digamma } from '../math/special-functions';
import { Tensor, Tensor2D, Tensor3D, tf } from '../tensor/tf';
import { EStepResult, EStepSettings, FLOAT32_EPSILON } from './estep-types';
import { SubBatch } from './sub-batches';
import { TopicColumns } from './topic-columns';

/** Drop converged documents from the tensors once fewer than this fraction are still iterating. */
const COMPACT_BELOW = 0.75;

/** Per-sub-batch state kept on the host: γ and exp(E[log θ]) of each document, float64. */
interface HostState {
  gamma: Float64Array;
  expElogtheta: Float64Array;
  done: Uint8Array;
}

function initialiseHostState(batch: SubBatch, numTopics: number, gammaInit: Float32Array): HostState {
  const size = batch.docs.length;
  const gamma = new Float64Array(size * numTopics);
  const expElogtheta = new Float64Array(size * numTopics);
  for (let b = 0; b < size; b++) {
    const from = batch.docs[b] * numTopics;
    for (let k = 0; k < numTopics; k++) gamma[b * numTopics + k] = gammaInit[from + k];
    updateExpElogtheta(gamma, expElogtheta, b * numTopics, numTopics);
  }
  return { gamma, expElogtheta, done: new Uint8Array(size) };
}

function updateExpElogtheta(gamma: Float64Array, out: Float64Array, offset: number, numTopics: number): void {
  let sum = 0;
  for (let k = 0; k < numTopics; k++) sum += gamma[offset + k];
  const psiSum = digamma(sum);
  for (let k = 0; k < numTopics; k++) out[offset + k] = Math.exp(digamma(gamma[offset + k]) - psiSum);
}

/** The tensors of the documents still in the batch; row r holds sub-batch document rows[r]. */
interface DeviceState {
  rows: Int32Array;
  /** exp(E[log β]) columns of each document, [R, L, K] and its transpose [R, K, L]. */
  columns: Tensor3D;
  columnsT: Tensor3D;
  counts: Tensor2D;
  /** n_dw / φnorm_dw, [R, L]. */
  ratio: Tensor2D;
}

function uploadRows(
  topics: TopicColumns,
  docs: PackedDocs,
  batch: SubBatch,
  rows: Int32Array,
): Omit<DeviceState, 'ratio'> {
  const K = topics.numTopics;
  const size = rows.length;
  const L = batch.length;
  const docIds = Int32Array.from(rows, (b) => batch.docs[b]);
  const counts = new Float32Array(size * L);
  for (let r = 0; r < size; r++) {
    const d = docIds[r];
    counts.set(docs.counts.subarray(docs.offsets[d], docs.offsets[d + 1]), r * L);
  }
  const columns = tf.tensor3d(topics.gather(docs.ids, docs.offsets, docIds, L), [size, L, K]);
  return {
    rows,
    columns,
    columnsT: tf.transpose(columns, [0, 2, 1]),
    counts: tf.tensor2d(counts, [size, L]),
  };
}

/** n / (exp(E[log β])ᵀ·exp(E[log θ]) + ε) for every row, from the host's current exp(E[log θ]). */
function computeRatio(device: Omit<DeviceState, 'ratio'>, host: HostState, numTopics: number): Tensor2D {
  const rows = device.rows.length;
  const theta = new Float32Array(rows * numTopics);
  for (let r = 0; r < rows; r++) {
    const from = device.rows[r] * numTopics;
    for (let k = 0; k < numTopics; k++) theta[r * numTopics + k] = host.expElogtheta[from + k];
  }
  return tf.tidy(() => {
    const phiNorm = tf.reshape(
      tf.matMul(device.columns, tf.tensor3d(theta, [rows, numTopics, 1])),
      device.counts.shape,
    );
    return tf.div(device.counts, tf.add(phiNorm, FLOAT32_EPSILON)) as Tensor2D;
  });
}

/** One γ update for every row still iterating; returns how many met the threshold. */
function updateGamma(
  topicSums: Float32Array,
  device: DeviceState,
  host: HostState,
  settings: EStepSettings,
  numTopics: number,
  justConverged: Uint8Array,
): number {
  let converged = 0;
  for (let r = 0; r < device.rows.length; r++) {
    const b = device.rows[r];
    if (host.done[b]) continue;
    const offset = b * numTopics;
    let change = 0;
    for (let k = 0; k < numTopics; k++) {
      const updated = settings.alpha[k] + host.expElogtheta[offset + k] * topicSums[r * numTopics + k];
      change += Math.abs(updated - host.gamma[offset + k]);
      host.gamma[offset + k] = updated;
    }
    updateExpElogtheta(host.gamma, host.expElogtheta, offset, numTopics);
    if (change / numTopics < settings.gammaThreshold) {
      justConverged[b] = 1;
      converged++;
    }
  }
  return converged;
}

/** Adds the finished rows' n_dw·exp(E[log θ_dk])/φnorm_dw to the term-major statistics. */
function collectFinished(
  device: DeviceState,
  host: HostState,
  docs: PackedDocs,
  batch: SubBatch,
  numTopics: number,
  sstats: Float32Array | null,
): void {
  if (!sstats) return;
  const ratio = device.ratio.dataSync();
  const L = batch.length;
  for (let r = 0; r < device.rows.length; r++) {
    const b = device.rows[r];
    if (!host.done[b]) continue;
    const d = batch.docs[b];
    const from = docs.offsets[d];
    const n = docs.offsets[d + 1] - from;
    const theta = b * numTopics;
    for (let i = 0; i < n; i++) {
      const weight = ratio[r * L + i];
      const row = docs.ids[from + i] * numTopics;
      for (let k = 0; k < numTopics; k++) sstats[row + k] += weight * host.expElogtheta[theta + k];
    }
  }
}

/** Rebuilds the tensors for the rows still iterating (cheaper than tfjs-wasm's gather). */
function keepRows(
  topics: TopicColumns,
  docs: PackedDocs,
  batch: SubBatch,
  device: DeviceState,
  host: HostState,
  keep: number[],
): DeviceState {
  disposeDevice(device);
  const uploaded = uploadRows(
    topics,
    docs,
    batch,
    Int32Array.from(keep, (r) => device.rows[r]),
  );
  return { ...uploaded, ratio: computeRatio(uploaded, host, topics.numTopics) };
}

function disposeDevice(device: DeviceState): void {
  tf.dispose([device.columns, device.columnsT, device.counts, device.ratio] as Tensor[]);
}

/** gensim's inference for one padded sub-batch, iterated with two batched matMuls per step. */
export function runSubBatch(
  topics: TopicColumns,
  docs: PackedDocs,
  batch: SubBatch,
  gammaInit: Float32Array,
  settings: EStepSettings,
  result: EStepResult,
): void {
  const K = topics.numTopics;
  const host = initialiseHostState(batch, K, gammaInit);
  const uploaded = uploadRows(
    topics,
    docs,
    batch,
    Int32Array.from(batch.docs, (_, b) => b),
  );
  let device: DeviceState = { ...uploaded, ratio: computeRatio(uploaded, host, K) };
  const justConverged = new Uint8Array(batch.docs.length);
  try {
    for (let iteration = 1; iteration <= settings.iterations; iteration++) {
      const sumsTensor = tf.tidy(() =>
        tf.matMul(device.columnsT, tf.reshape(device.ratio, [device.rows.length, batch.length, 1])),
      );
      const topicSums = sumsTensor.dataSync() as Float32Array;
      sumsTensor.dispose();
      let active = 0;
      for (let r = 0; r < device.rows.length; r++) if (!host.done[device.rows[r]]) active++;
      result.iterations += active;
      result.converged += updateGamma(topicSums, device, host, settings, K, justConverged);
      const ratio = computeRatio(device, host, K);
      device.ratio.dispose();
      device.ratio = ratio;

      let stillActive = 0;
      for (let r = 0; r < device.rows.length; r++) {
        const b = device.rows[r];
        if (justConverged[b] || iteration === settings.iterations) host.done[b] = 1;
        if (!host.done[b]) stillActive++;
      }
      if (stillActive === 0) break;
      if (stillActive < COMPACT_BELOW * device.rows.length) {
        collectFinished(device, host, docs, batch, K, result.sstats);
        const keep: number[] = [];
        for (let r = 0; r < device.rows.length; r++) if (!host.done[device.rows[r]]) keep.push(r);
        device = keepRows(topics, docs, batch, device, host, keep);
      }
    }
    collectFinished(device, host, docs, batch, K, result.sstats);
  } finally {
    disposeDevice(device);
  }
  for (let b = 0; b < batch.docs.length; b++) {
    const to = batch.docs[b] * K;
    for (let k = 0; k < K; k++) result.gamma[to + k] = host.gamma[b * K + k];
  }
}
