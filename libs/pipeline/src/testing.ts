// Test helpers of @topicops/pipeline: the Redis server of the integration suites and per-file BullMQ prefixes.
export { TEST_REDIS_URL, deletePrefix, redisSkipNotice, testPrefix } from './testing/redis-test-support';
