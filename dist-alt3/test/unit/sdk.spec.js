"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
/**
 * The plugin SDK's promises: plugins import nothing from the package but its SDK entry point, the core imports no
 * plugin, the package exports the SDK (code and types), and the README's example plugins are the files the
 * conformance suite runs.
 */
const ROOT = node_path_1.default.resolve(__dirname, '../../..');
function tsFiles(dir) {
    return node_fs_1.default.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = node_path_1.default.join(dir, e.name);
        return e.isDirectory() ? tsFiles(full) : e.name.endsWith('.ts') ? [full] : [];
    });
}
/** Every module specifier a file imports, requires or re-exports. */
function importsOf(file) {
    const text = node_fs_1.default.readFileSync(file, 'utf8');
    const found = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)|import\('([^']+)'\)/g)];
    return found.map((m) => m[1] ?? m[2] ?? m[3]);
}
describe('the plugin SDK', () => {
    it('plugins import only the SDK entry point, files of their own folder and npm packages', () => {
        const offences = [];
        for (const file of tsFiles(node_path_1.default.join(ROOT, 'plugins'))) {
            const own = node_path_1.default.dirname(file).split(node_path_1.default.sep).slice(0, node_path_1.default.join(ROOT, 'plugins').split(node_path_1.default.sep).length + 1).join(node_path_1.default.sep);
            for (const spec of importsOf(file)) {
                if (!spec.startsWith('.')) {
                    if (spec.startsWith('segmentql') && spec !== 'segmentql/sdk')
                        offences.push(`${node_path_1.default.relative(ROOT, file)}: ${spec}`);
                    continue;
                }
                const target = node_path_1.default.resolve(node_path_1.default.dirname(file), spec);
                if (target === node_path_1.default.join(ROOT, 'src/sdk') || target === node_path_1.default.join(ROOT, 'src/sdk/index'))
                    continue;
                if (!target.startsWith(own + node_path_1.default.sep))
                    offences.push(`${node_path_1.default.relative(ROOT, file)}: ${spec}`);
            }
        }
        expect(offences).toEqual([]);
    });
    it('the core never imports a plugin (the built-in list names them by path only)', () => {
        const offences = tsFiles(node_path_1.default.join(ROOT, 'src')).flatMap((file) => importsOf(file)
            .filter((spec) => spec.startsWith('.') && node_path_1.default.resolve(node_path_1.default.dirname(file), spec).startsWith(node_path_1.default.join(ROOT, 'plugins') + node_path_1.default.sep))
            .map((spec) => `${node_path_1.default.relative(ROOT, file)}: ${spec}`));
        expect(offences).toEqual([]);
    });
    it('the SDK entry point itself imports only the toolkit and the plugin interface', () => {
        const allowed = ['src/registry/', 'src/ml/', 'src/training/feature-catalogue'];
        const specs = importsOf(node_path_1.default.join(ROOT, 'src/sdk/index.ts')).map((spec) => node_path_1.default.relative(ROOT, node_path_1.default.resolve(ROOT, 'src/sdk', spec)));
        expect(specs.filter((s) => !allowed.some((a) => s.startsWith(a)))).toEqual([]);
    });
    it('is exported by the package as segmentql/sdk, with type declarations', () => {
        const pkg = JSON.parse(node_fs_1.default.readFileSync(node_path_1.default.join(ROOT, 'package.json'), 'utf8'));
        const entry = require.resolve('segmentql/sdk', { paths: [ROOT] });
        expect(entry).toBe(node_path_1.default.join(ROOT, pkg.exports['./sdk'].default));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const sdk = require(entry);
        for (const name of ['clusterRows', 'nearest', 'Random', 'standardise', 'createSequenceSegmenter', 'encodeSequences', 'forward'])
            expect(typeof sdk[name]).toBe('function');
        const types = node_fs_1.default.readFileSync(node_path_1.default.join(ROOT, pkg.exports['./sdk'].types), 'utf8');
        expect(types).toMatch(/export type \{[^}]*\bSegmenter\b/);
    });
    it("the README's example plugins are, word for word, the fixtures the conformance suite runs", () => {
        const readme = node_fs_1.default.readFileSync(node_path_1.default.join(ROOT, 'README.md'), 'utf8');
        const blocks = [...readme.matchAll(/<!-- readme-plugin: (\S+) -->\n```ts\n([\s\S]*?)```\n/g)];
        expect(blocks.map((b) => b[1])).toEqual(['test/fixtures/plugins/readme-quantiles-segmenter.ts', 'test/fixtures/plugins/readme-sequence-segmenter.ts']);
        for (const [, file, code] of blocks) {
            expect(code.includes("from 'segmentql/sdk'")).toBe(true);
            expect(node_fs_1.default.readFileSync(node_path_1.default.join(ROOT, file), 'utf8')).toBe(code.replace("'segmentql/sdk'", "'../../../src/sdk'"));
        }
    });
});
//# sourceMappingURL=sdk.spec.js.map