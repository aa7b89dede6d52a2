import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTrackingClient } from './create-client';
import { TrackingError } from './errors';

describe('createTrackingClient', () => {
  it('chooses the backend from the URI', () => {
    expect(createTrackingClient('http://mlflow:5000').kind).toBe('rest');
    expect(createTrackingClient('HTTPS://mlflow.example.org/prefix/').location).toBe(
      'https://mlflow.example.org/prefix',
    );
    expect(createTrackingClient('./mlruns').location).toBe(resolve('mlruns'));
    expect(createTrackingClient('file:///srv/mlruns').location).toBe('/srv/mlruns');
    expect(createTrackingClient().kind).toBe('file');
  });

  it('keeps credentials out of the location', () => {
    expect(createTrackingClient('http://user:hunter2@mlflow:5000').location).toBe('http://mlflow:5000');
  });

  it('rejects unsupported schemes and bad options with clear messages', () => {
    expect(() => createTrackingClient('databricks://profile')).toThrow(/not supported/);
    expect(() => createTrackingClient('http://mlflow:5000', { timeoutMs: 0 })).toThrow(TrackingError);
    expect(() => createTrackingClient('http://mlflow:5000', { retries: -1 })).toThrow(/retries/);
  });

  it('reports a store path that cannot be created', async () => {
    const base = mkdtempSync(join(tmpdir(), 'tracking-bad-'));
    try {
      writeFileSync(join(base, 'a-file'), 'not a folder');
      const client = createTrackingClient(join(base, 'a-file', 'mlruns'));
      await expect(client.getOrCreateExperiment('x')).rejects.toThrow(/cannot use .* as an MLflow file store/);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
