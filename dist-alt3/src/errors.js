"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ErrorCode = void 0;
exports.badUserInput = badUserInput;
exports.notFound = notFound;
exports.clientSafeMessage = clientSafeMessage;
const graphql_1 = require("graphql");
/** Error codes clients can rely on (`extensions.code`). */
exports.ErrorCode = {
    BAD_USER_INPUT: 'BAD_USER_INPUT',
    NOT_FOUND: 'NOT_FOUND',
    CONFLICT: 'CONFLICT',
    UNAUTHENTICATED: 'UNAUTHENTICATED',
    FORBIDDEN: 'FORBIDDEN',
    QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
    QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
    RATE_LIMITED: 'RATE_LIMITED',
    PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
    BAD_REQUEST: 'BAD_REQUEST',
    INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
};
function badUserInput(message, extensions = {}) {
    return new graphql_1.GraphQLError(message, { extensions: { code: exports.ErrorCode.BAD_USER_INPUT, ...extensions } });
}
function notFound(what, id) {
    return new graphql_1.GraphQLError(`${what} ${id} does not exist`, { extensions: { code: exports.ErrorCode.NOT_FOUND, id: String(id) } });
}
/**
 * A job's error as clients may see it (a run's or an export's `error`): file system paths are replaced by `<path>`, so
 * that nobody learns where the server keeps its files. The full message goes to the server's log.
 */
function clientSafeMessage(err) {
    const message = err instanceof Error ? err.message : String(err);
    // Absolute POSIX paths of two or more segments, and Windows drive paths.
    return message.replace(/(?:[A-Za-z]:\\|\/)(?:[^\s'"`/\\:,;()]+[/\\])+[^\s'"`/\\:,;()]*/g, '<path>');
}
//# sourceMappingURL=errors.js.map