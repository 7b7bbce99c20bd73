import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FitContext, PluginServices } from '../registry/segmenter';
import { BackendChoice, useBackend } from './backend';
import { loadTextEncoder } from './text-encoder';

/** What the host decides for the plugins of one thread; it comes from the configuration, never from `process.env`. */
export interface PluginServicesOptions {
  /** Training threads pass the configured preference; the API thread passes `portable`. */
  backend: BackendChoice;
  /** The configured MODELS_DIR (local pretrained text encoders live under `pretrained/`). */
  modelsDir: string;
  /** TEXT_ENCODER_ALLOW_REMOTE. */
  allowRemoteTextEncoders: boolean;
  log?: (message: string) => void;
}

/** Where fits' scratch folders go unless the host says otherwise. */
export const DEFAULT_SCRATCH_ROOT = path.join(os.tmpdir(), 'segmentql-scratch');

/** The services a host lends its plugins (see `PluginServices`), bound to one configuration. */
export function createPluginServices(options: PluginServicesOptions): PluginServices {
  return {
    async tensorflow() {
      const { tf, name } = await useBackend(options.backend);
      return { tf, backend: name };
    },
    textEncoder: (id) => loadTextEncoder(id, { modelsDir: options.modelsDir, allowRemote: options.allowRemoteTextEncoders }),
    log: options.log ?? (() => undefined),
  };
}

/**
 * Runs `fn` with a fresh private folder for a fit's temporary files (`FitContext.scratchDir`), removed afterwards
 * whatever happens.
 */
export async function withScratchDir<T>(root: string, fn: (dir: string) => Promise<T>): Promise<T> {
  fs.mkdirSync(root, { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, 'fit-'));
  try {
    return await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A quiet `FitContext` for fits nobody watches (evaluation refits, tests): no progress, no log. */
export function quietFitContext(services: PluginServices, seed: number, scratchDir: string, signal: AbortSignal = new AbortController().signal, purpose: FitContext['purpose'] = 'training'): FitContext {
  return { ...services, seed, scratchDir, signal, purpose, progress: () => undefined, log: () => undefined };
}
