// Builds a larger ChroniclItaly-layout tree for ingestion benchmarks: every page of <source> appears <copies>
// times under distinct names (the edition number gets the copy number appended), hard-linked when possible.
//   node -r @swc-node/register tools/bench/ingest-replicate.ts /work/shared/corpora/chroniclitaly-sample /tmp/ci-x16 16
import { copyFileSync, linkSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function main(argv: string[]): number {
  const [source, destination, copiesText] = argv;
  const copies = Number(copiesText);
  if (!source || !destination || !Number.isInteger(copies) || copies < 1) {
    console.error('usage: ingest-replicate.ts <source-root> <destination> <copies>');
    return 2;
  }
  let files = 0;
  for (const publication of readdirSync(source, { withFileTypes: true })) {
    if (!publication.isDirectory()) continue;
    mkdirSync(join(destination, publication.name), { recursive: true });
    for (const page of readdirSync(join(source, publication.name))) {
      for (let copy = 1; copy <= copies; copy++) {
        const from = join(source, publication.name, page);
        const to = join(destination, publication.name, page.replace(/_ed-(\d+)_/, `_ed-$1${copy}_`));
        try {
          linkSync(from, to);
        } catch {
          copyFileSync(from, to);
        }
        files++;
      }
    }
  }
  console.log(`${files} files in ${destination}`);
  return 0;
}

process.exit(main(process.argv.slice(2)));
