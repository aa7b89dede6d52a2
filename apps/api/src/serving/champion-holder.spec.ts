import { createLogger } from '@topicops/config';
import type { ModelBundle } from '@topicops/pipeline';
import { ChampionHolder, ChampionSource } from './champion-holder';

const logger = createLogger({ name: 'test', level: 'silent' });

function fakeBundle(version: string): ModelBundle {
  return { info: { name: 'm', version }, model: { backend: 'cpu' }, predict: async () => [] } as unknown as ModelBundle;
}

function source(state: { alias: string | null; broken: Set<string>; unreachable?: boolean }): ChampionSource {
  return {
    championVersion: async () => {
      if (state.unreachable) throw new Error('connection refused');
      return state.alias;
    },
    load: async (version) => {
      if (state.broken.has(version)) throw new Error(`lambda.f32 of version ${version} is truncated`);
      return fakeBundle(version);
    },
  };
}

describe('ChampionHolder', () => {
  it('serves nothing until a champion exists, then follows the alias', async () => {
    const state = { alias: null as string | null, broken: new Set<string>() };
    const switched: string[] = [];
    const holder = new ChampionHolder(source(state), logger, { pollSeconds: 60, maxBatchTexts: 10, onSwitch: (s) => switched.push(s.version) });
    await holder.poll();
    expect(holder.current()).toBeNull();
    expect(holder.status().trackingReachable).toBe(true);

    state.alias = '1';
    await holder.poll();
    const first = holder.current();
    expect(first?.version).toBe('1');

    state.alias = '2';
    await holder.poll();
    expect(holder.current()?.version).toBe('2');
    expect(first?.version).toBe('1'); // a request holding the old model keeps it
    expect(switched).toEqual(['1', '2']);
  });

  it('does not switch to a version that fails to load, and reports why', async () => {
    const state = { alias: '1' as string | null, broken: new Set(['2']) };
    const holder = new ChampionHolder(source(state), logger, { pollSeconds: 60, maxBatchTexts: 10, retryFailedAfterMs: 60_000 });
    await holder.poll();
    state.alias = '2';
    await holder.poll();
    expect(holder.current()?.version).toBe('1');
    expect(holder.status().lastFailure).toMatchObject({ version: '2', reason: expect.stringMatching(/truncated/) });

    state.broken.clear(); // fixed, but not retried before the back-off
    await holder.poll();
    expect(holder.current()?.version).toBe('1');

    state.alias = '3'; // the alias moved on: loaded at once
    await holder.poll();
    expect(holder.current()?.version).toBe('3');
  });

  it('keeps serving while the registry is unreachable', async () => {
    const state = { alias: '1' as string | null, broken: new Set<string>(), unreachable: false };
    const holder = new ChampionHolder(source(state), logger, { pollSeconds: 60, maxBatchTexts: 10 });
    await holder.poll();
    state.unreachable = true;
    await holder.poll();
    expect(holder.current()?.version).toBe('1');
    expect(holder.status()).toMatchObject({ trackingReachable: false, trackingError: 'connection refused' });
  });
});
