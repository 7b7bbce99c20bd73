import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BlobStore, readWhole } from './blob-store';

/** What is written beside every artifact: enough to know what made it and to refuse a mismatched load. */
export interface ArtifactManifest {
  modelId: number;
  version: number;
  plugin: { code: string; version: string };
  artifactFormat: number;
  params: Record<string, unknown>;
  featureNames: string[];
  /** sha256 of the feature names in order: a model only makes sense on the features it was fitted on. */
  featureSchemaHash: string;
  /** sha256 of the artifact file. */
  sha256: string;
  metrics: Record<string, unknown>;
  createdAt: string;
}

export const ARTIFACT_FILE = 'artifact.bin';
export const MANIFEST_FILE = 'manifest.json';

export function featureSchemaHash(featureNames: string[]): string {
  return crypto.createHash('sha256').update(featureNames.join('\n')).digest('hex');
}

/**
 * Artifacts on disk under MODELS_DIR as `<model>/<version>/manifest.json` + `artifact.bin`. Every file is written to a
 * temporary name and renamed into place, so a crash never leaves a half-written artifact under its real name.
 * With several machines, a shared BlobStore holds every artifact too, and MODELS_DIR is each process's cache of it.
 */
export class ArtifactStore {
  constructor(
    readonly root: string,
    private readonly shared: BlobStore | null = null,
  ) {}

  /** Copies a written version folder to the shared store (several machines); nothing without one. */
  async publish(dir: string): Promise<void> {
    if (!this.shared) return;
    for (const file of [ARTIFACT_FILE, MANIFEST_FILE]) await this.shared.put(sharedKey(dir, file), fs.readFileSync(path.join(this.root, dir, file)));
  }

  /** Removes a version's copy from the shared store (a version that was never committed). */
  async unpublish(dir: string): Promise<void> {
    if (!this.shared) return;
    for (const file of [ARTIFACT_FILE, MANIFEST_FILE]) await this.shared.remove(sharedKey(dir, file));
  }

  /** Version folders in the shared store (model, version, when written); empty without one. */
  async listShared(): Promise<Array<{ modelId: number; version: number; dir: string; createdAt: Date }>> {
    if (!this.shared) return [];
    const out = new Map<string, { modelId: number; version: number; dir: string; createdAt: Date }>();
    for (const { key, createdAt } of await this.shared.list('artifacts/')) {
      const m = /^artifacts\/(\d+)\/(\d+)\//.exec(key);
      if (!m) continue;
      const dir = path.join(m[1], m[2]);
      const seen = out.get(dir);
      if (!seen || createdAt < seen.createdAt) out.set(dir, { modelId: Number(m[1]), version: Number(m[2]), dir, createdAt });
    }
    return [...out.values()];
  }

  /** As `read`, fetching the folder from the shared store first when this process has not seen it yet. */
  async readShared(dir: string, expected: { sha256: string; code: string; artifactFormat: number }): Promise<Buffer> {
    const full = path.join(this.root, dir);
    if (this.shared && !fs.existsSync(path.join(full, MANIFEST_FILE))) {
      const [artifact, manifest] = await Promise.all([readWhole(this.shared, sharedKey(dir, ARTIFACT_FILE)), readWhole(this.shared, sharedKey(dir, MANIFEST_FILE))]);
      if (!artifact || !manifest) throw new Error(`artifact ${dir} is neither in MODELS_DIR nor in the shared store`);
      fs.mkdirSync(full, { recursive: true });
      writeAtomically(path.join(full, ARTIFACT_FILE), artifact);
      writeAtomically(path.join(full, MANIFEST_FILE), manifest);
    }
    return this.read(dir, expected);
  }

  /** The folder (relative to the root) of a model's version. */
  dirOf(modelId: number, version: number): string {
    return path.join(String(modelId), String(version));
  }

