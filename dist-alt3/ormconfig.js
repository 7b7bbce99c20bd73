"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.dataSourceOptions = exports.createDataSource = void 0;
const config_1 = require("./src/config/config");
const data_source_1 = require("./src/db/data-source");
var data_source_2 = require("./src/db/data-source");
Object.defineProperty(exports, "createDataSource", { enumerable: true, get: function () { return data_source_2.createDataSource; } });
Object.defineProperty(exports, "dataSourceOptions", { enumerable: true, get: function () { return data_source_2.dataSourceOptions; } });
/**
 * For the TypeORM CLI only (`npx typeorm -d dist/ormconfig.js migration:show`): the server, the CLI and the tests open
 * the database through src/db/data-source.ts with the configuration they were given.
 */
exports.default = (0, data_source_1.createDataSource)((0, config_1.loadConfig)().database);
//# sourceMappingURL=ormconfig.js.map