import { ServiceUnavailableException } from '@nestjs/common';
import type { ChampionHolder, ServingModel } from './champion-holder';

/** Why no model is being served, in words an API user can act on. */
export function noModelMessage(champion: ChampionHolder): string {
  const status = champion.status();
  if (status.lastFailure) return `No model is being served: version ${status.lastFailure.version} failed to load (${status.lastFailure.reason})`;
  if (status.loading) return `No model is being served yet: version ${status.loading} is loading`;
  if (!status.trackingReachable && status.trackingError) return `No model is being served: the model registry is unreachable (${status.trackingError})`;
  return 'No model is being served yet: no version has been promoted to champion';
}

/** The model being served, or a 503 that explains why there is none. */
export function servedModel(champion: ChampionHolder): ServingModel {
  const serving = champion.current();
  if (!serving) throw new ServiceUnavailableException(noModelMessage(champion));
  return serving;
}

export function modelRef(serving: ServingModel): { name: string; version: string } {
  return { name: serving.bundle.info.name, version: serving.version };
}
