"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_crypto_1 = __importDefault(require("node:crypto"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const artifact_store_1 = require("../../src/artifacts/artifact-store");
const entities_1 = require("../../src/entities");
const database_1 = require("../helpers/database");
const server_1 = require("../helpers/server");
// Issue 16: with TRAINING_CONCURRENCY=2, runs of one model that finish together must each get their own version
// number, and each version's artifact on disk must be its own (the loser of a number race must not overwrite it).
describe(`concurrent runs of one model on ${database_1.TEST_KIND}`, () => {
    let t;
    beforeAll(async () => {
        t = await (0, server_1.startTestServer)({ seedDemo: true, env: { TRAINING_CONCURRENCY: '2' } });
    });
    afterAll(() => t.close());
    it('store distinct version numbers, each with its own artifact, and each version loads', async () => {
        const reg = await t.gql(`mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }`, { input: { name: 'twins', segmenter: 'kmeans', params: { k: 3, nInit: 1 } } });
        expect(reg.errors).toBeUndefined();
        const modelId = reg.data.registerModel.id;
        // Pairs of runs start together (two slots) and, with the same work, finish within a few milliseconds of each
        // other. Different seeds, so that every run's artifact differs from the others'.
        const seeds = [1, 2, 3, 4, 5, 6];
        const runIds = [];
        for (const seed of seeds) {
            const res = await t.gql(`mutation($m: ID!, $s: Int) { startTrainingRun(modelId: $m, seed: $s) { id } }`, { m: modelId, s: seed });
            expect(res.errors).toBeUndefined();
            runIds.push(res.data.startTrainingRun.id);
        }
        await t.server.services.runner.idle();
        // Each artifact on disk is the one its version recorded.
        const versions = await t.server.dataSource.getRepository(entities_1.ModelVersion).find({ where: { modelId: Number(modelId) }, order: { number: 'ASC' } });
        for (const v of versions) {
            const bytes = node_fs_1.default.readFileSync(node_path_1.default.join(t.modelsDir, v.artifactPath, artifact_store_1.ARTIFACT_FILE));
            expect({ number: v.number, sha256: node_crypto_1.default.createHash('sha256').update(bytes).digest('hex') }).toEqual({ number: v.number, sha256: v.artifactSha256 });
            expect(v.artifactPath).toBe(node_path_1.default.join(String(modelId), String(v.number)));
        }
        const runs = await Promise.all(runIds.map(async (id) => (await t.gql(`query($id: ID!) { trainingRun(id: $id) { status error modelVersion { id number } } }`, { id })).data.trainingRun));
        expect(runs.map((r) => [r.status, r.error])).toEqual(seeds.map(() => ['SUCCEEDED', null]));
        expect(runs.map((r) => r.modelVersion.number).sort((a, b) => a - b)).toEqual(seeds.map((_, i) => i + 1));
        expect(versions.length).toBe(seeds.length);
        // The model lists exactly those versions.
        const listed = await t.gql(`query($id: ID!) { model(id: $id) { versions(first: 50) { totalCount edges { node { id number } } } } }`, { id: modelId });
        expect(listed.errors).toBeUndefined();
        expect(listed.data.model.versions.totalCount).toBe(seeds.length);
        expect(listed.data.model.versions.edges.map((e) => e.node.number).sort((a, b) => a - b)).toEqual(seeds.map((_, i) => i + 1));
        // Nothing else was left under the model's folder.
        expect(node_fs_1.default.readdirSync(node_path_1.default.join(t.modelsDir, String(modelId))).map(Number).sort((a, b) => a - b)).toEqual(versions.map((v) => v.number));
        // Each version loads and assigns: real-time assignment agrees with what training stored.
        const [{ id: customerId }] = await t.server.dataSource.query(`SELECT MIN(customer_id) AS id FROM segment_assignments WHERE version_id = ${versions[0].id}`);
        for (const v of versions) {
            const alias = `twin-${v.number}`;
            const set = await t.gql(`mutation($v: ID!, $a: String!) { setModelAlias(versionId: $v, alias: $a) { id } }`, { v: String(v.id), a: alias });
            expect(set.errors).toBeUndefined();
            const live = await t.gql(`mutation($ids: [ID!]!, $a: String!) { assignCustomers(ids: $ids, alias: $a) { segment { id } } }`, { ids: [String(customerId)], a: alias });
            expect(live.errors).toBeUndefined();
            const [stored] = await t.server.dataSource.query(`SELECT segment_id FROM segment_assignments WHERE version_id = ${v.id} AND customer_id = ${Number(customerId)}`);
            expect(live.data.assignCustomers[0].segment.id).toBe(String(stored.segment_id));
        }
    });
});
//# sourceMappingURL=concurrent-versions.e2e-spec.js.map