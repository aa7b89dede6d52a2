import { Command } from 'commander';
import { ExitCode, redactUrl } from '@topicops/config';
import { createDataSource, pendingMigrations, runMigrations } from '@topicops/corpus';
import { runCommand } from '../run-command';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('apply pending database migrations (the one process that owns the schema runs this)')
    .option('--check', 'only list pending migrations; exit 1 when there are any')
    .action(async (opts) =>
      runCommand('migrate', async ({ config }) => {
        const ds = createDataSource(config.database);
        await ds.initialize();
        try {
          const pending = await pendingMigrations(ds);
          const database = redactUrl(config.databaseUrl);
          if (opts.check) {
            return { summary: { database, pending }, exitCode: pending.length ? ExitCode.FAILURE : ExitCode.OK };
          }
          const applied = await runMigrations(ds);
          return { summary: { database, applied } };
        } finally {
          await ds.destroy();
        }
      }),
    );
}
