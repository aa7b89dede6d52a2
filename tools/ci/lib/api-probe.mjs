#!/usr/bin/env node
// @ts-check
// Probes a running TopicOps API the way a user would: /health until ready, /docs (Swagger UI), then one
// POST /v1/predictions with a predict key, checking the answer is a topic distribution.
// Usage: node api-probe.mjs --base http://127.0.0.1:3000 --key <predict key> [--timeout 180]
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const SAMPLE_TEXT =
  'Il consiglio della società italiana di mutuo soccorso ha discusso la nuova scuola, il lavoro degli ' +
  'emigranti nelle miniere e le notizie dal vecchio paese arrivate col piroscafo.';

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Throws unless the body is a PredictResponse with one non-empty, normalised topic distribution.
 * @param {unknown} body
 */
export function assertPrediction(body) {
  const response = /** @type {{ model?: { version?: unknown }; predictions?: Array<{ topics?: unknown }> }} */ (body);
  const topics = response?.predictions?.[0]?.topics;
  if (!Array.isArray(topics) || topics.length === 0) {
    throw new Error(`no topic distribution in the answer: ${JSON.stringify(body).slice(0, 300)}`);
  }
  let total = 0;
  for (const topic of topics) {
    const probability = /** @type {{ probability?: unknown }} */ (topic).probability;
    if (typeof probability !== 'number' || probability < 0 || probability > 1) {
      throw new Error(`a topic has no probability in [0, 1]: ${JSON.stringify(topic)}`);
    }
    total += probability;
  }
  if (total > 1 + 1e-6) throw new Error(`topic probabilities add up to ${total} > 1`);
  return { modelVersion: response.model?.version, topics: topics.length, total };
}

async function main() {
  const { values } = parseArgs({
    options: { base: { type: 'string' }, key: { type: 'string' }, timeout: { type: 'string', default: '180' } },
  });
  if (!values.base || !values.key)
    throw new Error('usage: api-probe.mjs --base <url> --key <predict key> [--timeout s]');
  const deadline = Date.now() + Number(values.timeout) * 1000;

  let last = '';
  for (;;) {
    try {
      const res = await fetch(`${values.base}/health`, { signal: AbortSignal.timeout(5000) });
      last = `HTTP ${res.status} ${(await res.text()).slice(0, 400)}`;
      if (res.status === 200) break;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`/health not ready after ${values.timeout} s: ${last}`);
    await sleep(2000);
  }
  console.log(`/health ready: ${last}`);

  const docs = await fetch(`${values.base}/docs`, { redirect: 'follow' });
  if (docs.status !== 200) throw new Error(`/docs answered HTTP ${docs.status}`);
  console.log('/docs: HTTP 200');

  const res = await fetch(`${values.base}/v1/predictions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': values.key },
    body: JSON.stringify({ text: SAMPLE_TEXT }),
  });
  const text = await res.text();
  if (res.status < 200 || res.status > 299)
    throw new Error(`POST /v1/predictions answered HTTP ${res.status}: ${text}`);
  const result = assertPrediction(JSON.parse(text));
  console.log(`POST /v1/predictions: HTTP ${res.status}, ${JSON.stringify(result)}`);

  const anonymous = await fetch(`${values.base}/v1/predictions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: SAMPLE_TEXT }),
  });
  if (anonymous.status !== 401)
    throw new Error(`a prediction without a key answered HTTP ${anonymous.status}, not 401`);
  console.log('POST /v1/predictions without a key: HTTP 401');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`api-probe: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
