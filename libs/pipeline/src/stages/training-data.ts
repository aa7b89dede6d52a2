import { Bow } from '@topicops/lda';
import { DataSource } from 'typeorm';
import { isHeldOut, tokenPages } from './documents';
import { LoadedPreprocessing } from './preprocessing-version';

export const DEFAULT_HELDOUT_FRACTION = 0.1;

/** One pre-processing version's documents as the trainer and the evaluator see them. */
export interface TrainingData {
  documentIds: number[];
  texts: string[][];
  bows: Bow[];
  heldOut: boolean[];
}

export async function loadTrainingData(
  ds: DataSource,
  preprocessing: LoadedPreprocessing,
  heldoutFraction: number,
): Promise<TrainingData> {
  const data: TrainingData = { documentIds: [], texts: [], bows: [], heldOut: [] };
  for await (const page of tokenPages(ds, preprocessing.entity.id)) {
    for (const row of page) {
      data.documentIds.push(row.documentId);
      data.texts.push(row.tokens);
      data.bows.push(preprocessing.dictionary.doc2bow(row.tokens));
      data.heldOut.push(isHeldOut(row.documentId, heldoutFraction));
    }
  }
  return data;
}

export function split(data: TrainingData): { train: Bow[]; heldout: Bow[]; trainTexts: string[][] } {
  const train: Bow[] = [];
  const heldout: Bow[] = [];
  const trainTexts: string[][] = [];
  data.bows.forEach((bow, i) => {
    if (data.heldOut[i]) {
      heldout.push(bow);
    } else {
      train.push(bow);
      trainTexts.push(data.texts[i]);
    }
  });
  return { train, heldout, trainTexts };
}
