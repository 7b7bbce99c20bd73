"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.dataSourceOptions = dataSourceOptions;
exports.createDataSource = createDataSource;
require("reflect-metadata");
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const typeorm_1 = require("typeorm");
const query_counter_1 = require("./query-counter");
const entities_1 = require("../entities");
const migrations_1 = require("../../migrations");
/**
 * The one place that turns a database config into TypeORM options. `synchronize` is never on: the schema comes from
 * `migrations/`, which run at start-up (and in tests, on SQLite and PostgreSQL).
 */
function dataSourceOptions(db, logger = new query_counter_1.QueryCounter()) {
    const common = { entities: entities_1.ENTITIES, migrations: migrations_1.MIGRATIONS, synchronize: false, migrationsRun: false, logger, logging: true };
    if (db.kind === 'postgres') {
        // No parallel workers: this server's queries are small and latency-bound, and starting workers cost ~6 ms a query
        // (a page of 100 customers' features took 52 ms instead of 10; everyone's features at 100,000 took the same time).
        return { ...common, type: 'postgres', url: db.url, extra: { max: 10, options: '-c max_parallel_workers_per_gather=0' } };
    }
    const file = db.sqlitePath ?? ':memory:';
    if (file !== ':memory:')
        node_fs_1.default.mkdirSync(node_path_1.default.dirname(file), { recursive: true });
    return {
        ...common,
        type: 'better-sqlite3',
        database: file,
        // WAL lets readers go on while an import writes; NORMAL sync is durable at every checkpoint and much faster.
        enableWAL: file !== ':memory:',
        prepareDatabase: (db) => {
            db.pragma('synchronous = NORMAL');
            db.pragma('foreign_keys = ON');
            db.pragma('busy_timeout = 5000');
        },
    };
}
function createDataSource(db, logger) {
    return new typeorm_1.DataSource(dataSourceOptions(db, logger));
}
//# sourceMappingURL=data-source.js.map