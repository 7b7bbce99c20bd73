"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const config_1 = require("./config/config");
const server_1 = require("./server");
async function main() {
    const config = (0, config_1.loadConfig)();
    const server = await (0, server_1.startServer)(config);
    process.stderr.write(`segmentql ${config.version} listening on http://localhost:${server.port}/graphql (database: ${config.database.kind}${config.database.sqlitePath ? ` ${config.database.sqlitePath}` : ''})\n`);
    const stop = async (signal) => {
        process.stderr.write(`${signal}: shutting down\n`);
        await server.close();
        process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
}
main().catch((err) => {
    process.stderr.write(`segmentql failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
});
//# sourceMappingURL=main.js.map