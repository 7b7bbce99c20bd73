"use strict";
/**
 * The segmenter plugin interface. A segmenter is one plain object: it declares who it is, which parameters it takes
 * and what it can do, and it turns a training set into an immutable artifact (`fit`) that later assigns customers to
 * segments (`assign`). It never sees the database or GraphQL: the runner hands it a training set and a context.
 *
 * Plugins import this interface, and the toolkit they may use, from the SDK's one entry point (`segmentql/sdk`,
 * `src/sdk/index.ts`), never from elsewhere in the package.
 *
 * @example A minimal plugin: see `test/fixtures/plugins/example-segmenter.ts` and README ("Writing a segmenter").
 */
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=segmenter.js.map