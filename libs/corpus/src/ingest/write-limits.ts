import { UsageError } from '@topicops/config';
import { DataSource } from 'typeorm';
import type { BatchLimits } from './batch-queue';

export interface WriteLimits extends BatchLimits {
  maxDocumentBytes: number;
}

const DEFAULT_MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;
const BATCH_ROWS = 200;
const SQLITE_BATCH_BYTES = 16 * 1024 * 1024;
const MYSQL_BATCH_BYTES = 4 * 1024 * 1024;
const MYSQL_DEFAULT_PACKET = 16 * 1024 * 1024;
/** Batches waiting for MySQL while reading goes on: smooths out slow commits for a few MiB of memory. */
const MYSQL_PENDING_WRITES = 2;

/**
 * Batch and document sizes. On MySQL a whole batch travels in one packet, so both stay within a third of the
 * server's max_allowed_packet (room for the other columns and the protocol's framing).
 */
export async function writeLimits(ds: DataSource, requestedMaxDocumentBytes: number | undefined): Promise<WriteLimits> {
  const maxDocumentBytes = requestedMaxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  if (!Number.isInteger(maxDocumentBytes) || maxDocumentBytes < 1)
    throw new UsageError('maxDocumentBytes must be a positive integer');
  if (ds.options.type !== 'mysql' && ds.options.type !== 'mariadb') {
    return { maxRows: BATCH_ROWS, maxBytes: SQLITE_BATCH_BYTES, pendingWrites: 1, maxDocumentBytes };
  }
  const [row] = (await ds.query('SELECT @@max_allowed_packet AS packet')) as Array<{ packet: number | string }>;
  const third = Math.floor(Number(row?.packet ?? MYSQL_DEFAULT_PACKET) / 3);
  return {
    maxRows: BATCH_ROWS,
    maxBytes: Math.min(MYSQL_BATCH_BYTES, third),
    pendingWrites: MYSQL_PENDING_WRITES,
    maxDocumentBytes: Math.min(maxDocumentBytes, third),
  };
}
