import { Loaders, createLoaders } from '../loaders/loaders';
import { Services } from '../services';

/** What every resolver gets: the services, and this request's own DataLoaders. */
export interface Context {
  services: Services;
  loaders: Loaders;
}

export function createContext(services: Services): Context {
  return { services, loaders: createLoaders(services) };
}
