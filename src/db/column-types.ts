import { ValueTransformer } from 'typeorm';

/** `bigint` columns come back from PostgreSQL as strings; amounts here stay far below 2^53, so numbers are safe. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};
