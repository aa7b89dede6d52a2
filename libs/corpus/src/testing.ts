// Test helpers of @topicops/corpus: one migrated database per test file, on each dialect under test.
export { createTestDatabase, mysqlAvailable, testDatabaseName, testDialects } from './testing/test-database';
export type { TestDatabase, TestDialect } from './testing/test-database';
