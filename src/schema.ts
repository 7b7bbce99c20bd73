import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { AuthChecker, PubSub, buildSchema } from 'type-graphql';
import { requireRole, isRole } from './auth/roles';
import type { Context } from './resolvers/context';
import { createAppPubSub } from './pubsub/pubsub';
import { CatalogResolvers } from './resolvers';

/** `@Authorized('analyst')`: the key's role must be at least the one named, else FORBIDDEN. */
const authChecker: AuthChecker<Context> = ({ context, info }, roles) => {
  const required = roles.find(isRole) ?? 'viewer';
  requireRole(context.principal, required, `${info.parentType.name}.${info.fieldName}`);
  return true;
};

/** Builds the executable schema from the resolvers (code first). */
export async function createSchema(pubSub: PubSub = createAppPubSub()): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: CatalogResolvers, validate: false, pubSub, authChecker });
}

/** The schema as committed in `schema/schema.graphql`: sorted, so that the file changes only when the API does. */
export function printCommittedSchema(schema: GraphQLSchema): string {
  return `# Emitted from the code by \`npm run schema:emit\`; do not edit. A test fails when it drifts.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}

export const SCHEMA_FILE = path.resolve(__dirname, '../../schema/schema.graphql');

export async function writeSchemaFile(file = SCHEMA_FILE): Promise<string> {
  const text = printCommittedSchema(await createSchema());
  fs.writeFileSync(file, text);
  return file;
}
