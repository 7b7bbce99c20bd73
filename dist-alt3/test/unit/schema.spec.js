"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const schema_1 = require("../../src/schema");
describe('schema/schema.graphql', () => {
    it('is what the code emits (run `npm run schema:emit` after changing the API)', async () => {
        const emitted = (0, schema_1.printCommittedSchema)(await (0, schema_1.createSchema)());
        expect(node_fs_1.default.existsSync(schema_1.SCHEMA_FILE)).toBe(true);
        expect(node_fs_1.default.readFileSync(schema_1.SCHEMA_FILE, 'utf8')).toBe(emitted);
    });
});
//# sourceMappingURL=schema.spec.js.map