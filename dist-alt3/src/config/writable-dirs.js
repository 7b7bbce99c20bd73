"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkWritableDirectory = checkWritableDirectory;
const node_crypto_1 = __importDefault(require("node:crypto"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
/**
 * Start-up check of a directory the server writes to (EXPORTS_DIR, MODELS_DIR): it is created if missing, and a file is
 * written and removed in it. Throws one line naming the variable, as configuration errors do, rather than let the
 * first job find out.
 */
function checkWritableDirectory(variable, dir) {
    try {
        node_fs_1.default.mkdirSync(dir, { recursive: true });
        const probe = node_path_1.default.join(dir, `.segmentql-write-check-${process.pid}-${node_crypto_1.default.randomBytes(4).toString('hex')}`);
        node_fs_1.default.writeFileSync(probe, '');
        node_fs_1.default.rmSync(probe, { force: true });
    }
    catch (err) {
        const code = err.code;
        throw new Error(`${variable}="${dir}" is not a writable directory (${code ?? err.message})`, { cause: err });
    }
}
//# sourceMappingURL=writable-dirs.js.map