import { DataSource, MigrationExecutor } from 'typeorm';

/** Applies every pending migration (each in its own transaction where the dialect allows); returns their names. */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const applied = await ds.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

/** Names of the committed migrations not yet applied to this database, oldest first. */
export async function pendingMigrations(ds: DataSource): Promise<string[]> {
  const pending = await new MigrationExecutor(ds).getPendingMigrations();
  return pending.map((migration) => migration.name);
}

/**
 * The SQL statements `migration:generate` would write to bring the database in line with the entities.
 * After all migrations ran this must be empty; anything else means an entity changed without a migration.
 */
export async function schemaDrift(ds: DataSource): Promise<string[]> {
  const sql = await ds.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}
