import path from 'node:path';

/** The example third-party plugin, compiled (what SEGMENTQL_PLUGINS names in the tests). */
export const EXAMPLE_PLUGIN = path.resolve(__dirname, '../fixtures/plugins/example-segmenter.js');
