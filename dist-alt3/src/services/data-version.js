"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DataVersion = void 0;
/**
 * A counter bumped whenever this process writes shop data (imports, upserts, the demo seed), so that caches derived
 * from the data can tell they are stale. Writes by another process (a CLI import) are seen when the cache expires.
 */
class DataVersion {
    current = 0;
    get value() {
        return this.current;
    }
    bump() {
        this.current++;
    }
}
exports.DataVersion = DataVersion;
//# sourceMappingURL=data-version.js.map