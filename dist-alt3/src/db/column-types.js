"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.bigintAsNumber = void 0;
/** `bigint` columns come back from PostgreSQL as strings; amounts here stay far below 2^53, so numbers are safe. */
exports.bigintAsNumber = {
    to: (value) => value,
    from: (value) => (value === null || value === undefined ? value : Number(value)),
};
//# sourceMappingURL=column-types.js.map