import { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** A file met in the tree, or a folder that could not be listed. `relative` uses '/' whatever the platform. */
export type FoundEntry =
  | { kind: 'file'; absolute: string; relative: string; entry: Dirent }
  | { kind: 'unlistable'; absolute: string; relative: string; error: string };

/**
 * Walks a folder tree lazily, one directory listing at a time, in name order; hidden entries are skipped and
 * folders are not followed through links. A folder that cannot be listed is reported, not thrown.
 */
export async function* walkTree(root: string, dir = root): AsyncGenerator<FoundEntry> {
  const relativePath = (path: string) => relative(root, path).split(sep).join('/');
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    yield { kind: 'unlistable', absolute: dir, relative: relativePath(dir) || '.', error: code };
    return;
  }
  const visible = entries.filter((entry) => !entry.name.startsWith('.'));
  visible.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of visible) {
    const absolute = join(dir, entry.name);
    if (entry.isDirectory()) yield* walkTree(root, absolute);
    else yield { kind: 'file', absolute, relative: relativePath(absolute), entry };
  }
}
