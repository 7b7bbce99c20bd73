import { MiddlewareFn } from 'type-graphql';
import type { Context } from '../resolvers/context';
import { seesPii } from './roles';

/** Personal data fields answer null to viewers: the field stays in the schema, its value does not leave the server. */
export const MaskPii: MiddlewareFn<Context> = ({ context }, next) => (seesPii(context.principal) ? next() : Promise.resolve(null));
