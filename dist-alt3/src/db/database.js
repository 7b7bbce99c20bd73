"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.openDatabase = openDatabase;
exports.queryCounter = queryCounter;
const data_source_1 = require("./data-source");
const query_counter_1 = require("./query-counter");
/** Opens the database and brings its schema up to date by running pending migrations. */
async function openDatabase(db, logger = new query_counter_1.QueryCounter()) {
    const dataSource = (0, data_source_1.createDataSource)(db, logger);
    await dataSource.initialize();
    try {
        await dataSource.runMigrations({ transaction: 'each' });
    }
    catch (err) {
        await dataSource.destroy();
        throw err;
    }
    return dataSource;
}
/** The QueryCounter a DataSource was opened with. */
function queryCounter(dataSource) {
    return dataSource.logger;
}
//# sourceMappingURL=database.js.map