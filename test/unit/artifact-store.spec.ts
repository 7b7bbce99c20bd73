import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArtifactStore, featureSchemaHash } from '../../src/artifacts/artifact-store';
import { evalModelsDir } from '../../src/cli/main';
import { parseDatabaseUrl } from '../../src/config/config';

describe('the artifact store', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-artifacts-'));
  const store = new ArtifactStore(root);
  const manifest = {
    modelId: 3,
    version: 2,
    plugin: { code: 'kmeans', version: '1.0.0' },
    artifactFormat: 1,
    params: { k: 4 },
    featureNames: ['a', 'b'],
    featureSchemaHash: featureSchemaHash(['a', 'b']),
    metrics: { inertia: 1 },
    createdAt: new Date(0).toISOString(),
  };
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes <model>/<version>/ with a manifest and the artifact, leaving no temporary files', () => {
    const { dir, sha256 } = store.write(manifest, Buffer.from('hello'));
    expect(dir).toBe(path.join('3', '2'));
    expect(fs.readdirSync(path.join(root, dir)).sort()).toEqual(['artifact.bin', 'manifest.json']);
    expect(JSON.parse(fs.readFileSync(path.join(root, dir, 'manifest.json'), 'utf8'))).toEqual({ ...manifest, sha256 });
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
    fs.writeFileSync(path.join(root, dir, 'artifact.bin'), 'tampered');
    expect(() => store.read(dir, { sha256, code: 'kmeans', artifactFormat: 1 })).toThrow(/corrupt \(checksum mismatch\)/);
  });
});

describe('segmentql eval', () => {
  it('keeps its artifacts beside its own database, never in the server database’s MODELS_DIR', () => {
    expect(evalModelsDir(parseDatabaseUrl('sqlite:./data/eval.sqlite'))).toBe(path.resolve('data/eval-models'));
    expect(evalModelsDir(parseDatabaseUrl('sqlite:/tmp/ev/A.sqlite'))).toBe('/tmp/ev/A-models');
    expect(evalModelsDir(parseDatabaseUrl('postgres://postgres@127.0.0.1:5432/test'))).toBe(path.resolve('data/eval-models'));
  });
});
