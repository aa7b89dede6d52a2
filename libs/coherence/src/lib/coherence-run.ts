import { CooccurrenceCounter } from './cooccurrence-counter';
import { CooccurrenceCounts } from './cooccurrence-counts';
import { CoherenceInputError } from './errors';
import { ResolvedOptions, resolveOptions } from './options';
import { scoreTopic } from './topic-score';
import { TopicVocabulary, buildTopicVocabulary } from './topic-vocabulary';
import { CoherenceOptions, CoherenceResult } from './types';

/**
 * The topic's first `topn` words that occur in the texts. Like gensim, which drops topic words missing
 * from its dictionary before cutting topics to topn, absent words are left out rather than scored.
 */
function wordsToScore(topic: Int32Array, counts: CooccurrenceCounts, topn: number): { kept: Int32Array; absent: number[] } {
  const kept: number[] = [];
  const absent: number[] = [];
  for (let w = 0; w < topic.length && kept.length < topn; w++) {
    if (counts.occurrences[topic[w]] > 0) kept.push(topic[w]);
    else absent.push(topic[w]);
  }
  return { kept: Int32Array.from(kept), absent };
}

/** One coherence computation: feed it every text, then finish(). */
export class CoherenceRun {
  private readonly options: ResolvedOptions;
  private readonly vocabulary: TopicVocabulary;
  private readonly counter: CooccurrenceCounter;
  private texts = 0;

  constructor(topics: unknown, options: CoherenceOptions) {
    this.options = resolveOptions(options);
    this.vocabulary = buildTopicVocabulary(topics);
    this.counter = new CooccurrenceCounter(this.vocabulary.index, this.options.window, this.options.mode);
  }

  addText(tokens: readonly string[]): void {
    this.counter.addText(tokens);
    this.texts++;
  }

  finish(): CoherenceResult {
    if (this.texts === 0) throw new CoherenceInputError('texts is empty: coherence needs at least one text');
    const { measure, mode, topn, window } = this.options;
    const warnings = [...this.options.warnings];
    const counts = this.counter.counts();
    const perTopic = this.vocabulary.topics.map((topic, t) => {
      const { kept, absent } = wordsToScore(topic, counts, topn);
      if (absent.length > 0) {
        const words = absent.map((id) => this.vocabulary.words[id]).join(', ');
        warnings.push(`topics[${t}]: ${absent.length} word(s) absent from the texts were left out: ${words}`);
      }
      const score = scoreTopic(measure, counts, kept);
      if (score.problem) warnings.push(`topics[${t}]: ${score.problem}; ${measure} scored ${score.value}`);
      return score.value;
    });
    const mean = perTopic.reduce((sum, value) => sum + value, 0) / perTopic.length;
    return { measure, mode, topn, window, perTopic, mean, warnings };
  }
}
