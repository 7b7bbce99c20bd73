import { Loaders, createLoaders } from '../loaders/loaders';
import { Services } from '../services';

/** What every resolver gets: the services, and this request's own DataLoaders. */
export interface Context {
  services: Services;
  loaders: Loaders;
  /** Who is asking, for audit trails (the `x-segmentql-user` header until API keys exist; else "anonymous"). */
  actor: string;
}

export function createContext(services: Services, actor?: string | null): Context {
  const who = (actor ?? '').trim().slice(0, 200);
  return { services, loaders: createLoaders(services), actor: who || 'anonymous' };
}
