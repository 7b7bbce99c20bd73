import { Principal } from '../auth/roles';
import { Loaders, createLoaders } from '../loaders/loaders';
import { Services } from '../services';

/** What every resolver gets: the services, who is asking, and this request's own DataLoaders. */
export interface Context {
  services: Services;
  loaders: Loaders;
  /** The API key's identity and role (checked before the request got here). */
  principal: Principal;
  /** For audit trails (alias history): the key's name. */
  actor: string;
}

export function createContext(services: Services, principal: Principal): Context {
  return { services, loaders: createLoaders(services), principal, actor: principal.name };
}
