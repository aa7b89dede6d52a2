import { CooccurrenceCounts } from './cooccurrence-counts';
import { logConditionalProbability, logRatio, normalizedLogRatio } from './direct-confirmation';
import { contextVectorCosine } from './indirect-confirmation';
import { oneAfterPrevious, oneToOne } from './segmentation';
import { CoherenceMeasure } from './types';

export interface TopicScore {
  value: number;
  /** Why the value is a stand-in where gensim would give NaN; absent when the value is gensim's. */
  problem?: string;
}

type PairMeasure = (counts: CooccurrenceCounts, wPrime: number, wStar: number) => number;

function meanOverPairs(pairs: Iterable<[number, number]>, measure: PairMeasure, counts: CooccurrenceCounts): TopicScore {
  let sum = 0;
  let segments = 0;
  for (const [wPrime, wStar] of pairs) {
    sum += measure(counts, wPrime, wStar);
    segments++;
  }
  if (segments === 0) return { value: 0, problem: 'it has fewer than 2 words that occur in the texts, so it has no word pairs to score' };
  return { value: sum / segments };
}

/** One topic's coherence (arithmetic mean over its segments); `topic` holds only words that occur in the texts. */
export function scoreTopic(measure: CoherenceMeasure, counts: CooccurrenceCounts, topic: Int32Array): TopicScore {
  switch (measure) {
    case 'u_mass':
      return meanOverPairs(oneAfterPrevious(topic), logConditionalProbability, counts);
    case 'c_uci':
      return meanOverPairs(oneToOne(topic), logRatio, counts);
    case 'c_npmi':
      return meanOverPairs(oneToOne(topic), normalizedLogRatio, counts);
    case 'c_v': {
      if (topic.length === 0) return { value: 0, problem: 'none of its words occur in the texts' };
      const { value, zeroVectorSegments } = contextVectorCosine(counts, topic);
      if (zeroVectorSegments === 0) return { value };
      return { value, problem: `${zeroVectorSegments} of its words have an all-zero context vector; their cosine counts as 0` };
    }
  }
}
