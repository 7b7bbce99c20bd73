"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.REPO_ROOT = void 0;
exports.fixture = fixture;
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
/** The repository root (tests run from dist/test/...). */
exports.REPO_ROOT = (() => {
    let dir = __dirname;
    while (!node_fs_1.default.existsSync(node_path_1.default.join(dir, 'package.json')))
        dir = node_path_1.default.dirname(dir);
    return dir;
})();
function fixture(name) {
    return node_path_1.default.join(exports.REPO_ROOT, 'test', 'fixtures', name);
}
//# sourceMappingURL=paths.js.map