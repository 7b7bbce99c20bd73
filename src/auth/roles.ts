import { GraphQLError } from 'graphql';
import { ROLES, Role } from '../entities';
import { ErrorCode } from '../errors';

/** Who is asking: an API key, or the local developer when AUTH=off. */
export interface Principal {
  keyId: number | null;
  /** For audit trails (alias history, exports): `key:<name>`, or `dev (AUTH=off)`. */
  name: string;
  role: Role;
}

export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function unauthenticated(message = 'a valid API key is required: send "Authorization: Bearer <key>"'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

export function forbidden(required: Role, role: Role, what = 'this operation'): GraphQLError {
  return new GraphQLError(`${what} needs the ${required} role; this key is ${role}`, { extensions: { code: ErrorCode.FORBIDDEN, requiredRole: required, role } });
}

/** Throws FORBIDDEN unless the principal has at least `required`. */
export function requireRole(principal: Principal, required: Role, what?: string): void {
  if (!roleAtLeast(principal.role, required)) throw forbidden(required, principal.role, what);
}

/** Personal data (email, name, city, free-form attributes) is for analysts and admins only. */
export function seesPii(principal: Principal): boolean {
  return roleAtLeast(principal.role, 'analyst');
}
