"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const artifact_store_1 = require("../../src/artifacts/artifact-store");
const main_1 = require("../../src/cli/main");
const config_1 = require("../../src/config/config");
describe('the artifact store', () => {
    const root = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-artifacts-'));
    const store = new artifact_store_1.ArtifactStore(root);
    const manifest = {
        modelId: 3,
        version: 2,
        plugin: { code: 'kmeans', version: '1.0.0' },
        artifactFormat: 1,
        params: { k: 4 },
        featureNames: ['a', 'b'],
        featureSchemaHash: (0, artifact_store_1.featureSchemaHash)(['a', 'b']),
        metrics: { inertia: 1 },
        createdAt: new Date(0).toISOString(),
    };
    afterAll(() => node_fs_1.default.rmSync(root, { recursive: true, force: true }));
    it('writes <model>/<version>/ with a manifest and the artifact, leaving no temporary files', () => {
        const { dir, sha256 } = store.write(manifest, Buffer.from('hello'));
        expect(dir).toBe(node_path_1.default.join('3', '2'));
        expect(node_fs_1.default.readdirSync(node_path_1.default.join(root, dir)).sort()).toEqual(['artifact.bin', 'manifest.json']);
        expect(JSON.parse(node_fs_1.default.readFileSync(node_path_1.default.join(root, dir, 'manifest.json'), 'utf8'))).toEqual({ ...manifest, sha256 });
        expect(store.read(dir, { sha256, code: 'kmeans', artifactFormat: 1 }).toString()).toBe('hello');
    });
    it('never overwrites a version folder: another database sharing MODELS_DIR is named as the likely cause', () => {
        const { dir, sha256 } = store.write({ ...manifest, version: 7 }, Buffer.from('first'));
        expect(() => store.write({ ...manifest, version: 7, plugin: { code: 'bert', version: '1.0.0' } }, Buffer.from('second'))).toThrow(/already holds an artifact: is another database using MODELS_DIR/);
        expect(store.read(dir, { sha256, code: 'kmeans', artifactFormat: 1 }).toString()).toBe('first');
        // Removed (a version that was never committed), the number can be written again.
        store.remove(dir);
        expect(() => store.write({ ...manifest, version: 7 }, Buffer.from('again'))).not.toThrow();
    });
    it('refuses another plugin, another artifact format, or a corrupted file, saying which', () => {
        const { dir, sha256 } = store.write({ ...manifest, version: 3 }, Buffer.from('model'));
        expect(() => store.read(dir, { sha256, code: 'gpt', artifactFormat: 1 })).toThrow(/was made by kmeans, not gpt/);
        expect(() => store.read(dir, { sha256, code: 'kmeans', artifactFormat: 2 })).toThrow(/has format 1; the installed kmeans plugin reads format 2/);
        node_fs_1.default.writeFileSync(node_path_1.default.join(root, dir, 'artifact.bin'), 'tampered');
        expect(() => store.read(dir, { sha256, code: 'kmeans', artifactFormat: 1 })).toThrow(/corrupt \(checksum mismatch\)/);
    });
});
describe('segmentql eval', () => {
    it('keeps its artifacts beside its own database, never in the server database’s MODELS_DIR', () => {
        expect((0, main_1.evalModelsDir)((0, config_1.parseDatabaseUrl)('sqlite:./data/eval.sqlite'))).toBe(node_path_1.default.resolve('data/eval-models'));
        expect((0, main_1.evalModelsDir)((0, config_1.parseDatabaseUrl)('sqlite:/tmp/ev/A.sqlite'))).toBe('/tmp/ev/A-models');
        expect((0, main_1.evalModelsDir)((0, config_1.parseDatabaseUrl)('postgres://postgres@127.0.0.1:5432/test'))).toBe(node_path_1.default.resolve('data/eval-models'));
    });
});
//# sourceMappingURL=artifact-store.spec.js.map