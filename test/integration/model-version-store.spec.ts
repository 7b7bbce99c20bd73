import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArtifactStore, ARTIFACT_FILE } from '../../src/artifacts/artifact-store';
import { PostgresBlobStore } from '../../src/artifacts/blob-store';
import { ModelVersion, Segment, SegmentationModel, TrainingRun } from '../../src/entities';
import { CustomerFeatures, FeatureService } from '../../src/services/feature.service';
import { DemoService } from '../../src/services/demo.service';
import { ImportService } from '../../src/services/import.service';
import { ModelVersionStore, NewModelVersion } from '../../src/services/model-version-store.service';
import { count, openTestDataSource, TEST_KIND } from '../helpers/database';

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

describe(`the model version store on ${TEST_KIND}`, () => {
  let ctx: Awaited<ReturnType<typeof openTestDataSource>>;
  let root: string;
  let store: ModelVersionStore;
  let modelId: number;
  let runId: number;
  let features: CustomerFeatures[];
  let asOf: Date;

  beforeAll(async () => {
    ctx = await openTestDataSource();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-versions-'));
    store = new ModelVersionStore(ctx.dataSource, new ArtifactStore(root));
    await new DemoService(ctx.dataSource, new ImportService(ctx.dataSource)).seed({ customers: 60 });
    const featureService = new FeatureService(ctx.dataSource);
    asOf = await featureService.defaultAsOf();
    features = await featureService.compute(undefined, asOf);
    expect(features.length).toBeGreaterThanOrEqual(30);
    const model = await ctx.dataSource.getRepository(SegmentationModel).save({ name: 'store', segmenter: 'kmeans', params: { k: 3 }, allowProtectedAttributes: false });
    modelId = model.id;
    const run = await ctx.dataSource.getRepository(TrainingRun).save({ modelId, status: 'RUNNING', params: { k: 3 }, seed: 42, progress: 1, queuedAt: new Date(), message: 'test' } as Partial<TrainingRun>);
    runId = run.id;
  });
  afterAll(async () => {
    await ctx.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** A run's result (a run of its own: one version per run): 3 segments, round robin, and an artifact of `tag`. */
  async function result(tag: string, customerIds = features.map((f) => f.customerId), ofRun?: number): Promise<NewModelVersion> {
    const run = ofRun ?? (await ctx.dataSource.getRepository(TrainingRun).save({ modelId, status: 'SUCCEEDED', params: { k: 3 }, seed: 42, progress: 1, queuedAt: new Date(), message: tag } as Partial<TrainingRun>)).id;
    return {
      modelId,
      runId: run,
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

  const versionDirs = () => (fs.existsSync(path.join(root, String(modelId))) ? fs.readdirSync(path.join(root, String(modelId))).map(Number).sort((a, b) => a - b) : []);

  it('gives concurrent stores distinct numbers, each with its own artifact, segments, assignments and profiles', async () => {
    const tags = ['a', 'b', 'c', 'd'];
    const versions = await Promise.all(tags.map(async (tag) => store.store(await result(tag))));
    expect(versions.map((v) => v.number).sort()).toEqual([1, 2, 3, 4]);
    for (const [i, v] of versions.entries()) {
      const bytes = fs.readFileSync(path.join(root, v.artifactPath, ARTIFACT_FILE));
      expect(bytes.toString()).toBe(`artifact ${tags[i]}`);
      expect(sha256(bytes)).toBe(v.artifactSha256);
      const segments = await ctx.dataSource.getRepository(Segment).find({ where: { versionId: v.id }, order: { index: 'ASC' } });
      expect(segments.map((s) => s.size)).toEqual([0, 1, 2].map((index) => features.filter((_, j) => j % 3 === index).length));
      // Named and profiled from the features, not left as placeholders.
      for (const s of segments) expect(Object.keys(s.profile).length).toBeGreaterThan(0);
    }
    expect(versionDirs()).toEqual([1, 2, 3, 4]);
    expect(await count(ctx.dataSource, 'segment_assignments')).toBe(4 * features.length);
  });

  it('leaves no artifact and no version behind when the commit fails, and gives the number back', async () => {
    const before = await count(ctx.dataSource, 'model_versions');
    // An assignment of a customer that does not exist: a foreign-key violation inside the transaction.
    await expect(store.store(await result('broken', [...features.map((f) => f.customerId).slice(1), 987_654_321]))).rejects.toThrow();
    expect(versionDirs()).toEqual([1, 2, 3, 4]);
    expect(await count(ctx.dataSource, 'model_versions')).toBe(before);
    expect(await ctx.dataSource.getRepository(ModelVersion).countBy({ modelId, number: 5 })).toBe(0);

    // The number was released: the next version is 5, with its own artifact.
    const next = await store.store(await result('e'));
    expect(next.number).toBe(5);
    expect(sha256(fs.readFileSync(path.join(root, next.artifactPath, ARTIFACT_FILE)))).toBe(next.artifactSha256);
    expect(versionDirs()).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives the number back when the artifact cannot be written', async () => {
    const blocker = path.join(root, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    const broken = new ModelVersionStore(ctx.dataSource, new ArtifactStore(blocker));
    await expect(broken.store(await result('f'))).rejects.toThrow();
    expect(await ctx.dataSource.getRepository(ModelVersion).countBy({ modelId, number: 6 })).toBe(0);
    expect((await store.store(await result('f'))).number).toBe(6);
  });

  it('stores one version per run: a second store for the same run (a takeover racing a dead worker) fails and leaves nothing', async () => {
    const first = await result('once');
    const version = await store.store(first);
    const before = await count(ctx.dataSource, 'model_versions');
    await expect(store.store(await result('twice', undefined, first.runId))).rejects.toThrow(/UNIQUE|unique|duplicate/);
    expect(await count(ctx.dataSource, 'model_versions')).toBe(before);
    expect(versionDirs()).not.toContain(version.number + 1);
    expect((await store.store(await result('next'))).number).toBe(version.number + 1);
  });

  it('releases a number only while it is the latest: otherwise it stays unused', async () => {
    const a = await store.reserveNumber(modelId);
    const b = await store.reserveNumber(modelId);
    expect(b).toBe(a + 1);
    await store.releaseNumber(modelId, a);
    expect(await store.reserveNumber(modelId)).toBe(b + 1);
    await store.releaseNumber(modelId, b + 1);
    expect(await store.reserveNumber(modelId)).toBe(b + 1);
  });

  it('sweeps what a killed process left: folders without a version and unfinished files, never a committed artifact', async () => {
    const kept = await store.store(await result('kept'));
    const keptDir = path.join(root, String(modelId), String(kept.number));
    // As a kill between writing the artifact and committing leaves it: a folder under a number no version has.
    const orphan = path.join(root, String(modelId), String(kept.number + 50));
    fs.mkdirSync(orphan, { recursive: true });
    fs.writeFileSync(path.join(orphan, ARTIFACT_FILE), 'orphan');
    // Written before the grace period: a folder this fresh could be another process's, about to be committed.
    const fresh = path.join(root, String(modelId), String(kept.number + 51));
    fs.mkdirSync(fresh, { recursive: true });
    const anHourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(orphan, anHourAgo, anHourAgo);
    // As a kill during the write of a file leaves it, beside a committed version's files.
    const temporary = path.join(keptDir, `${ARTIFACT_FILE}.tmp-123-abcd`);
    fs.writeFileSync(temporary, 'half');
    // Not a version folder: left alone.
    fs.writeFileSync(path.join(root, 'README.txt'), 'mine');

    await ctx.dataSource.getRepository(TrainingRun).update(runId, { status: 'FAILED' });
    try {
      expect(await store.sweepOrphans()).toEqual({ folders: 1, temporaries: 1, shared: 0 });
    } finally {
      await ctx.dataSource.getRepository(TrainingRun).update(runId, { status: 'RUNNING' });
    }
    expect(fs.existsSync(orphan)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    fs.rmSync(fresh, { recursive: true });
    expect(fs.existsSync(temporary)).toBe(false);
    expect(fs.readFileSync(path.join(keptDir, ARTIFACT_FILE), 'utf8')).toBe('artifact kept');
    expect(fs.existsSync(path.join(root, 'README.txt'))).toBe(true);
    expect(await store.sweepOrphans()).toEqual({ folders: 0, temporaries: 0, shared: 0 });
  });

  it('keeps the folders of a model that has a RUNNING run: another process may be writing them', async () => {
    const inFlight = path.join(root, String(modelId), '9999');
    fs.mkdirSync(inFlight, { recursive: true });
    const anHourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(inFlight, anHourAgo, anHourAgo);
    expect(await store.sweepOrphans()).toEqual({ folders: 0, temporaries: 0, shared: 0 });
    expect(fs.existsSync(inFlight)).toBe(true);
    fs.rmSync(inFlight, { recursive: true });
  });

  (TEST_KIND === 'postgres' ? it : it.skip)('several machines: publishes each version to the shared store, readable without the folder, and sweeps what no version points at', async () => {
    const blobs = new PostgresBlobStore(ctx.dataSource);
    const sharedRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-shared-'));
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-elsewhere-'));
    try {
      const shared = new ModelVersionStore(ctx.dataSource, new ArtifactStore(sharedRoot, blobs), { orphanGraceMs: 60_000 });
      const version = await shared.store(await result('shared'));
      // Another process, with a MODELS_DIR of its own, reads the artifact from the shared store.
      const reader = new ArtifactStore(elsewhere, blobs);
      const bytes = await reader.readShared(version.artifactPath, { sha256: version.artifactSha256, code: 'kmeans', artifactFormat: 1 });
      expect(bytes.toString()).toBe('artifact shared');
      expect(fs.existsSync(path.join(elsewhere, version.artifactPath, ARTIFACT_FILE))).toBe(true);
      // What a worker killed between publishing and committing leaves: an artifact of a number no version has.
      const orphan = path.join(String(modelId), '777');
      await blobs.put(`artifacts/${modelId}/777/${ARTIFACT_FILE}`, Buffer.from('orphan'));
      await blobs.put(`artifacts/${modelId}/777/manifest.json`, Buffer.from('{}'));
      expect((await shared.sweepOrphans()).shared).toBe(0); // too fresh: it may be about to be committed
      await ctx.dataSource.query(`UPDATE blobs SET created_at = now() - interval '2 hours' WHERE key LIKE $1`, [`artifacts/${modelId}/777/%`]);
      expect((await shared.sweepOrphans()).shared).toBe(1);
      expect(await blobs.size(`artifacts/${orphan.split(path.sep).join('/')}/${ARTIFACT_FILE}`)).toBeNull();
      expect(await blobs.size(`artifacts/${modelId}/${version.number}/${ARTIFACT_FILE}`)).toBe(Buffer.byteLength('artifact shared'));
    } finally {
      fs.rmSync(sharedRoot, { recursive: true, force: true });
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses to reserve for a model that does not exist', async () => {
    await expect(store.reserveNumber(987_654_321)).rejects.toThrow(/does not exist/);
  });
});
