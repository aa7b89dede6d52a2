import { Command } from 'commander';
import { ExitCode } from '@topicops/config';
import { runExport, runIngest, runPreprocess } from '@topicops/pipeline';
import { choice, decimal, integer, stringList } from '../options';
import { runCommand, withStageContext } from '../run-command';

export const DEFAULT_CORPUS = 'default';

export function ingestCommand(): Command {
  return new Command('ingest')
    .description('load a folder tree (ChroniclItaly layout), a CSV/JSONL file or the "sotu" demo corpus into the database')
    .requiredOption('--source <path>', 'folder, .csv, .jsonl, or the name "sotu"')
    .option('--corpus <name>', 'corpus name', DEFAULT_CORPUS)
    .option('--format <format>', 'auto|chroniclitaly|csv|jsonl|sotu', choice(['auto', 'chroniclitaly', 'csv', 'jsonl', 'sotu'] as const), 'auto')
    .option('--publications <csv>', 'CSV mapping lccn,title to publication names')
    .option('--text-field <name>', 'CSV/JSONL field holding the text', 'text')
    .option('--date-field <name>', 'CSV/JSONL field holding the date (YYYY, YYYY-MM or YYYY-MM-DD)', 'date')
    .option('--id-field <name>', 'CSV/JSONL field holding a stable record id', 'id')
    .option('--publication-field <name>', 'CSV/JSONL field holding the publication name')
    .option('--metadata-fields <list>', 'comma-separated CSV/JSONL fields kept as metadata', stringList)
    .action(async (opts) =>
      runCommand('ingest', (env) =>
        withStageContext(env, async (ctx) => {
          const summary = await runIngest(ctx, {
            source: opts.source,
            corpus: opts.corpus,
            format: opts.format,
            publications: opts.publications,
            fields: {
              text: opts.textField,
              date: opts.dateField,
              id: opts.idField,
              publication: opts.publicationField,
              metadata: opts.metadataFields,
            },
          });
          const loaded = summary.added + summary.updated + summary.unchanged;
          return { summary, exitCode: loaded > 0 ? ExitCode.OK : ExitCode.USAGE };
        }),
      ),
    );
}

export function preprocessCommand(): Command {
  return new Command('preprocess')
    .description('tokenise, remove stopwords, learn phrases and the dictionary; stores a versioned pre-processing')
    .option('--corpus <name>', 'corpus name', DEFAULT_CORPUS)
    .option('--stopwords <file>', 'custom stopword list (CSV with a "stopword" header, or a word per line)')
    .option('--languages <codes>', 'stopwords-iso languages, comma-separated ("" for none)', stringList)
    .option('--token-pattern <pattern>', 'latin (gensim reference [a-zà-öø-ÿ]+) | unicode (\\p{L}+)', choice(['latin', 'unicode'] as const))
    .option('--min-length <n>', 'shortest token kept', integer(1, 100))
    .option('--no-elisions', "keep Italian elided articles (dell'anno stays one token)")
    .option('--no-join-hyphenated', 'do not re-join words hyphenated across line ends')
    .option('--stem <language>', 'Snowball stemming: italian|english', choice(['italian', 'english'] as const))
    .option('--lemmatize', 'English lemmas with compromise')
    .option('--no-phrases', 'do not learn bigrams')
    .option('--trigrams', 'apply phrase detection twice (trigrams)')
    .option('--phrases-min-count <n>', 'Phrases min_count', integer(1))
    .option('--phrases-threshold <x>', 'Phrases threshold (default scorer)', decimal(0, 1e9))
    .option('--no-below <n>', 'dictionary: drop tokens in fewer documents', integer(1))
    .option('--no-above <fraction>', 'dictionary: drop tokens in more than this fraction of documents', decimal(0, 1))
    .option('--keep-n <n>', 'dictionary: keep at most this many tokens', integer(1))
    .action(async (opts) =>
      runCommand('preprocess', (env) =>
        withStageContext(env, async (ctx) => {
          const defaults = (await import('@topicops/nlp')).defaultPreprocessingConfig();
          const phrases =
            opts.phrases === false
              ? null
              : {
                  ...(defaults.phrases ?? { minCount: 3, threshold: 20, delimiter: '_', layers: 1 }),
                  ...(opts.phrasesMinCount !== undefined ? { minCount: opts.phrasesMinCount } : {}),
                  ...(opts.phrasesThreshold !== undefined ? { threshold: opts.phrasesThreshold } : {}),
                  ...(opts.trigrams ? { layers: 2 as const } : {}),
                };
          const summary = await runPreprocess(ctx, {
            corpus: opts.corpus,
            stopwordsFile: opts.stopwords,
            config: {
              ...(opts.languages !== undefined ? { stopwordLanguages: opts.languages } : {}),
              ...(opts.tokenPattern ? { tokenPattern: opts.tokenPattern } : {}),
              ...(opts.minLength !== undefined ? { minLength: opts.minLength } : {}),
              elisions: opts.elisions,
              joinHyphenated: opts.joinHyphenated,
              stemmer: opts.stem ?? null,
              lemmatize: Boolean(opts.lemmatize),
              phrases,
              dictionary: {
                // commander reads --no-below/--no-above as negations: a number means the flag was given
                noBelow: typeof opts.below === 'number' ? opts.below : defaults.dictionary.noBelow,
                noAbove: typeof opts.above === 'number' ? opts.above : defaults.dictionary.noAbove,
                keepN: opts.keepN ?? defaults.dictionary.keepN,
              },
            },
          });
          return { summary };
        }),
      ),
    );
}

export function exportCommand(): Command {
  return new Command('export')
    .description('write corpus.mm, vocab.txt, texts.jsonl and docs.jsonl for outside tools (gensim MmCorpus)')
    .requiredOption('--out <dir>', 'output folder')
    .option('--format <format>', 'mm (Matrix Market)', choice(['mm'] as const), 'mm')
    .option('--corpus <name>', 'corpus name', DEFAULT_CORPUS)
    .option('--preprocessing <version>', 'pre-processing version (default: latest)', integer(1))
    .option('--heldout-fraction <f>', 'also write train.mm / heldout.mm with this held-out share', decimal(0, 0.9))
    .action(async (opts) =>
      runCommand('export', (env) =>
        withStageContext(env, async (ctx) => ({
          summary: await runExport(ctx, {
            corpus: opts.corpus,
            format: opts.format,
            out: opts.out,
            preprocessingVersion: opts.preprocessing,
            heldoutFraction: opts.heldoutFraction,
          }),
        })),
      ),
    );
}
