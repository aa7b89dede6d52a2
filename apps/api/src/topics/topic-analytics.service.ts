import { Injectable } from '@nestjs/common';
import { ApiSettings } from '../app/api-settings';
import { DatabaseState } from '../database/database-state';
import { documentTopicRows } from './document-topics.reader';
import { TopicAggregates, TopicAggregator } from './topic-aggregates';

/** Most representative documents kept per topic; the endpoints may ask for fewer. */
export const MAX_REPRESENTATIVE_DOCUMENTS = 50;
const CACHE_TTL_MS = 60_000;

interface CacheEntry {
  version: string;
  numTopics: number;
  at: number;
  value: Promise<TopicAggregates>;
}

/**
 * Corpus-level topic statistics of the served model version from document_topics: one streaming pass
 * builds every aggregate, cached briefly per version (the rows only change when a pipeline rewrites them).
 */
@Injectable()
export class TopicAnalyticsService {
  private cache: CacheEntry | null = null;

  constructor(
    private readonly database: DatabaseState,
    private readonly settings: ApiSettings,
  ) {}

  aggregates(version: string, numTopics: number): Promise<TopicAggregates> {
    const cached = this.cache;
    if (cached && cached.version === version && cached.numTopics === numTopics && Date.now() - cached.at < CACHE_TTL_MS) {
      return cached.value;
    }
    const value = this.compute(version, numTopics);
    const entry: CacheEntry = { version, numTopics, at: Date.now(), value };
    this.cache = entry;
    value.catch(() => {
      if (this.cache === entry) this.cache = null;
    });
    return value;
  }

  private async compute(version: string, numTopics: number): Promise<TopicAggregates> {
    const ds = this.database.ready();
    const aggregator = new TopicAggregator(numTopics, MAX_REPRESENTATIVE_DOCUMENTS);
    for await (const page of documentTopicRows(ds, this.settings.modelName, version)) {
      for (const row of page) aggregator.add(row);
    }
    return aggregator.finish();
  }
}
