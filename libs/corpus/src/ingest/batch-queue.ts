import { BatchOutcome, DocumentWriter, PreparedDocument, RejectedSource } from './document-writer';

export interface BatchLimits {
  maxRows: number;
  maxBytes: number;
}

/**
 * Collects documents and rejections into batches and hands each to the writer. One batch is written while
 * the next one fills, so reading files and writing rows overlap; never more than one write is in flight.
 */
export class BatchQueue {
  private documents: PreparedDocument[] = [];
  private rejections: RejectedSource[] = [];
  private bytes = 0;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly writer: DocumentWriter,
    private readonly limits: BatchLimits,
    private readonly onOutcome: (outcome: BatchOutcome) => void,
  ) {}

  async add(document: PreparedDocument): Promise<void> {
    if (this.documents.length && this.bytes + document.content.byteLength > this.limits.maxBytes)
      await this.startWrite();
    this.documents.push(document);
    this.bytes += document.content.byteLength;
    if (this.isFull()) await this.startWrite();
  }

  async reject(rejection: RejectedSource): Promise<void> {
    this.rejections.push(rejection);
    if (this.isFull()) await this.startWrite();
  }

  /** Writes what is left and waits for every write. */
  async finish(): Promise<void> {
    await this.startWrite();
    await this.inFlight;
  }

  /** Waits for the write in flight, whatever its outcome (used when ingestion is being abandoned). */
  async settle(): Promise<void> {
    await this.inFlight.catch(() => undefined);
  }

  private isFull(): boolean {
    return this.documents.length + this.rejections.length >= this.limits.maxRows || this.bytes >= this.limits.maxBytes;
  }

  /** Waits for the previous write, then starts writing the current batch without waiting for it. */
  private async startWrite(): Promise<void> {
    await this.inFlight;
    if (!this.documents.length && !this.rejections.length) return;
    const documents = this.documents;
    const rejections = this.rejections;
    this.documents = [];
    this.rejections = [];
    this.bytes = 0;
    this.inFlight = this.writer.write(documents, rejections).then(this.onOutcome);
    // A failure surfaces when the next write or finish() awaits it; this only keeps it from counting as unhandled.
    this.inFlight.catch(() => undefined);
  }
}
