import fs from 'node:fs';
import path from 'node:path';

/**
 * The plugin SDK's promises: plugins import nothing from the package but its SDK entry point, the core imports no
 * plugin, the package exports the SDK (code and types), and the README's example plugins are the files the
 * conformance suite runs.
 */
const ROOT = path.resolve(__dirname, '../../..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module specifier a file imports, requires or re-exports. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)|import\('([^']+)'\)/g)];
  return found.map((m) => m[1] ?? m[2] ?? m[3]);
}

describe('the plugin SDK', () => {
  it('plugins import only the SDK entry point, files of their own folder and npm packages', () => {
    const offences: string[] = [];
    for (const file of tsFiles(path.join(ROOT, 'plugins'))) {
      const own = path.dirname(file).split(path.sep).slice(0, path.join(ROOT, 'plugins').split(path.sep).length + 1).join(path.sep);
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) {
          if (spec.startsWith('segmentql') && spec !== 'segmentql/sdk') offences.push(`${path.relative(ROOT, file)}: ${spec}`);
          continue;
        }
        const target = path.resolve(path.dirname(file), spec);
        if (target === path.join(ROOT, 'src/sdk') || target === path.join(ROOT, 'src/sdk/index')) continue;
        if (!target.startsWith(own + path.sep)) offences.push(`${path.relative(ROOT, file)}: ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('the core never imports a plugin (the built-in list names them by path only)', () => {
    const offences = tsFiles(path.join(ROOT, 'src')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(path.join(ROOT, 'plugins') + path.sep))
        .map((spec) => `${path.relative(ROOT, file)}: ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it('the SDK entry point itself imports only the toolkit and the plugin interface', () => {
    const allowed = ['src/registry/', 'src/ml/', 'src/training/feature-catalogue'];
    const specs = importsOf(path.join(ROOT, 'src/sdk/index.ts')).map((spec) => path.relative(ROOT, path.resolve(ROOT, 'src/sdk', spec)));
    expect(specs.filter((s) => !allowed.some((a) => s.startsWith(a)))).toEqual([]);
  });

  it('is exported by the package as segmentql/sdk, with type declarations', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const entry = require.resolve('segmentql/sdk', { paths: [ROOT] });
    expect(entry).toBe(path.join(ROOT, pkg.exports['./sdk'].default));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require(entry);
    for (const name of ['clusterRows', 'nearest', 'Random', 'standardise', 'createSequenceSegmenter', 'encodeSequences', 'forward']) expect(typeof sdk[name]).toBe('function');
    const types = fs.readFileSync(path.join(ROOT, pkg.exports['./sdk'].types), 'utf8');
    expect(types).toMatch(/export type \{[^}]*\bSegmenter\b/);
  });

  it("the README's example plugins are, word for word, the fixtures the conformance suite runs", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/<!-- readme-plugin: (\S+) -->\n```ts\n([\s\S]*?)```\n/g)];
    expect(blocks.map((b) => b[1])).toEqual(['test/fixtures/plugins/readme-quantiles-segmenter.ts', 'test/fixtures/plugins/readme-sequence-segmenter.ts']);
    for (const [, file, code] of blocks) {
      expect(code.includes("from 'segmentql/sdk'")).toBe(true);
      expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toBe(code.replace("'segmentql/sdk'", "'../../../src/sdk'"));
    }
  });
});
