import 'reflect-metadata';
import { bootstrapScheduler } from './app/bootstrap';

// Entry of `npm run scheduler` (dist/apps/scheduler/main.js): triggers and drives pipeline runs on Redis.
bootstrapScheduler().catch((error: unknown) => {
  // Configuration and schema problems are reported as one clear message, without a stack trace.
  process.stderr.write(`topicops scheduler: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
