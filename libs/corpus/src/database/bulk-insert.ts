import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { Utf8Text } from './utf8-text';

export interface BulkInsertOptions {
  /** On a unique-key conflict, overwrite these columns (database names) with the new row's values. */
  updateOnConflict?: { conflictColumns: string[]; updateColumns: string[] };
}

/** A row to insert: entity property names to values; a text column may also take a Utf8Text. */
export type InsertRow<T> = { [P in keyof T]?: T[P] | Utf8Text };

/** The parts of mysql2's callback connection this module uses. */
interface PreparedStatementConnection {
  execute(sql: string, values: unknown[], callback: (error: Error | null) => void): void;
}

function isPreparedStatementConnection(value: unknown): value is PreparedStatementConnection {
  return typeof value === 'object' && value !== null && typeof (value as { execute?: unknown }).execute === 'function';
}

/**
 * Inserts many rows with one multi-row INSERT (optionally an upsert), inside the caller's transaction.
 * Values go through the driver's own conversions (transformers, dates, booleans). On MySQL the statement is
 * sent as a server-side prepared statement: long texts travel as binary parameters instead of being escaped
 * into (and re-parsed from) a multi-megabyte SQL string, which is 3-4x faster for corpus text; Utf8Text
 * values go as their bytes there, and as strings to sqlite.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: Array<InsertRow<T>>,
  options: BulkInsertOptions = {},
): Promise<void> {
  if (!rows.length) return;
  const { driver } = manager.connection;
  const mysql = manager.connection.options.type === 'mysql' || manager.connection.options.type === 'mariadb';
  const metadata = manager.connection.getMetadata(entity);
  const columns = metadata.columns.filter((column) => !column.isGenerated && !column.isVirtual);
  const quote = (name: string) => driver.escape(name);

  const tuple = `(${columns.map(() => '?').join(', ')})`;
  let sql = `INSERT INTO ${quote(metadata.tableName)} (${columns.map((c) => quote(c.databaseName)).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`;
  const conflict = options.updateOnConflict;
  if (conflict && mysql) {
    sql += ` ON DUPLICATE KEY UPDATE ${conflict.updateColumns.map((name) => `${quote(name)} = VALUES(${quote(name)})`).join(', ')}`;
  } else if (conflict) {
    const target = conflict.conflictColumns.map(quote).join(', ');
    sql += ` ON CONFLICT (${target}) DO UPDATE SET ${conflict.updateColumns.map((name) => `${quote(name)} = excluded.${quote(name)}`).join(', ')}`;
  }

  const values: unknown[] = [];
  for (const row of rows) {
    for (const column of columns) {
      const value: unknown = row[column.propertyName as keyof T];
      if (value instanceof Utf8Text) values.push(mysql ? value.utf8 : value.text);
      else values.push(driver.preparePersistentValue(value, column) ?? null);
    }
  }

  const queryRunner = manager.queryRunner;
  if (mysql && queryRunner) {
    const connection: unknown = await queryRunner.connect();
    if (isPreparedStatementConnection(connection)) {
      await new Promise<void>((resolve, reject) =>
        connection.execute(sql, values, (error) => (error ? reject(error) : resolve())),
      );
      return;
    }
  }
  await manager.query(sql, values);
}
