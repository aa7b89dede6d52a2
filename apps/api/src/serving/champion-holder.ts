import type { Logger } from '@topicops/config';
import type { ModelBundle, PredictOptions, Prediction } from '@topicops/pipeline';
import { servingPredictor } from './inference-strategy';

/** One loaded model version with its own batcher: requests hold on to it until they finish. */
export interface ServingModel {
  readonly bundle: ModelBundle;
  readonly version: string;
  readonly loadedAt: Date;
  predict(texts: string[], options: Required<PredictOptions>): Promise<Prediction[]>;
  /** The topic's most probable words (memoised: ranking sorts the whole vocabulary). */
  topWords(topic: number, count: number): string[];
}

export interface ModelLoadFailure {
  version: string;
  reason: string;
  at: string;
}

export interface ChampionStatus {
  version: string | null;
  loadedAt: string | null;
  /** Version the alias pointed at on the last successful poll (null: no champion yet). */
  championVersion: string | null;
  loading: string | null;
  lastFailure: ModelLoadFailure | null;
  trackingReachable: boolean;
  trackingError: string | null;
  lastPollAt: string | null;
}

export interface ChampionSource {
  /** The version the champion alias points at, or null when none is promoted. */
  championVersion(): Promise<string | null>;
  load(version: string): Promise<ModelBundle>;
}

export interface ChampionHolderOptions {
  pollSeconds: number;
  maxBatchTexts: number;
  /** A version that failed to load is tried again only after this long (ms), unless the alias moves. */
  retryFailedAfterMs?: number;
  onSwitch?(serving: ServingModel): void;
  onLoadFailure?(failure: ModelLoadFailure): void;
}

/**
 * Serves the registry's champion: polls the alias, loads a new version in the background and switches
 * with a single reference assignment, so in-flight requests finish on the version they started with.
 * A version that fails to load is never switched to; the failure is kept for /health.
 */
export class ChampionHolder {
  private serving: ServingModel | null = null;
  private championVersion: string | null = null;
  private loading: string | null = null;
  private lastFailure: ModelLoadFailure | null = null;
  private trackingError: string | null = null;
  private lastPollAt: Date | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly source: ChampionSource,
    private readonly logger: Logger,
    private readonly options: ChampionHolderOptions,
  ) {}

  /** The model to answer with right now; take it once per request. */
  current(): ServingModel | null {
    return this.serving;
  }

  status(): ChampionStatus {
    return {
      version: this.serving?.version ?? null,
      loadedAt: this.serving?.loadedAt.toISOString() ?? null,
      championVersion: this.championVersion,
      loading: this.loading,
      lastFailure: this.lastFailure,
      trackingReachable: this.lastPollAt !== null && this.trackingError === null,
      trackingError: this.trackingError,
      lastPollAt: this.lastPollAt?.toISOString() ?? null,
    };
  }

  /** Starts polling; the first poll runs at once (its model load, if any, in the background). */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling?.catch(() => undefined);
  }

  /** One poll of the alias; resolves once any resulting load has finished (tests and start-up use it). */
  poll(): Promise<void> {
    if (!this.polling) {
      this.polling = this.pollOnce().finally(() => {
        this.polling = null;
      });
    }
    return this.polling;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.poll().finally(() => this.schedule(this.options.pollSeconds * 1000));
    }, delayMs);
    this.timer.unref();
  }

  private async pollOnce(): Promise<void> {
    let version: string | null;
    try {
      version = await this.source.championVersion();
      this.lastPollAt = new Date();
      if (this.trackingError) this.logger.info('tracking backend reachable again');
      this.trackingError = null;
    } catch (error) {
      const reason = describe(error);
      if (this.trackingError !== reason) this.logger.warn({ reason }, 'cannot read the champion alias');
      this.lastPollAt = new Date();
      this.trackingError = reason;
      return;
    }
    this.championVersion = version;
    if (version === null || version === this.serving?.version || this.stopped) return;
    if (this.shouldWaitBeforeRetrying(version)) return;
    await this.loadAndSwitch(version);
  }

  private shouldWaitBeforeRetrying(version: string): boolean {
    const failure = this.lastFailure;
    if (!failure || failure.version !== version) return false;
    return Date.now() - Date.parse(failure.at) < (this.options.retryFailedAfterMs ?? 60_000);
  }

  private async loadAndSwitch(version: string): Promise<void> {
    this.loading = version;
    const started = Date.now();
    try {
      const bundle = await this.source.load(version);
      if (this.stopped) return;
      const serving = servingModel(bundle, version, this.options.maxBatchTexts);
      const previous = this.serving?.version ?? null;
      this.serving = serving;
      if (this.lastFailure?.version === version) this.lastFailure = null;
      this.logger.info({ version, previous, ms: Date.now() - started }, 'serving a new champion model');
      this.options.onSwitch?.(serving);
    } catch (error) {
      const failure = { version, reason: describe(error), at: new Date().toISOString() };
      this.lastFailure = failure;
      this.logger.error({ version: failure.version, reason: failure.reason }, 'champion model failed to load; not switching');
      this.options.onLoadFailure?.(failure);
    } finally {
      this.loading = null;
    }
  }
}

function servingModel(bundle: ModelBundle, version: string, maxBatchTexts: number): ServingModel {
  const predict = servingPredictor(bundle, maxBatchTexts);
  const topWords = new Map<string, string[]>();
  return {
    bundle,
    version,
    loadedAt: new Date(),
    predict,
    topWords: (topic, count) => {
      const key = `${topic}:${count}`;
      let words = topWords.get(key);
      if (!words) {
        words = bundle.topic(topic, count, 1).words.map((w) => w.word);
        topWords.set(key, words);
      }
      return words;
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
