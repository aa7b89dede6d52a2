import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';

/** A hidden, unique file name for temporaries (ignored by MLflow, which lists folders or known names). */
export function tempName(prefix = 'tmp'): string {
  return `.${prefix}-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/**
 * Writes through a temporary file renamed into place, so readers never see a partial file.
 * tempDir must be on the same file system; by default the target's folder.
 */
export async function writeFileAtomic(path: string, data: string | Buffer, tempDir = dirname(path)): Promise<void> {
  const temp = join(tempDir, tempName('write'));
  await fs.writeFile(temp, data);
  try {
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/**
 * Creates `path` with this content only if it does not exist yet, atomically (link() fails on an
 * existing target), so concurrent writers never both win and nobody reads a half-written file.
 * Returns false when the file already existed.
 */
export async function createFileExclusive(
  path: string,
  data: string | Buffer,
  tempDir = dirname(path),
): Promise<boolean> {
  const temp = join(tempDir, tempName('claim'));
  await fs.writeFile(temp, data);
  try {
    await fs.link(temp, path);
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await fs.rm(temp, { force: true });
  }
}

export async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return null;
    throw error;
  }
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Names of the sub-folders of dir ([] when dir is missing). */
export async function listDirNames(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return [];
    throw error;
  }
}

/** Every file under dir as a posix path relative to dir, sorted ([] when dir is missing). */
export async function listFilesRecursive(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(current: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(current, { withFileTypes: true });
    } catch (error) {
      if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return;
      throw error;
    }
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.push(relative(dir, full).split(sep).join(posix.sep));
    }
  }
  await walk(dir);
  return out.sort();
}

/** Copies a file or a folder tree (files overwrite, nothing is deleted). */
export async function copyTree(source: string, destination: string): Promise<void> {
  await fs.cp(source, destination, { recursive: true, force: true });
}

/** Polls until check() is true or the time is up (for another process finishing a write). */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}