  write(manifest: Omit<ArtifactManifest, 'sha256'>, bytes: Buffer): { dir: string; sha256: string } {
    const dir = this.dirOf(manifest.modelId, manifest.version);
    const full = path.join(this.root, dir);
    // A version folder is written once: one already there belongs to another database sharing this MODELS_DIR (its
    // model and version numbers are its own), and overwriting it would break that database's versions.
    if (fs.existsSync(path.join(full, MANIFEST_FILE))) {
      throw new Error(`${full} already holds an artifact: is another database using MODELS_DIR ${this.root}? Give each database its own MODELS_DIR`);
    }
    fs.mkdirSync(full, { recursive: true });
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    writeAtomically(path.join(full, ARTIFACT_FILE), bytes);
    writeAtomically(path.join(full, MANIFEST_FILE), Buffer.from(JSON.stringify({ ...manifest, sha256 }, null, 2)));
    return { dir, sha256 };
  }

  /** Removes a version's folder (a version that was never committed); nothing happens if it is not there. */
  remove(dir: string): void {
    const full = path.resolve(this.root, dir);
    if (path.dirname(path.dirname(full)) !== path.resolve(this.root)) throw new Error(`${dir} is not a version folder`);
    fs.rmSync(full, { recursive: true, force: true });
  }

  /**
   * Every `<model>/<version>` folder under the root, and the temporary files (`*.tmp-*`) found in them: what a sweep
   * compares with the versions the database holds.
   */
  list(): { dirs: Array<{ modelId: number; version: number; dir: string }>; temporaries: string[] } {
    const dirs: Array<{ modelId: number; version: number; dir: string }> = [];
    const temporaries: string[] = [];
    for (const model of readDirQuietly(this.root)) {
      if (!/^\d+$/.test(model)) continue;
      for (const version of readDirQuietly(path.join(this.root, model))) {
        if (!/^\d+$/.test(version)) continue;
        const dir = path.join(model, version);
        dirs.push({ modelId: Number(model), version: Number(version), dir });
        for (const file of readDirQuietly(path.join(this.root, dir))) if (file.includes('.tmp-')) temporaries.push(path.join(dir, file));
      }
    }
    return { dirs, temporaries };
  }

  /** When a version folder (a path from `list()`) was last written, in ms since the epoch. */
  modifiedAt(dir: string): number {
    return fs.statSync(path.join(this.root, dir)).mtimeMs;
  }

  /** Removes a temporary file left by a write that never finished (a path from `list()`). */
  removeTemporary(file: string): void {
    const full = path.resolve(this.root, file);
    if (!full.startsWith(path.resolve(this.root) + path.sep) || !path.basename(full).includes('.tmp-')) throw new Error(`${file} is not a temporary artifact file`);
    fs.rmSync(full, { force: true });
  }

  /** Reads an artifact, checking its checksum and that the plugin can load its format. */
  read(dir: string, expected: { sha256: string; code: string; artifactFormat: number }): Buffer {
    const full = path.join(this.root, dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(full, MANIFEST_FILE), 'utf8')) as ArtifactManifest;
    if (manifest.plugin.code !== expected.code) throw new Error(`artifact ${dir} was made by ${manifest.plugin.code}, not ${expected.code}`);
    if (manifest.artifactFormat !== expected.artifactFormat) {
      throw new Error(`artifact ${dir} has format ${manifest.artifactFormat}; the installed ${expected.code} plugin reads format ${expected.artifactFormat}`);
    }
    const bytes = fs.readFileSync(path.join(full, ARTIFACT_FILE));
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== expected.sha256) throw new Error(`artifact ${dir} is corrupt (checksum mismatch)`);
    return bytes;
  }
}

function sharedKey(dir: string, file: string): string {
  return `artifacts/${dir.split(path.sep).join('/')}/${file}`;
}

function writeAtomically(file: string, bytes: Buffer): void {
  const temp = `${file}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

function readDirQuietly(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw err;
  }
}
