import path from 'node:path';

/** The example third-party plugin, compiled (what SEGMENTQL_PLUGINS names in the tests). */
export const EXAMPLE_PLUGIN = path.resolve(__dirname, '../fixtures/plugins/example-segmenter.js');

/** The README's sequence (transformer) plugin, written against the SDK alone (README, "Writing a segmenter"). */
export const README_SEQUENCE_PLUGIN = path.resolve(__dirname, '../fixtures/plugins/readme-sequence-segmenter.js');

/** The README's numeric plugin. */
export const README_QUANTILES_PLUGIN = path.resolve(__dirname, '../fixtures/plugins/readme-quantiles-segmenter.js');
