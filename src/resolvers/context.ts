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
  /** The request's id (X-Request-Id, or made up): in the logs of the API and of the worker that runs its job. */
  requestId?: string;
}

export function createContext(services: Services, principal: Principal, requestId?: string): Context {
  return { services, loaders: createLoaders(services), principal, actor: principal.name, requestId };
}
