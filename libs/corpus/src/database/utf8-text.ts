/**
 * A document text held as its UTF-8 bytes, decoded to a string only when asked. Ingestion reads UTF-8 files
 * and hands the bytes straight to MySQL (as a text parameter in the utf8mb4 connection charset), so the
 * text of a large corpus is never materialised as JavaScript strings there; sqlite binds the string.
 */
export class Utf8Text {
  private decoded: string | undefined;

  private constructor(
    readonly utf8: Buffer,
    text?: string,
  ) {
    this.decoded = text;
  }

  static fromString(text: string): Utf8Text {
    return new Utf8Text(Buffer.from(text, 'utf8'), text);
  }

  /** `bytes` must be valid UTF-8 without a byte-order mark. */
  static fromUtf8(bytes: Buffer): Utf8Text {
    return new Utf8Text(bytes);
  }

  get text(): string {
    this.decoded ??= this.utf8.toString('utf8');
    return this.decoded;
  }

  get byteLength(): number {
    return this.utf8.length;
  }
}
