import { badUserInput } from '../errors';

/** Parses a GraphQL `ID` argument into a row id; anything else is BAD_USER_INPUT. */
export function parseId(id: string, argument = 'id'): number {
  if (!/^[1-9]\d{0,14}$/.test(id)) throw badUserInput(`${argument} ${JSON.stringify(id)} is not an id`, { argument });
  return Number(id);
}
