import { testDatabaseName } from './test-database';

describe('testDatabaseName', () => {
  it('makes unique MySQL-safe names of at most 64 characters', () => {
    const name = testDatabaseName('Ingest Records / MySQL ' + 'x'.repeat(80));
    expect(name).toMatch(/^t_[a-z0-9_]+$/);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).toContain(`_${process.pid}_`);
    expect(testDatabaseName('same')).not.toBe(testDatabaseName('same'));
  });
});
