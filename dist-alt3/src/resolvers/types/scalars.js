"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JSONScalar = exports.DateTimeScalar = void 0;
const graphql_scalars_1 = require("graphql-scalars");
/** ISO 8601 date-times. */
exports.DateTimeScalar = graphql_scalars_1.DateTimeResolver;
/** Any JSON value (used for free-form attributes and category shares). */
exports.JSONScalar = graphql_scalars_1.JSONResolver;
//# sourceMappingURL=scalars.js.map