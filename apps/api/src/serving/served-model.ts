import { ServiceUnavailableException } from '@nestjs/common';
import { noModelMessage } from '../predictions/predictions.service';
import type { ChampionHolder, ServingModel } from './champion-holder';

/** The model being served, or a 503 that explains why there is none. */
export function servedModel(champion: ChampionHolder): ServingModel {
  const serving = champion.current();
  if (!serving) throw new ServiceUnavailableException(noModelMessage(champion));
  return serving;
}

export function modelRef(serving: ServingModel): { name: string; version: string } {
  return { name: serving.bundle.info.name, version: serving.version };
}
