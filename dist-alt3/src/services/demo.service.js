"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DemoService = void 0;
const synthetic_shop_1 = require("../demo/synthetic-shop");
const bulk_writer_1 = require("../import/bulk-writer");
const entities_1 = require("../entities");
class DemoService {
    dataSource;
    imports;
    constructor(dataSource, imports) {
        this.dataSource = dataSource;
        this.imports = imports;
    }
    /** Writes the synthetic demo shop in one transaction (idempotent: the same seed writes the same rows). */
    async seed(options = {}) {
        const shop = (0, synthetic_shop_1.generateDemoShop)(options);
        const { stats } = await this.imports.writeRecords(new bulk_writer_1.BulkWriter(), shop, { onError: 'abort', replaceItems: true });
        return stats;
    }
    /** Seeds only an empty database; returns whether it did. */
    async seedIfEmpty(options = {}) {
        if ((await this.dataSource.getRepository(entities_1.Customer).count()) > 0)
            return false;
        await this.seed(options);
        return true;
    }
}
exports.DemoService = DemoService;
//# sourceMappingURL=demo.service.js.map