// Pre-processing throughput, step for step the same work as /work/shared/bench/peer_preprocess.py:
//   node -r @swc-node/register tools/bench/preprocess-bench.ts <folder> <stopwords.csv>
// Reads every .txt below the folder (not timed), tokenises with the reference tokenisation (lowercase,
// [a-zà-öø-ÿ]+, length > 2, custom stopwords), learns and applies bigrams (min_count=3, threshold=20),
// builds the dictionary, filter_extremes(no_below=5, no_above=0.5), doc2bow. Prints one JSON line.
// Also reports the prediction-time replay (TextProcessor.bow) latency on ~300-word texts, warmed up.
import './preprocess-bench-paths';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  Dictionary,
  Phrases,
  TextProcessor,
  Tokenizer,
  defaultPreprocessingConfig,
  readStopwordFile,
} from '@topicops/nlp';

function textFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.txt'))
    .map((name) => join(folder, name))
    .sort();
}

function timed<T>(seconds: Record<string, number>, step: string, work: () => T): T {
  const start = performance.now();
  const result = work();
  seconds[step] = (performance.now() - start) / 1000;
  return result;
}

/** Median and 99th percentile microseconds of `processor.bow` on 300-word slices of the corpus. */
function replayLatency(processor: TextProcessor, raw: string[]): { p50: number; p99: number } {
  const samples = raw.flatMap((text) => {
    const words = text.split(/\s+/);
    return words.length >= 300 ? [words.slice(0, 300).join(' ')] : [];
  });
  for (const text of samples) processor.bow(text); // warm-up: JIT and the tokeniser's word cache
  const micros: number[] = [];
  for (let round = 0; round < 4; round += 1) {
    for (const text of samples) {
      const start = performance.now();
      processor.bow(text);
      micros.push((performance.now() - start) * 1000);
    }
  }
  micros.sort((a, b) => a - b);
  return { p50: micros[Math.floor(micros.length / 2)], p99: micros[Math.floor(micros.length * 0.99)] };
}

function main(): void {
  const [folder, stopwordsCsv] = process.argv.slice(2);
  if (!folder || !stopwordsCsv) {
    process.stderr.write(
      'usage: node -r @swc-node/register tools/bench/preprocess-bench.ts <folder> <stopwords.csv>\n',
    );
    process.exit(2);
  }
  const config = defaultPreprocessingConfig({
    tokenPattern: 'latin',
    stopwordLanguages: [],
    elisions: false,
    joinHyphenated: false,
    customStopwords: readStopwordFile(stopwordsCsv),
  });
  const tokenizer = new Tokenizer(config);
  const seconds: Record<string, number> = {};

  const raw = timed(seconds, 'read', () => textFiles(folder).map((path) => readFileSync(path).toString('utf8')));
  const megabytes = raw.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6;
  let texts = timed(seconds, 'tokenise_stopwords', () => raw.map((text) => tokenizer.tokenize(text)));
  const phrases = timed(seconds, 'phrases', () => {
    const learned = Phrases.learn(texts, { minCount: 3, threshold: 20 });
    texts = texts.map((tokens) => learned.apply(tokens));
    return learned;
  });
  const dictionary = timed(seconds, 'dictionary_bow', () => {
    const built = new Dictionary();
    built.addDocuments(texts);
    built.filterExtremes(5, 0.5);
    texts.forEach((tokens) => built.doc2bow(tokens));
    return built;
  });

  const latency = replayLatency(new TextProcessor(config, [phrases], dictionary), raw);
  const total = Object.entries(seconds).reduce((sum, [step, value]) => (step === 'read' ? sum : sum + value), 0);
  const round = (value: number, digits: number) => Number(value.toFixed(digits));
  process.stdout.write(
    `${JSON.stringify({
      docs: raw.length,
      MB: round(megabytes, 1),
      seconds: Object.fromEntries(Object.entries(seconds).map(([step, value]) => [step, round(value, 3)])),
      seconds_without_read: round(total, 3),
      MB_per_s: round(megabytes / total, 2),
      vocab: dictionary.size,
      bow_300_words_us: { p50: round(latency.p50, 1), p99: round(latency.p99, 1) },
    })}\n`,
  );
}

main();
