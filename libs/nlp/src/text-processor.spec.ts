import { UsageError } from '@topicops/config';
import { Dictionary } from './dictionary';
import { Phrases } from './phrases';
import { defaultPreprocessingConfig } from './preprocessing-config';
import { TextProcessor } from './text-processor';
import { Tokenizer } from './tokenizer';

describe('TextProcessor', () => {
  const config = defaultPreprocessingConfig({
    phrases: { minCount: 1, threshold: 1, delimiter: '_', layers: 2 },
    dictionary: { noBelow: 1, noAbove: 1, keepN: 100 },
  });
  const corpus = [
    "L'anarchia è la propaganda della Cronaca Sovversiva di Barre Vermont Granite.",
    'La Cronaca Sovversiva a Barre Vermont Granite: propa-\nganda anarchica.',
    'Barre Vermont Granite e la Cronaca Sovversiva, giornale.',
    'Altro giornale, altra città: Barre.',
  ];
  const tokenizer = new Tokenizer(config);
  let texts = corpus.map((text) => tokenizer.tokenize(text));
  const layers: Phrases[] = [];
  for (let layer = 0; layer < 2; layer += 1) {
    const phrases = Phrases.learn(texts, { minCount: 1, threshold: 1 });
    texts = texts.map((tokens) => phrases.apply(tokens));
    layers.push(phrases);
  }
  const dictionary = new Dictionary();
  dictionary.addDocuments(texts);

  it('replays tokenisation and every phrase layer on new text', () => {
    // gensim scores barre_vermont + granite by its first and last words, so "barre" must occur alone too.
    const processor = new TextProcessor(config, layers, dictionary);
    expect(texts[1]).toEqual(['cronaca_sovversiva', 'barre_vermont_granite', 'propaganda', 'anarchica']);
    expect(processor.tokens("Dall'altra Barre Vermont Granite, la Cronaca Sovversiva!")).toEqual([
      'altra',
      'barre_vermont_granite',
      'cronaca_sovversiva',
    ]);
  });

  it('turns text into the bag of words of the training dictionary', () => {
    const processor = new TextProcessor(config, layers, dictionary);
    const id = (token: string) => dictionary.token2id.get(token) ?? -1;
    expect(processor.bow('giornale, GIORNALE e parola nuova')).toEqual([[id('giornale'), 2]]);
  });

  it('works from stored JSON, as the prediction API loads it', () => {
    const stored = JSON.parse(JSON.stringify({ config, phrases: layers, dictionary }));
    const processor = new TextProcessor(
      stored.config,
      stored.phrases.map(Phrases.fromJSON),
      Dictionary.fromJSON(stored.dictionary),
    );
    expect(processor.bow('Cronaca Sovversiva')).toEqual(
      new TextProcessor(config, layers, dictionary).bow('Cronaca Sovversiva'),
    );
  });

  it('refuses phrase layers that do not match the configuration', () => {
    expect(() => new TextProcessor(config, layers.slice(0, 1), dictionary)).toThrow(UsageError);
    expect(() => new TextProcessor(config, layers.slice(0, 1), dictionary)).toThrow(
      /2 phrase layer\(s\) but 1 were given/,
    );
    const dashed = new Phrases({ minCount: 1, threshold: 1, delimiter: '-' }, new Map());
    expect(() => new TextProcessor(config, [dashed, dashed], dictionary)).toThrow(/delimiter "_"/);
  });
});
