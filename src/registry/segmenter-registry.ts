import { badUserInput } from '../errors';
import { Segmenter } from './segmenter';

/**
 * The segmenters this server offers: an explicit list, checked once at start-up. Duplicate codes are refused; an
 * unknown code is BAD_USER_INPUT naming the known ones.
 */
export class SegmenterRegistry {
  private readonly byCode = new Map<string, Segmenter>();

  constructor(
    segmenters: Segmenter[],
    /** The module each segmenter came from, so a worker thread can load the same one. */
    readonly modules: Map<string, string> = new Map(),
  ) {
    for (const segmenter of segmenters) {
      checkShape(segmenter);
      if (this.byCode.has(segmenter.code)) throw new Error(`two segmenter plugins use the code "${segmenter.code}"`);
      this.byCode.set(segmenter.code, segmenter);
    }
  }

  /** Loads the plugins from module paths or package names (see `pluginModules`). */
  static load(modules: string[]): SegmenterRegistry {
    const segmenters: Segmenter[] = [];
    const origin = new Map<string, string>();
    for (const spec of modules) {
      const segmenter = loadSegmenterModule(spec);
      if (origin.has(segmenter.code)) throw new Error(`two segmenter plugins use the code "${segmenter.code}": ${origin.get(segmenter.code)} and ${spec}`);
      origin.set(segmenter.code, spec);
      segmenters.push(segmenter);
    }
    return new SegmenterRegistry(segmenters, origin);
  }

  list(): Segmenter[] {
    return [...this.byCode.values()];
  }

  get(code: string): Segmenter {
    const segmenter = this.byCode.get(code);
    if (!segmenter) throw badUserInput(`unknown segmenter "${code}"; known: ${[...this.byCode.keys()].join(', ')}`, { known: [...this.byCode.keys()] });
    return segmenter;
  }

  moduleOf(code: string): string {
    const spec = this.modules.get(code);
    if (!spec) throw new Error(`segmenter "${code}" was not loaded from a module, so it cannot run in a worker`);
    return spec;
  }
}

/** Requires a plugin module and finds its segmenter (default export, `segmenter` export, or the only export). */
export function loadSegmenterModule(spec: string): Segmenter {
  let loaded: Record<string, unknown>;
  try {
    // Plugins are named at run time (SEGMENTQL_PLUGINS): loaded by path or package name.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(spec);
  } catch (err) {
    throw new Error(`cannot load segmenter plugin ${spec}: ${(err as Error).message}`, { cause: err });
  }
  const candidates = [loaded.default, loaded.segmenter, ...Object.values(loaded)].filter((v) => v && typeof v === 'object' && 'code' in (v as object));
  if (candidates.length === 0) throw new Error(`${spec} exports no segmenter (an object with code, fit, assign, ...)`);
  return candidates[0] as Segmenter;
}

function checkShape(s: Segmenter): void {
  const missing = ['code', 'version', 'description', 'artifactFormat', 'params', 'capabilities', 'featureNames', 'fit', 'assign', 'describe', 'serialize', 'deserialize'].filter(
    (key) => (s as unknown as Record<string, unknown>)[key] === undefined,
  );
  if (missing.length > 0) throw new Error(`segmenter plugin ${s.code ?? '(no code)'} lacks ${missing.join(', ')}`);
  if (!/^[a-z][a-z0-9-]*$/.test(s.code)) throw new Error(`segmenter code "${s.code}" must be lower-case letters, digits and dashes`);
}
