import type { PreparedDocument, RejectedSource } from './document-writer';
import { textStats } from './text-stats';
import type { DocumentDraft } from './types';

/** Share of control characters above which a text is taken for binary data. */
const MAX_CONTROL_SHARE = 0.1;

export type Prepared = { ok: true; document: PreparedDocument } | { ok: false; rejection: RejectedSource };

/** Checks a draft that every source produces alike (size, white space only, binary) and adds its statistics. */
export function prepareDocument(draft: DocumentDraft, maxDocumentBytes: number): Prepared {
  const reject = (reason: RejectedSource['reason'], message: string): Prepared => ({
    ok: false,
    rejection: { sourceId: draft.sourceId, reason, message },
  });
  const bytes = draft.content.byteLength;
  if (bytes > maxDocumentBytes)
    return reject('too_large', `${bytes} bytes of text is more than the limit of ${maxDocumentBytes}`);
  const stats = textStats(draft.content.utf8);
  if (stats.wordCount === 0) return reject('empty', 'the text holds only white space');
  if (stats.controlCount > MAX_CONTROL_SHARE * stats.charCount)
    return reject('binary', 'the text is mostly control characters: binary data, not text');
  return { ok: true, document: { ...draft, ...stats } };
}
