"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.runSegmentql = runSegmentql;
const node_child_process_1 = require("node:child_process");
const node_path_1 = __importDefault(require("node:path"));
const paths_1 = require("./paths");
/** Runs the installed `segmentql` command (the package's bin, dist/src/cli/main.js) in a child process. */
function runSegmentql(args, env = {}) {
    return new Promise((resolve, reject) => {
        const child = (0, node_child_process_1.spawn)(process.execPath, [node_path_1.default.join(paths_1.REPO_ROOT, 'dist', 'src', 'cli', 'main.js'), ...args], {
            cwd: paths_1.REPO_ROOT,
            env: { ...process.env, ...env },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
}
//# sourceMappingURL=cli.js.map