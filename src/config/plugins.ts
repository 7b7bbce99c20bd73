import path from 'node:path';

/**
 * The built-in segmenters, as module paths (the training worker loads the same modules by path). Third-party plugins
 * are added with SEGMENTQL_PLUGINS: a comma-separated list of module paths (relative to the working directory) or
 * package names, each exporting a segmenter as `default` or as its only export.
 */
export const BUILT_IN_PLUGIN_MODULES = ['kmeans', 'svd', 'gpt', 'bert', 'clv'].map((code) => path.resolve(__dirname, '../../plugins', code));

export function pluginModules(env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = (env.SEGMENTQL_PLUGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((spec) => (spec.startsWith('.') || spec.startsWith('/') ? path.resolve(spec) : spec));
  return [...BUILT_IN_PLUGIN_MODULES, ...extra];
}
