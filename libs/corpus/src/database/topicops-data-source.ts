import { createConnection } from 'mysql2/promise';
import { DataSource, DataSourceOptions } from 'typeorm';

/**
 * The platform's DataSource. The entities are written once for both dialects in MySQL terms; on sqlite
 * two things need adapting before TypeORM validates and compares them:
 *  - sqlite accepts any declared type name (it only derives a storage affinity from it: `longtext` and
 *    `char(64)` are TEXT), but TypeORM's sqlite driver has a shorter allow-list, so those names are added;
 *  - MySQL charsets and collations mean nothing to sqlite (whose default comparison is already binary), so
 *    they are dropped from the column metadata instead of being written as unknown COLLATE clauses.
 * On a MySQL target it asks the server whether it is MariaDB before connecting: TypeORM must know, or it
 * reads MariaDB's quoted column defaults ('NULL') as real defaults and reports drift on every nullable column.
 */
export class TopicOpsDataSource extends DataSource {
  constructor(options: DataSourceOptions) {
    super(options);
    if (this.isSqlite()) {
      this.driver.supportedDataTypes.push('longtext', 'char');
      this.driver.withLengthColumnTypes.push('char');
    }
  }

  isSqlite(): boolean {
    return this.options.type === 'better-sqlite3';
  }

  override async initialize(): Promise<this> {
    if (this.options.type === 'mysql' && (await this.serverIsMariaDb())) {
      // The mysql driver serves both flavours and only branches on options.type after this point.
      Object.assign(this.options, { type: 'mariadb' });
      Object.assign(this.driver.options, { type: 'mariadb' });
    }
    return super.initialize();
  }

  private async serverIsMariaDb(): Promise<boolean> {
    if (this.options.type !== 'mysql') return false;
    const { host, port, username, password } = this.options;
    const connection = await createConnection({ host, port, user: username, password });
    try {
      const [rows] = await connection.query('SELECT VERSION() AS version');
      const [first] = rows as Array<{ version: string }>;
      return /mariadb/i.test(first?.version ?? '');
    } finally {
      await connection.end();
    }
  }

  protected override async buildMetadatas(): Promise<void> {
    await super.buildMetadatas();
    if (!this.isSqlite()) return;
    for (const metadata of this.entityMetadatas) {
      for (const column of metadata.columns) {
        column.charset = undefined;
        column.collation = undefined;
      }
    }
  }
}
