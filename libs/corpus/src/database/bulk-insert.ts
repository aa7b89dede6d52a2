import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

export interface BulkInsertOptions {
  /** On a unique-key conflict, overwrite these columns (database names) with the new row's values. */
  updateOnConflict?: { conflictColumns: string[]; updateColumns: string[] };
}

/** The parts of mysql2's callback connection this module uses. */
interface PreparedStatementConnection {
  execute(sql: string, values: unknown[], callback: (error: Error | null) => void): void;
}

function isPreparedStatementConnection(value: unknown): value is PreparedStatementConnection {
  return typeof value === 'object' && value !== null && typeof (value as { execute?: unknown }).execute === 'function';
}

function isMysql(manager: EntityManager): boolean {
  const type = manager.connection.options.type;
  return type === 'mysql' || type === 'mariadb';
}

/**
 * Inserts many rows with one multi-row INSERT (optionally an upsert), inside the caller's transaction.
 * Values go through the driver's own conversions (transformers, dates, booleans). On MySQL the statement is
 * sent as a server-side prepared statement: long texts travel as binary parameters instead of being escaped
 * into (and re-parsed from) a multi-megabyte SQL string, which is 3-4x faster for corpus text.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: Array<Partial<T>>,
  options: BulkInsertOptions = {},
): Promise<void> {
  if (!rows.length) return;
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(entity);
  const columns = metadata.columns.filter((column) => !column.isGenerated && !column.isVirtual);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  let sql = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`;
  const conflict = options.updateOnConflict;
  if (conflict) {
    const escaped = conflict.updateColumns.map((name) => driver.escape(name));
    sql += isMysql(manager)
      ? ` ON DUPLICATE KEY UPDATE ${escaped.map((name) => `${name} = VALUES(${name})`).join(', ')}`
      : ` ON CONFLICT (${conflict.conflictColumns.map((name) => driver.escape(name)).join(', ')}) DO UPDATE SET ${escaped.map((name) => `${name} = excluded.${name}`).join(', ')}`;
  }
  const values: unknown[] = [];
  for (const row of rows) {
    for (const column of columns)
      values.push(driver.preparePersistentValue(row[column.propertyName as keyof T] as unknown, column) ?? null);
  }

  const queryRunner = manager.queryRunner;
  if (isMysql(manager) && queryRunner) {
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
