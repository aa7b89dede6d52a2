// Child process of cluster.e2e.spec.ts: the real cluster primary (runPrimary) over tiny workers that count
// hits in their own registry and serve /metrics through clusterMetricsClient, as the API workers do.
// Plain TypeScript only (no path aliases): it runs under `node -r @swc-node/register`.
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import pino from 'pino';
import { Counter, Registry } from 'prom-client';
import { runPrimary } from '../../src/cluster/primary';
import { clusterMetricsClient } from '../../src/cluster/worker-metrics';

const port = Number(process.env['HARNESS_PORT']);
if (cluster.isPrimary) {
  runPrimary(2, pino({ level: 'silent' }));
} else {
  const registry = new Registry();
  const hits = new Counter({ name: 'harness_hits_total', help: 'hits', registers: [registry] });
  const metrics = clusterMetricsClient(registry);
  createServer((req, res) => {
    if (req.url === '/metrics') {
      metrics().then((text) => res.end(text), (error: Error) => res.writeHead(500).end(error.message));
      return;
    }
    hits.inc();
    res.setHeader('connection', 'close');
    res.end(String(process.pid));
  }).listen(port, '127.0.0.1');
  process.on('SIGTERM', () => process.exit(0));
}
