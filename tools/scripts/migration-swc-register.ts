// Imported first by the tools/*.ts scripts run as `node -r @swc-node/register <script>`. Without a root
// tsconfig.json, @swc-node/register compiles with its defaults: no decorators and no @topicops/* path
// aliases, which the entities need. This points it (for every file compiled from here on) at an swc
// configuration derived from tsconfig.base.json. It is harmless when a root tsconfig.json exists.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '..', '..');
const base = JSON.parse(readFileSync(join(workspaceRoot, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
const swcrc = JSON.stringify({
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
    baseUrl: workspaceRoot,
    paths: base.compilerOptions.paths,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});
const file = join(tmpdir(), `topicops-swcrc-${createHash('sha256').update(swcrc).digest('hex').slice(0, 16)}.json`);
if (!existsSync(file)) writeFileSync(file, swcrc);
process.env['SWCRC'] = 'true';
process.env['SWC_CONFIG_FILE'] = file;
