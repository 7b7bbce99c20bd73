// Builds the console (src/console) into dist/console: the app at / and GraphiQL at /graphiql. Before anything is
// bundled, the operations in schema/operations/ are turned into typed documents (generated/graphql.ts) from
// schema/schema.graphql, so an operation the schema no longer answers fails the build's type check.
import fs from 'node:fs';
import path from 'node:path';
import { codegen } from '@graphql-codegen/core';
import * as operationsPlugin from '@graphql-codegen/typescript-operations';
import * as typedDocumentNodePlugin from '@graphql-codegen/typed-document-node';
import { parse } from 'graphql';
import { fileURLToPath } from 'node:url';
import { defineConfig, Plugin } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(root, '../..');

/** Every operation file under schema/operations (the README's examples and the console's own). */
function operationFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? operationFiles(path.join(dir, e.name)) : e.name.endsWith('.graphql') ? [path.join(dir, e.name)] : []));
}

async function generateOperations(): Promise<void> {
  const schemaText = fs.readFileSync(path.join(repo, 'schema/schema.graphql'), 'utf8');
  const documents = operationFiles(path.join(repo, 'schema/operations')).map((file) => ({ location: path.relative(repo, file), document: parse(fs.readFileSync(file, 'utf8')) }));
  const output = await codegen({
    filename: 'graphql.ts',
    schema: parse(schemaText),
    documents,
    config: { documentMode: 'string', enumsAsTypes: true, scalars: { DateTime: 'string', JSON: 'unknown', ID: 'string' }, avoidOptionals: false, useTypeImports: true },
    plugins: [{ typescriptOperations: {} }, { typedDocumentNode: {} }],
    pluginMap: { typescriptOperations: operationsPlugin, typedDocumentNode: typedDocumentNodePlugin },
  });
  const target = path.join(root, 'generated/graphql.ts');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const text = `// Generated from schema/schema.graphql and schema/operations/ by src/console/vite.config.mts: do not edit.\n/* eslint-disable */\n${output}`;
  if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) fs.writeFileSync(target, text);
}

function operationsCodegen(): Plugin {
  return { name: 'segmentql-operations', buildStart: generateOperations };
}

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  plugins: [operationsCodegen()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: path.join(repo, 'dist/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      // GraphiQL's dependencies mark modules "use client" (React Server Components): meaningless in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: { index: path.join(root, 'index.html'), graphiql: path.join(root, 'graphiql.html') },
    },
  },
});
