import { close, fstat, open, read } from 'node:fs';

export type FileRead =
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'too_large'; size: number }
  | { kind: 'not_a_file'; directory: boolean };

/**
 * Reads a whole file unless it is larger than `maxBytes`, with one open/fstat/read/close. (The callback
 * API is used on purpose: for thousands of small files it costs far less than fs/promises' readFile.)
 */
export function readFileUpTo(path: string, maxBytes: number): Promise<FileRead> {
  return new Promise((resolve, reject) => {
    open(path, 'r', (openError, fd) => {
      if (openError) return reject(openError);
      const finish = (error: Error | null, result?: FileRead) =>
        close(fd, () => (error ? reject(error) : resolve(result ?? { kind: 'not_a_file', directory: false })));
      fstat(fd, (statError, info) => {
        if (statError) return finish(statError);
        if (!info.isFile()) return finish(null, { kind: 'not_a_file', directory: info.isDirectory() });
        if (info.size > maxBytes) return finish(null, { kind: 'too_large', size: info.size });
        const buffer = Buffer.allocUnsafe(info.size);
        const readFrom = (offset: number): void => {
          if (offset >= buffer.length) return finish(null, { kind: 'bytes', bytes: buffer });
          read(fd, buffer, offset, buffer.length - offset, offset, (readError, bytesRead) => {
            if (readError) return finish(readError);
            // A file that shrank while being read ends early: keep what was there.
            if (bytesRead === 0) return finish(null, { kind: 'bytes', bytes: buffer.subarray(0, offset) });
            readFrom(offset + bytesRead);
          });
        };
        readFrom(0);
      });
    });
  });
}
