// Measures the two E-step paths on tfjs-wasm for documents of a given length: padded sub-batches
// (batched matMul) vs one document at a time (batch-1 matMul → XNNPACK). Used to set WASM_PER_DOCUMENT_FROM.
//
//   node -r @swc-node/register tools/bench/lda-estep-crossover.ts [--topics 20,50,100] [--lengths 50,100,200,400,800,1600]
//        [--budget <padded elements per sub-batch>]
import './lda-workspace-paths';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { packDocs } from '../../libs/lda/src/corpus/packed-docs';
import { runEStep } from '../../libs/lda/src/estep/run-estep';
import { TopicColumns } from '../../libs/lda/src/estep/topic-columns';
import { selectBackend } from '../../libs/lda/src/tensor/backend';

const { values } = parseArgs({
  options: {
    topics: { type: 'string', default: '20,50,100' },
    lengths: { type: 'string', default: '50,100,200,400,800,1600' },
    budget: { type: 'string' },
  },
});
const V = 20_000;
const ITERATIONS = 20;

async function main(): Promise<void> {
  await selectBackend('wasm');
  let seed = 7;
  const uniform = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) + 0.5) / 4294967296;
  for (const K of values.topics.split(',').map(Number)) {
    const topics = TopicColumns.fromUnpadded(
      Float32Array.from({ length: V * K }, () => 0.5 + uniform()),
      K,
      V,
    );
    for (const length of values.lengths.split(',').map(Number)) {
      const numDocs = Math.max(8, Math.min(400, Math.round(4_000_000 / (length * K))));
      const docs = Array.from({ length: numDocs }, () => {
        const ids = new Set<number>();
        while (ids.size < length) ids.add(Math.floor(uniform() * V));
        return [...ids].sort((a, b) => a - b).map((id) => [id, 1 + Math.floor(uniform() * 3)] as [number, number]);
      });
      const packed = packDocs(docs, V);
      const gammaInit = new Float32Array(numDocs * K).fill(1);
      const elementBudget = values.budget ? Number(values.budget) : undefined;
      const settings = {
        alpha: new Float64Array(K).fill(1 / K),
        iterations: ITERATIONS,
        gammaThreshold: 0,
        collectSstats: true,
        elementBudget,
      };
      const time = (perDocumentFrom: number) => {
        const started = performance.now();
        runEStep(topics, packed, gammaInit, { ...settings, perDocumentFrom });
        return ((performance.now() - started) * 1000) / (numDocs * ITERATIONS);
      };
      time(Infinity);
      time(0);
      const batched: number[] = [];
      const single: number[] = [];
      for (let r = 0; r < 3; r++) {
        batched.push(time(Infinity));
        single.push(time(0));
      }
      const med = (xs: number[]) => xs.sort((a, b) => a - b)[1];
      process.stdout.write(
        `K=${K} length=${length} elements=${K * length}: batched ${med(batched).toFixed(1)} µs/doc-iteration, one-by-one ${med(single).toFixed(1)}\n`,
      );
    }
  }
}

void main();
