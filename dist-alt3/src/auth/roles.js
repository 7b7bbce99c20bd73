"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.roleAtLeast = roleAtLeast;
exports.isRole = isRole;
exports.unauthenticated = unauthenticated;
exports.forbidden = forbidden;
exports.requireRole = requireRole;
exports.seesPii = seesPii;
const graphql_1 = require("graphql");
const entities_1 = require("../entities");
const errors_1 = require("../errors");
function roleAtLeast(role, required) {
    return entities_1.ROLES.indexOf(role) >= entities_1.ROLES.indexOf(required);
}
function isRole(value) {
    return typeof value === 'string' && entities_1.ROLES.includes(value);
}
function unauthenticated(message = 'a valid API key is required: send "Authorization: Bearer <key>"') {
    return new graphql_1.GraphQLError(message, { extensions: { code: errors_1.ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}
function forbidden(required, role, what = 'this operation') {
    return new graphql_1.GraphQLError(`${what} needs the ${required} role; this key is ${role}`, { extensions: { code: errors_1.ErrorCode.FORBIDDEN, requiredRole: required, role } });
}
/** Throws FORBIDDEN unless the principal has at least `required`. */
function requireRole(principal, required, what) {
    if (!roleAtLeast(principal.role, required))
        throw forbidden(required, principal.role, what);
}
/** Personal data (email, name, city, free-form attributes) is for analysts and admins only. */
function seesPii(principal) {
    return roleAtLeast(principal.role, 'analyst');
}
//# sourceMappingURL=roles.js.map