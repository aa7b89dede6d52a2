import { UsageError } from '@topicops/config';
import { BagOfWords, Dictionary } from './dictionary';
import { Phrases } from './phrases';
import { PreprocessingConfig } from './preprocessing-config';
import { Tokenizer } from './tokenizer';

// A service replaying one model sees its vocabulary plus whatever noise requests bring: cache enough
// words for the first, and bound the memory the second can take (roughly 100 bytes a word).
const CACHED_WORDS = 1 << 18;

/**
 * Replays a recorded pre-processing on new text — the same tokeniser, the learned phrase layers and the
 * dictionary — so predictions see exactly the tokens the model was trained on.
 */
export class TextProcessor {
  readonly config: PreprocessingConfig;
  private readonly tokenizer: Tokenizer;

  constructor(
    config: PreprocessingConfig,
    readonly phrases: readonly Phrases[],
    readonly dictionary: Dictionary,
  ) {
    this.tokenizer = new Tokenizer(config, { maxCachedWords: CACHED_WORDS });
    this.config = this.tokenizer.config;
    const expectedLayers = this.config.phrases?.layers ?? 0;
    if (phrases.length !== expectedLayers) {
      throw new UsageError(
        `the pre-processing configuration has ${expectedLayers} phrase layer(s) but ${phrases.length} were given`,
      );
    }
    const delimiter = this.config.phrases?.delimiter;
    if (phrases.some((layer) => layer.delimiter !== delimiter)) {
      throw new UsageError(`the phrase layers do not use the configured delimiter "${delimiter}"`);
    }
  }

  tokens(text: string): string[] {
    let tokens = this.tokenizer.tokenize(text);
    for (const layer of this.phrases) tokens = layer.apply(tokens);
    return tokens;
  }

  bow(text: string): BagOfWords {
    return this.dictionary.doc2bow(this.tokens(text));
  }
}
