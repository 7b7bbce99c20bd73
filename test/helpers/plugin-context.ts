import os from 'node:os';
import path from 'node:path';
import { createPluginServices } from '../../src/ml/plugin-services';
import { FitContext, PluginServices, Progress } from '../../src/registry/segmenter';

/** What the host lends plugins in tests run in-process: TF.js on the best backend that loads, local encoders only. */
export const testServices: PluginServices = createPluginServices({ backend: 'auto', modelsDir: path.resolve('models'), allowRemoteTextEncoders: false });

/** A fit context for tests: seed 7 unless given, progress collected into `progress`. */
export function testFitContext(overrides: Partial<FitContext> = {}, progress: Progress[] = []): FitContext {
  return {
    ...testServices,
    seed: 7,
    scratchDir: os.tmpdir(),
    signal: new AbortController().signal,
    log: () => undefined,
    progress: (p) => progress.push(p),
    ...overrides,
  };
}
