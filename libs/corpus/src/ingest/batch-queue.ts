import { BatchOutcome, DocumentWriter, PreparedDocument, RejectedSource } from './document-writer';

export interface BatchLimits {
  maxRows: number;
  maxBytes: number;
  /** Full batches that may wait for the database while the next one fills (at least 1). */
  pendingWrites: number;
}

/**
 * Collects documents and rejections into batches and hands them to the writer one after another. Reading goes
 * on while up to `pendingWrites` batches are being (or waiting to be) written, so reading files and writing
 * rows overlap and a slow commit does not stall the reading; the database sees one transaction at a time.
 */
export class BatchQueue {
  private documents: PreparedDocument[] = [];
  private rejections: RejectedSource[] = [];
  private bytes = 0;
  /** The last write queued; each write starts when the one before it has finished. */
  private tail: Promise<void> = Promise.resolve();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly writer: DocumentWriter,
    private readonly limits: BatchLimits,
    private readonly onOutcome: (outcome: BatchOutcome) => void,
  ) {}

  async add(document: PreparedDocument): Promise<void> {
    if (this.documents.length && this.bytes + document.content.byteLength > this.limits.maxBytes)
      await this.queueWrite();
    this.documents.push(document);
    this.bytes += document.content.byteLength;
    if (this.isFull()) await this.queueWrite();
  }

  async reject(rejection: RejectedSource): Promise<void> {
    this.rejections.push(rejection);
    if (this.isFull()) await this.queueWrite();
  }

  /** Writes what is left and waits for every write. */
  async finish(): Promise<void> {
    await this.queueWrite();
    await this.tail;
  }

  /** Waits for the writes already queued, whatever their outcome (used when ingestion is being abandoned). */
  async settle(): Promise<void> {
    await this.tail.catch(() => undefined);
  }

  private isFull(): boolean {
    return this.documents.length + this.rejections.length >= this.limits.maxRows || this.bytes >= this.limits.maxBytes;
  }

  /** Queues the current batch, first waiting (and surfacing any failure) while too many writes are pending. */
  private async queueWrite(): Promise<void> {
    while (this.pending.size >= Math.max(1, this.limits.pendingWrites)) await Promise.race(this.pending);
    if (!this.documents.length && !this.rejections.length) return;
    const documents = this.documents;
    const rejections = this.rejections;
    this.documents = [];
    this.rejections = [];
    this.bytes = 0;
    const write = this.tail.then(() => this.writer.write(documents, rejections)).then(this.onOutcome);
    const forget = () => this.pending.delete(write);
    // A failure surfaces from whichever await meets it next; these handlers only do the bookkeeping.
    write.then(forget, forget);
    this.pending.add(write);
    this.tail = write;
  }
}
