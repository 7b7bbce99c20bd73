"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UsageError = void 0;
/** A mistake in how the command was called: printed without a stack, exit status 2. */
class UsageError extends Error {
}
exports.UsageError = UsageError;
//# sourceMappingURL=usage-error.js.map