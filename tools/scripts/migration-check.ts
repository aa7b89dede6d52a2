// CI guard: applies every committed migration to a fresh database and fails when the entities still differ
// from the result (an entity changed without a migration). sqlite always; MySQL/MariaDB when TEST_MYSQL_URL
// names a server (a temporary database is created and dropped).
//   node -r @swc-node/register tools/scripts/migration-check.ts
import './migration-swc-register';
import { pendingMigrations, schemaDrift } from '../../libs/corpus/src/index';
import { createTestDatabase, TestDialect } from '../../libs/corpus/src/testing';

async function checkDialect(dialect: TestDialect): Promise<boolean> {
  const db = await createTestDatabase('migration_check', dialect);
  try {
    const pending = await pendingMigrations(db.ds);
    const drift = await schemaDrift(db.ds);
    if (pending.length === 0 && drift.length === 0) {
      console.log(`migration-check ${dialect}: ok (${db.ds.migrations.length} migrations, no drift)`);
      return true;
    }
    if (pending.length) console.error(`migration-check ${dialect}: migrations left pending: ${pending.join(', ')}`);
    if (drift.length) {
      console.error(`migration-check ${dialect}: the entities differ from the migrated schema; a new migration needs:`);
      for (const statement of drift) console.error(`  ${statement};`);
      console.error(
        `Generate it with: node -r @swc-node/register tools/scripts/migration-generate.ts ${dialect} <Name> --write`,
      );
    }
    return false;
  } finally {
    await db.drop();
  }
}

async function main(): Promise<number> {
  const dialects: TestDialect[] = process.env['TEST_MYSQL_URL'] ? ['sqlite', 'mysql'] : ['sqlite'];
  if (dialects.length === 1)
    console.log('migration-check mysql: skipped (set TEST_MYSQL_URL to check MySQL/MariaDB too)');
  let ok = true;
  for (const dialect of dialects) ok = (await checkDialect(dialect)) && ok;
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`migration-check failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
