import { CoherenceInputError } from './errors';

/** Every distinct word of every topic, interned to 0..size-1; the only words whose counts matter. */
export interface TopicVocabulary {
  /** word -> index */
  readonly index: ReadonlyMap<string, number>;
  readonly words: readonly string[];
  /** Each topic as vocabulary indices, in the given order (best word first). */
  readonly topics: readonly Int32Array[];
}

/** Checks that topics is a non-empty list of non-empty lists of distinct, non-empty strings. */
export function validateTopics(topics: unknown): string[][] {
  if (!Array.isArray(topics) || topics.length === 0) {
    throw new CoherenceInputError('topics must be a non-empty list of topics, each a list of words');
  }
  topics.forEach((topic: unknown, t) => {
    if (!Array.isArray(topic) || topic.length === 0) {
      throw new CoherenceInputError(`topics[${t}] must be a non-empty list of words`);
    }
    const seen = new Set<string>();
    topic.forEach((word: unknown, w) => {
      if (typeof word !== 'string' || word.length === 0) {
        throw new CoherenceInputError(`topics[${t}][${w}] must be a non-empty string (got ${JSON.stringify(word) ?? String(word)})`);
      }
      if (seen.has(word)) throw new CoherenceInputError(`topics[${t}] lists "${word}" more than once`);
      seen.add(word);
    });
  });
  return topics as string[][];
}

/** Validates topics (they may come from untyped callers) and interns their words. */
export function buildTopicVocabulary(topics: unknown): TopicVocabulary {
  const index = new Map<string, number>();
  const words: string[] = [];
  const topicIds = validateTopics(topics).map((topic) => {
    const ids = new Int32Array(topic.length);
    topic.forEach((word, w) => {
      let id = index.get(word);
      if (id === undefined) {
        id = words.length;
        index.set(word, id);
        words.push(word);
      }
      ids[w] = id;
    });
    return ids;
  });
  return { index, words, topics: topicIds };
}
