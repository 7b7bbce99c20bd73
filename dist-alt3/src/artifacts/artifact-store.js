"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ArtifactStore = exports.MANIFEST_FILE = exports.ARTIFACT_FILE = void 0;
exports.featureSchemaHash = featureSchemaHash;
const node_crypto_1 = __importDefault(require("node:crypto"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
exports.ARTIFACT_FILE = 'artifact.bin';
exports.MANIFEST_FILE = 'manifest.json';
function featureSchemaHash(featureNames) {
    return node_crypto_1.default.createHash('sha256').update(featureNames.join('\n')).digest('hex');
}
/**
 * Artifacts on disk under MODELS_DIR as `<model>/<version>/manifest.json` + `artifact.bin`. Every file is written to a
 * temporary name and renamed into place, so a crash never leaves a half-written artifact under its real name.
 */
class ArtifactStore {
    root;
    constructor(root) {
        this.root = root;
    }
    /** The folder (relative to the root) of a model's version. */
    dirOf(modelId, version) {
        return node_path_1.default.join(String(modelId), String(version));
    }
    write(manifest, bytes) {
        const dir = this.dirOf(manifest.modelId, manifest.version);
        const full = node_path_1.default.join(this.root, dir);
        // A version folder is written once: one already there belongs to another database sharing this MODELS_DIR (its
        // model and version numbers are its own), and overwriting it would break that database's versions.
        if (node_fs_1.default.existsSync(node_path_1.default.join(full, exports.MANIFEST_FILE))) {
            throw new Error(`${full} already holds an artifact: is another database using MODELS_DIR ${this.root}? Give each database its own MODELS_DIR`);
        }
        node_fs_1.default.mkdirSync(full, { recursive: true });
        const sha256 = node_crypto_1.default.createHash('sha256').update(bytes).digest('hex');
        writeAtomically(node_path_1.default.join(full, exports.ARTIFACT_FILE), bytes);
        writeAtomically(node_path_1.default.join(full, exports.MANIFEST_FILE), Buffer.from(JSON.stringify({ ...manifest, sha256 }, null, 2)));
        return { dir, sha256 };
    }
    /** Removes a version's folder (a version that was never committed); nothing happens if it is not there. */
    remove(dir) {
        const full = node_path_1.default.resolve(this.root, dir);
        if (node_path_1.default.dirname(node_path_1.default.dirname(full)) !== node_path_1.default.resolve(this.root))
            throw new Error(`${dir} is not a version folder`);
        node_fs_1.default.rmSync(full, { recursive: true, force: true });
    }
    /**
     * Every `<model>/<version>` folder under the root, and the temporary files (`*.tmp-*`) found in them: what a sweep
     * compares with the versions the database holds.
     */
    list() {
        const dirs = [];
        const temporaries = [];
        for (const model of readDirQuietly(this.root)) {
            if (!/^\d+$/.test(model))
                continue;
            for (const version of readDirQuietly(node_path_1.default.join(this.root, model))) {
                if (!/^\d+$/.test(version))
                    continue;
                const dir = node_path_1.default.join(model, version);
                dirs.push({ modelId: Number(model), version: Number(version), dir });
                for (const file of readDirQuietly(node_path_1.default.join(this.root, dir)))
                    if (file.includes('.tmp-'))
                        temporaries.push(node_path_1.default.join(dir, file));
            }
        }
        return { dirs, temporaries };
    }
    /** When a version folder (a path from `list()`) was last written, in ms since the epoch. */
    modifiedAt(dir) {
        return node_fs_1.default.statSync(node_path_1.default.join(this.root, dir)).mtimeMs;
    }
    /** Removes a temporary file left by a write that never finished (a path from `list()`). */
    removeTemporary(file) {
        const full = node_path_1.default.resolve(this.root, file);
        if (!full.startsWith(node_path_1.default.resolve(this.root) + node_path_1.default.sep) || !node_path_1.default.basename(full).includes('.tmp-'))
            throw new Error(`${file} is not a temporary artifact file`);
        node_fs_1.default.rmSync(full, { force: true });
    }
    /** Reads an artifact, checking its checksum and that the plugin can load its format. */
    read(dir, expected) {
        const full = node_path_1.default.join(this.root, dir);
        const manifest = JSON.parse(node_fs_1.default.readFileSync(node_path_1.default.join(full, exports.MANIFEST_FILE), 'utf8'));
        if (manifest.plugin.code !== expected.code)
            throw new Error(`artifact ${dir} was made by ${manifest.plugin.code}, not ${expected.code}`);
        if (manifest.artifactFormat !== expected.artifactFormat) {
            throw new Error(`artifact ${dir} has format ${manifest.artifactFormat}; the installed ${expected.code} plugin reads format ${expected.artifactFormat}`);
        }
        const bytes = node_fs_1.default.readFileSync(node_path_1.default.join(full, exports.ARTIFACT_FILE));
        const sha256 = node_crypto_1.default.createHash('sha256').update(bytes).digest('hex');
        if (sha256 !== expected.sha256)
            throw new Error(`artifact ${dir} is corrupt (checksum mismatch)`);
        return bytes;
    }
}
exports.ArtifactStore = ArtifactStore;
function writeAtomically(file, bytes) {
    const temp = `${file}.tmp-${process.pid}-${node_crypto_1.default.randomBytes(4).toString('hex')}`;
    const fd = node_fs_1.default.openSync(temp, 'w');
    try {
        node_fs_1.default.writeSync(fd, bytes);
        node_fs_1.default.fsyncSync(fd);
    }
    finally {
        node_fs_1.default.closeSync(fd);
    }
    node_fs_1.default.renameSync(temp, file);
}
function readDirQuietly(dir) {
    try {
        return node_fs_1.default.readdirSync(dir);
    }
    catch (err) {
        if (err.code === 'ENOENT' || err.code === 'ENOTDIR')
            return [];
        throw err;
    }
}
//# sourceMappingURL=artifact-store.js.map