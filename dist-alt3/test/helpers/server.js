"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.startTestServer = startTestServer;
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const config_1 = require("../../src/config/config");
const plugins_1 = require("./plugins");
const server_1 = require("../../src/server");
const database_1 = require("./database");
async function startTestServer(options = {}) {
    const db = options.db ?? (await (0, database_1.createTestDatabase)());
    const modelsDir = options.modelsDir ?? node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-models-'));
    // The example plugin is loaded the way a third party's would be: named in SEGMENTQL_PLUGINS.
    const config = { ...(0, config_1.loadConfig)({ SEGMENTQL_PLUGINS: plugins_1.EXAMPLE_PLUGIN, MODELS_DIR: modelsDir, EXPORTS_DIR: node_path_1.default.join(modelsDir, 'exports'), RATE_LIMIT_PER_MINUTE: '0', AUTH_FAILURE_LIMIT_PER_MINUTE: '0', ...options.env }), port: 0, database: db.config, seedDemo: options.seedDemo ?? false };
    const server = await (0, server_1.startServer)(config, { log: () => undefined });
    const keys = {
        viewer: (await server.services.apiKeys.create('viewer', 'test viewer', 'test')).secret,
        analyst: (await server.services.apiKeys.create('analyst', 'test analyst', 'test')).secret,
        admin: (await server.services.apiKeys.create('admin', 'test admin', 'test')).secret,
    };
    return {
        db,
        modelsDir,
        server,
        keys,
        async gql(query, variables, headers = {}) {
            const res = await fetch(server.url, {
                method: 'POST',
                headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.admin}`, ...headers },
                body: JSON.stringify({ query, variables }),
            });
            return (await res.json());
        },
        async close(closeOptions) {
            await server.close();
            if (closeOptions?.keepData)
                return;
            await db.drop();
            node_fs_1.default.rmSync(modelsDir, { recursive: true, force: true });
        },
    };
}
//# sourceMappingURL=server.js.map