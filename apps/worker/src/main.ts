import 'reflect-metadata';
import { bootstrapWorker } from './app/bootstrap';

// Entry of `npm run worker` (dist/apps/worker/main.js): consumes the stage queues until SIGTERM.
bootstrapWorker().catch((error: unknown) => {
  // Configuration and schema problems are reported as one clear message, without a stack trace.
  process.stderr.write(`topicops worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
