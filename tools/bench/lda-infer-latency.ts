// Latency of LdaModel.documentTopics() for one short document (the API's per-request path):
//
//   node -r @swc-node/register tools/bench/lda-infer-latency.ts [--model <dir>] [--topics 20] [--words 300]
//        [--terms 21201] [--repeats 2000]
//
// With --model, a saved model; otherwise random λ of --topics × --terms. Documents of --words tokens are
// drawn Zipf-like from the vocabulary; reports median and p99 milliseconds of deterministic inference.
import './lda-workspace-paths';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Bow, LdaModel } from '@topicops/lda';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    topics: { type: 'string', default: '20' },
    words: { type: 'string', default: '300' },
    terms: { type: 'string', default: '21201' },
    repeats: { type: 'string', default: '2000' },
  },
});
const words = Number(values.words);
let seed = 12345;
const uniform = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) + 0.5) / 4294967296;

function randomModel(K: number, V: number): LdaModel {
  const lambda = Float32Array.from(
    { length: K * V },
    () => 0.05 + -Math.log(uniform()) * (uniform() < 0.02 ? 50 : 0.5),
  );
  return new LdaModel({ numTopics: K, numTerms: V, alpha: new Array(K).fill(1 / K), eta: 1 / K, lambda });
}

function document(V: number): Bow {
  const counts = new Map<number, number>();
  for (let i = 0; i < words; i++) {
    const id = Math.min(V - 1, Math.floor(Math.exp(uniform() * Math.log(V))) - 1);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts.entries()];
}

async function main(): Promise<void> {
  const model = values.model
    ? await LdaModel.load(values.model)
    : randomModel(Number(values.topics), Number(values.terms));
  const K = model.numTopics;
  const docs = Array.from({ length: 200 }, () => document(model.numTerms));
  await model.documentTopics(docs[0]);
  const times: number[] = [];
  for (let i = 0; i < Number(values.repeats); i++) {
    const doc = docs[i % docs.length];
    const started = performance.now();
    await model.documentTopics(doc);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const unique = docs.reduce((sum, d) => sum + d.length, 0) / docs.length;
  process.stdout.write(
    `${JSON.stringify({ topics: K, words, unique_terms: Math.round(unique), median_ms: times[times.length >> 1], p99_ms: times[Math.floor(times.length * 0.99)], backend: model.backend })}\n`,
  );
}

void main();
