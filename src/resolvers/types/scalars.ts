import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

/** ISO 8601 date-times. */
export const DateTimeScalar = DateTimeResolver;
/** Any JSON value (used for free-form attributes and category shares). */
export const JSONScalar = JSONResolver;
