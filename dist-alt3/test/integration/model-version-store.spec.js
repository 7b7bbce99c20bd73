"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_crypto_1 = __importDefault(require("node:crypto"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const artifact_store_1 = require("../../src/artifacts/artifact-store");
const entities_1 = require("../../src/entities");
const feature_service_1 = require("../../src/services/feature.service");
const demo_service_1 = require("../../src/services/demo.service");
const import_service_1 = require("../../src/services/import.service");
const model_version_store_service_1 = require("../../src/services/model-version-store.service");
const database_1 = require("../helpers/database");
const sha256 = (bytes) => node_crypto_1.default.createHash('sha256').update(bytes).digest('hex');
describe(`the model version store on ${database_1.TEST_KIND}`, () => {
    let ctx;
    let root;
    let store;
    let modelId;
    let runId;
    let features;
    let asOf;
    beforeAll(async () => {
        ctx = await (0, database_1.openTestDataSource)();
        root = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-versions-'));
        store = new model_version_store_service_1.ModelVersionStore(ctx.dataSource, new artifact_store_1.ArtifactStore(root));
        await new demo_service_1.DemoService(ctx.dataSource, new import_service_1.ImportService(ctx.dataSource)).seed({ customers: 60 });
        const featureService = new feature_service_1.FeatureService(ctx.dataSource);
        asOf = await featureService.defaultAsOf();
        features = await featureService.compute(undefined, asOf);
        expect(features.length).toBeGreaterThanOrEqual(30);
        const model = await ctx.dataSource.getRepository(entities_1.SegmentationModel).save({ name: 'store', segmenter: 'kmeans', params: { k: 3 }, allowProtectedAttributes: false });
        modelId = model.id;
        const run = await ctx.dataSource.getRepository(entities_1.TrainingRun).save({ modelId, status: 'RUNNING', params: { k: 3 }, seed: 42, progress: 1, queuedAt: new Date(), message: 'test' });
        runId = run.id;
    });
    afterAll(async () => {
        await ctx.close();
        node_fs_1.default.rmSync(root, { recursive: true, force: true });
    });
    /** A run's result: 3 segments, round robin, and an artifact of `tag`. */
    function result(tag, customerIds = features.map((f) => f.customerId)) {
        return {
            modelId,
            runId,
            segmenter: { code: 'kmeans', version: '1.0.0', artifactFormat: 1 },
            params: { k: 3 },
            featureNames: ['recencyDays', 'frequency', 'monetary'],
            asOf,
            customerIds,
            features,
            labels: Int32Array.from(customerIds, (_, i) => i % 3),
            distances: Float64Array.from(customerIds, (_, i) => i / 10),
            descriptions: [0, 1, 2].map((index) => ({ index, centroid: { frequency: index } })),
            metrics: { inertia: 1 },
            artifact: new Uint8Array(Buffer.from(`artifact ${tag}`)),
        };
    }
    const versionDirs = () => (node_fs_1.default.existsSync(node_path_1.default.join(root, String(modelId))) ? node_fs_1.default.readdirSync(node_path_1.default.join(root, String(modelId))).map(Number).sort((a, b) => a - b) : []);
    it('gives concurrent stores distinct numbers, each with its own artifact, segments, assignments and profiles', async () => {
        const tags = ['a', 'b', 'c', 'd'];
        const versions = await Promise.all(tags.map((tag) => store.store(result(tag))));
        expect(versions.map((v) => v.number).sort()).toEqual([1, 2, 3, 4]);
        for (const [i, v] of versions.entries()) {
            const bytes = node_fs_1.default.readFileSync(node_path_1.default.join(root, v.artifactPath, artifact_store_1.ARTIFACT_FILE));
            expect(bytes.toString()).toBe(`artifact ${tags[i]}`);
            expect(sha256(bytes)).toBe(v.artifactSha256);
            const segments = await ctx.dataSource.getRepository(entities_1.Segment).find({ where: { versionId: v.id }, order: { index: 'ASC' } });
            expect(segments.map((s) => s.size)).toEqual([0, 1, 2].map((index) => features.filter((_, j) => j % 3 === index).length));
            // Named and profiled from the features, not left as placeholders.
            for (const s of segments)
                expect(Object.keys(s.profile).length).toBeGreaterThan(0);
        }
        expect(versionDirs()).toEqual([1, 2, 3, 4]);
        expect(await (0, database_1.count)(ctx.dataSource, 'segment_assignments')).toBe(4 * features.length);
    });
    it('leaves no artifact and no version behind when the commit fails, and gives the number back', async () => {
        const before = await (0, database_1.count)(ctx.dataSource, 'model_versions');
        // An assignment of a customer that does not exist: a foreign-key violation inside the transaction.
        await expect(store.store(result('broken', [...features.map((f) => f.customerId).slice(1), 987_654_321]))).rejects.toThrow();
        expect(versionDirs()).toEqual([1, 2, 3, 4]);
        expect(await (0, database_1.count)(ctx.dataSource, 'model_versions')).toBe(before);
        expect(await ctx.dataSource.getRepository(entities_1.ModelVersion).countBy({ modelId, number: 5 })).toBe(0);
        // The number was released: the next version is 5, with its own artifact.
        const next = await store.store(result('e'));
        expect(next.number).toBe(5);
        expect(sha256(node_fs_1.default.readFileSync(node_path_1.default.join(root, next.artifactPath, artifact_store_1.ARTIFACT_FILE)))).toBe(next.artifactSha256);
        expect(versionDirs()).toEqual([1, 2, 3, 4, 5]);
    });
    it('gives the number back when the artifact cannot be written', async () => {
        const blocker = node_path_1.default.join(root, 'not-a-folder');
        node_fs_1.default.writeFileSync(blocker, 'x');
        const broken = new model_version_store_service_1.ModelVersionStore(ctx.dataSource, new artifact_store_1.ArtifactStore(blocker));
        await expect(broken.store(result('f'))).rejects.toThrow();
        expect(await ctx.dataSource.getRepository(entities_1.ModelVersion).countBy({ modelId, number: 6 })).toBe(0);
        expect((await store.store(result('f'))).number).toBe(6);
    });
    it('releases a number only while it is the latest: otherwise it stays unused', async () => {
        const a = await store.reserveNumber(modelId);
        const b = await store.reserveNumber(modelId);
        expect([a, b]).toEqual([7, 8]);
        await store.releaseNumber(modelId, a);
        expect(await store.reserveNumber(modelId)).toBe(9);
        await store.releaseNumber(modelId, 9);
        expect(await store.reserveNumber(modelId)).toBe(9);
    });
    it('sweeps what a killed process left: folders without a version and unfinished files, never a committed artifact', async () => {
        const kept = await store.store(result('kept'));
        const keptDir = node_path_1.default.join(root, String(modelId), String(kept.number));
        // As a kill between writing the artifact and committing leaves it: a folder under a number no version has.
        const orphan = node_path_1.default.join(root, String(modelId), String(kept.number + 50));
        node_fs_1.default.mkdirSync(orphan, { recursive: true });
        node_fs_1.default.writeFileSync(node_path_1.default.join(orphan, artifact_store_1.ARTIFACT_FILE), 'orphan');
        // Written before the grace period: a folder this fresh could be another process's, about to be committed.
        const fresh = node_path_1.default.join(root, String(modelId), String(kept.number + 51));
        node_fs_1.default.mkdirSync(fresh, { recursive: true });
        const anHourAgo = new Date(Date.now() - 3_600_000);
        node_fs_1.default.utimesSync(orphan, anHourAgo, anHourAgo);
        // As a kill during the write of a file leaves it, beside a committed version's files.
        const temporary = node_path_1.default.join(keptDir, `${artifact_store_1.ARTIFACT_FILE}.tmp-123-abcd`);
        node_fs_1.default.writeFileSync(temporary, 'half');
        // Not a version folder: left alone.
        node_fs_1.default.writeFileSync(node_path_1.default.join(root, 'README.txt'), 'mine');
        await ctx.dataSource.getRepository(entities_1.TrainingRun).update(runId, { status: 'FAILED' });
        try {
            expect(await store.sweepOrphans()).toEqual({ folders: 1, temporaries: 1 });
        }
        finally {
            await ctx.dataSource.getRepository(entities_1.TrainingRun).update(runId, { status: 'RUNNING' });
        }
        expect(node_fs_1.default.existsSync(orphan)).toBe(false);
        expect(node_fs_1.default.existsSync(fresh)).toBe(true);
        node_fs_1.default.rmSync(fresh, { recursive: true });
        expect(node_fs_1.default.existsSync(temporary)).toBe(false);
        expect(node_fs_1.default.readFileSync(node_path_1.default.join(keptDir, artifact_store_1.ARTIFACT_FILE), 'utf8')).toBe('artifact kept');
        expect(node_fs_1.default.existsSync(node_path_1.default.join(root, 'README.txt'))).toBe(true);
        expect(await store.sweepOrphans()).toEqual({ folders: 0, temporaries: 0 });
    });
    it('keeps the folders of a model that has a RUNNING run: another process may be writing them', async () => {
        const inFlight = node_path_1.default.join(root, String(modelId), '9999');
        node_fs_1.default.mkdirSync(inFlight, { recursive: true });
        const anHourAgo = new Date(Date.now() - 3_600_000);
        node_fs_1.default.utimesSync(inFlight, anHourAgo, anHourAgo);
        expect(await store.sweepOrphans()).toEqual({ folders: 0, temporaries: 0 });
        expect(node_fs_1.default.existsSync(inFlight)).toBe(true);
        node_fs_1.default.rmSync(inFlight, { recursive: true });
    });
    it('refuses to reserve for a model that does not exist', async () => {
        await expect(store.reserveNumber(987_654_321)).rejects.toThrow(/does not exist/);
    });
});
//# sourceMappingURL=model-version-store.spec.js.map