import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { forEachLimited } from '../concurrency';
import { InvalidParameterValueError, ResourceDoesNotExistError } from '../errors';
import { listFilesRecursive, tempName } from '../fs-utils';
import { HttpTransport } from './http-transport';

const PROXY_PATH = '/api/2.0/mlflow-artifacts/artifacts';
const PARALLEL_TRANSFERS = 4;

export interface ArtifactEntry {
  /** Path relative to the listed root. */
  path: string;
  isDir: boolean;
  fileSize: number | null;
}

/**
 * Up- and download through the tracking server's artifact proxy (`mlflow server --serve-artifacts`).
 * Paths here are server-side artifact paths, e.g. "1/<run_id>/artifacts/model/MLmodel".
 */
export class ArtifactProxy {
  constructor(private readonly transport: HttpTransport) {}

  async uploadTree(localDir: string, serverDir: string): Promise<void> {
    const files = await listFilesRecursive(localDir);
    if (files.length === 0) throw new InvalidParameterValueError(`'${localDir}' holds no files to upload`);
    await forEachLimited(files, PARALLEL_TRANSFERS, async (relative) => {
      const body = await fs.readFile(join(localDir, relative));
      await this.transport.request(
        'PUT',
        this.fileUrl(joinServer(serverDir, relative)),
        { body, contentType: 'application/octet-stream' },
        async (response) => {
          await response.arrayBuffer();
        },
      );
    });
  }

  async list(serverDir: string): Promise<ArtifactEntry[]> {
    const url = this.transport.url(PROXY_PATH, serverDir ? { path: serverDir } : {});
    const answer = await this.transport.request(
      'GET',
      url,
      {},
      async (response) => (await response.json()) as { files?: unknown },
    );
    const files = Array.isArray(answer.files)
      ? (answer.files as Array<{ path?: unknown; is_dir?: unknown; file_size?: unknown }>)
      : [];
    return files
      .filter((file) => typeof file.path === 'string')
      .map((file) => ({
        path: String(file.path).split('/').pop() ?? '',
        isDir: file.is_dir === true,
        fileSize: file.file_size === undefined ? null : Number(file.file_size),
      }));
  }

  /** Downloads a file or a folder (recursively) to localPath; folder vs file is read from the parent listing. */
  async download(serverPath: string, localPath: string, rootIsDir = false): Promise<void> {
    if (rootIsDir || (await this.isDirectory(serverPath))) await this.downloadDir(serverPath, localPath);
    else await this.downloadFile(serverPath, localPath);
  }

  private async isDirectory(serverPath: string): Promise<boolean> {
    const slash = serverPath.lastIndexOf('/');
    const parent = slash >= 0 ? serverPath.slice(0, slash) : '';
    const name = serverPath.slice(slash + 1);
    const entry = (await this.list(parent)).find((candidate) => candidate.path === name);
    if (!entry) throw new ResourceDoesNotExistError(`artifact '${serverPath}' does not exist`);
    return entry.isDir;
  }

  private async downloadDir(serverDir: string, localDir: string): Promise<void> {
    await fs.mkdir(localDir, { recursive: true });
    const entries = await this.list(serverDir);
    const dirs = entries.filter((entry) => entry.isDir);
    const files = entries.filter((entry) => !entry.isDir);
    await forEachLimited(files, PARALLEL_TRANSFERS, (entry) =>
      this.downloadFile(joinServer(serverDir, entry.path), join(localDir, entry.path)),
    );
    for (const dir of dirs) await this.downloadDir(joinServer(serverDir, dir.path), join(localDir, dir.path));
  }

  private async downloadFile(serverPath: string, localPath: string): Promise<void> {
    await fs.mkdir(dirname(localPath), { recursive: true });
    const temp = join(dirname(localPath), tempName('download'));
    try {
      await this.transport.request('GET', this.fileUrl(serverPath), {}, async (response, touch) => {
        const handle = await fs.open(temp, 'w');
        try {
          if (response.body) {
            for await (const chunk of response.body) {
              touch();
              await handle.write(chunk);
            }
          }
        } finally {
          await handle.close();
        }
      });
      await fs.rename(temp, localPath);
    } finally {
      await fs.rm(temp, { force: true });
    }
  }

  private fileUrl(serverPath: string): string {
    return this.transport.url(`${PROXY_PATH}/${serverPath.split('/').map(encodeURIComponent).join('/')}`);
  }
}

export function joinServer(base: string, relative: string): string {
  if (!relative) return base;
  return base ? `${base}/${relative}` : relative;
}
