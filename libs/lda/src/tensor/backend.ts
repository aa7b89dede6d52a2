import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { UsageError } from '@topicops/config';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BackendChoice, BackendName } from '../types';
import { tf } from './tf';

const CHOICES: readonly BackendChoice[] = ['auto', 'node', 'wasm', 'cpu'];

// Resolved at run time from node_modules (not from a bundle's directory), and invisible to bundlers, so
// an absent optional package is not a build error.
const runtimeRequire = createRequire(__filename);

let wasmPathsSet = false;
const selections = new Map<BackendChoice, Promise<BackendName>>();

function resolveChoice(choice: BackendChoice | undefined): BackendChoice {
  const raw = choice ?? ((process.env['TFJS_BACKEND'] ?? '').trim() || 'auto');
  if (!CHOICES.includes(raw as BackendChoice)) {
    throw new UsageError(`TFJS_BACKEND / backend "${raw}" is not one of ${CHOICES.join(', ')}`);
  }
  return raw as BackendChoice;
}

function loadNodeBackend(): boolean {
  try {
    runtimeRequire('@tensorflow/tfjs-node');
    return tf.findBackendFactory('tensorflow') !== null;
  } catch {
    return false;
  }
}

/** Directory of the .wasm binaries shipped in node_modules/@tensorflow/tfjs-backend-wasm/dist/. */
export function wasmBinaryDirectory(): string {
  return dirname(runtimeRequire.resolve('@tensorflow/tfjs-backend-wasm')) + sep;
}

async function activate(name: BackendName): Promise<boolean> {
  if (name === 'wasm' && !wasmPathsSet) {
    setWasmPaths(wasmBinaryDirectory());
    wasmPathsSet = true;
  }
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

async function select(choice: BackendChoice): Promise<BackendName> {
  // tfjs prints hints and runs debug checks unless told it is in production.
  tf.env().set('PROD', true);
  if (choice === 'node' || choice === 'auto') {
    if (loadNodeBackend() && (await activate('tensorflow'))) return 'tensorflow';
    if (choice === 'node') {
      throw new UsageError(
        'backend "node" needs @tensorflow/tfjs-node, which is not installed (npm install @tensorflow/tfjs-node)',
      );
    }
  }
  if (choice === 'wasm' || choice === 'auto') {
    if (await activate('wasm')) return 'wasm';
    if (choice === 'wasm')
      throw new UsageError(`the wasm backend could not start (binaries looked up in ${wasmBinaryDirectory()})`);
  }
  if (await activate('cpu')) return 'cpu';
  throw new Error('no tfjs backend could start');
}

/**
 * Makes a tfjs backend current in this thread and returns the one that actually runs: 'tensorflow'
 * (@tensorflow/tfjs-node, when installed), 'wasm' (SIMD) or 'cpu'. `choice` defaults to TFJS_BACKEND, else
 * 'auto' (the fastest available).
 */
export async function selectBackend(choice?: BackendChoice): Promise<BackendName> {
  const resolved = resolveChoice(choice);
  let selection = selections.get(resolved);
  if (!selection) {
    selection = select(resolved);
    selections.set(resolved, selection);
    selection.catch(() => selections.delete(resolved));
  }
  const name = await selection;
  // Another caller may have switched backends since; switching back to an initialised one is cheap.
  if (tf.getBackend() !== name) await activate(name);
  return name;
}

/** The backend already running in this thread, or selectBackend() (TFJS_BACKEND, else auto) if none is. */
export async function ensureBackend(): Promise<BackendName> {
  const current = tf.getBackend();
  if (current === 'wasm' || current === 'cpu' || current === 'tensorflow') return current;
  return selectBackend();
}
