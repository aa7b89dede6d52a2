// Developer workflow after changing an entity: prints (or, with --write, adds) the migration that brings a
// freshly migrated database of the given dialect in line with the entities.
//   node -r @swc-node/register tools/scripts/migration-generate.ts <mysql|sqlite> <Name> [--write]
// MySQL needs TEST_MYSQL_URL (a server URL; a temporary database is created and dropped).
import './migration-swc-register';
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { join, relative, resolve } from 'node:path';
import { createTestDatabase, TestDialect } from '../../libs/corpus/src/testing';
import { migrationClassName, renderMigration, renderMigrationIndex } from './migration-render';

const USAGE = 'usage: migration-generate.ts <mysql|sqlite> <Name> [--write]';

async function formatted(file: string, source: string): Promise<string> {
  return format(source, { ...(await resolveConfig(file)), filepath: file });
}

async function main(argv: string[]): Promise<number> {
  const [dialect, name] = argv.filter((arg) => !arg.startsWith('--'));
  const write = argv.includes('--write');
  if ((dialect !== 'mysql' && dialect !== 'sqlite') || !name) {
    console.error(USAGE);
    return 2;
  }
  if (dialect === 'mysql' && !process.env['TEST_MYSQL_URL']) {
    console.error('migration-generate: set TEST_MYSQL_URL to a MySQL/MariaDB server, e.g. mysql://root@127.0.0.1:3306');
    return 2;
  }
  const db = await createTestDatabase('migration_generate', dialect as TestDialect);
  try {
    const sql = await db.ds.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.error(`migration-generate: no changes for ${dialect}; the migrations already match the entities`);
      return 0;
    }
    const className = migrationClassName(name, Date.now());
    const source = renderMigration(className, sql.upQueries, [...sql.downQueries].reverse());
    if (!write) {
      process.stdout.write(source);
      return 0;
    }
    const folder = resolve(__dirname, '..', '..', 'libs', 'corpus', 'src', 'migrations', dialect);
    const file = join(folder, `${className.slice(-13)}-${className.slice(0, -13)}.ts`);
    const indexFile = join(folder, 'index.ts');
    writeFileSync(file, await formatted(file, source));
    writeFileSync(
      indexFile,
      await formatted(indexFile, renderMigrationIndex(folder, `${dialect.toUpperCase()}_MIGRATIONS`)),
    );
    console.error(`migration-generate: wrote ${relative(process.cwd(), file)} and updated its index.ts`);
    return 0;
  } finally {
    await db.drop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`migration-generate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
