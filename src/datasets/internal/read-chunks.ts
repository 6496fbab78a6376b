import type { FileHandle } from "node:fs/promises";

const CHUNK_BYTES = 64 * 1024;

/** A file's bytes in chunks, so a large dataset is never held whole. */
export async function* readChunks(handle: FileHandle): AsyncGenerator<Buffer> {
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead);
  }
}

const NEWLINE = 0x0a;

/**
 * Splits chunks into lines at "\n" bytes (the "\n" dropped, a "\r" before it
 * kept), numbered from 1; the text after the last "\n" is a line too, empty
 * or not, as `text.split("\n")` would give. Splitting bytes rather than text
 * is safe because a newline byte never occurs inside a multi-byte UTF-8
 * sequence.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private line = 1;

  constructor(private readonly onLine: (bytes: Buffer, line: number) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      this.emit(chunk.subarray(start, end));
      start = end + 1;
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  end(): void {
    this.emit(Buffer.alloc(0));
  }

  private emit(tail: Buffer): void {
    const bytes = this.pending.length === 0 ? tail : Buffer.concat([...this.pending, tail]);
    this.pending = [];
    this.onLine(bytes, this.line++);
  }
}
