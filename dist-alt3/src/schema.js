"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SCHEMA_FILE = void 0;
exports.createSchema = createSchema;
exports.printCommittedSchema = printCommittedSchema;
exports.writeSchemaFile = writeSchemaFile;
require("reflect-metadata");
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const graphql_1 = require("graphql");
const type_graphql_1 = require("type-graphql");
const roles_1 = require("./auth/roles");
const pubsub_1 = require("./pubsub/pubsub");
const resolvers_1 = require("./resolvers");
/** `@Authorized('analyst')`: the key's role must be at least the one named, else FORBIDDEN. */
const authChecker = ({ context, info }, roles) => {
    const required = roles.find(roles_1.isRole) ?? 'viewer';
    (0, roles_1.requireRole)(context.principal, required, `${info.parentType.name}.${info.fieldName}`);
    return true;
};
/** Builds the executable schema from the resolvers (code first). */
async function createSchema(pubSub = (0, pubsub_1.createAppPubSub)()) {
    return (0, type_graphql_1.buildSchema)({ resolvers: resolvers_1.CatalogResolvers, validate: false, pubSub, authChecker });
}
/** The schema as committed in `schema/schema.graphql`: sorted, so that the file changes only when the API does. */
function printCommittedSchema(schema) {
    return `# Emitted from the code by \`npm run schema:emit\`; do not edit. A test fails when it drifts.\n\n${(0, graphql_1.printSchema)((0, graphql_1.lexicographicSortSchema)(schema))}\n`;
}
exports.SCHEMA_FILE = node_path_1.default.resolve(__dirname, '../../schema/schema.graphql');
async function writeSchemaFile(file = exports.SCHEMA_FILE) {
    const text = printCommittedSchema(await createSchema());
    node_fs_1.default.writeFileSync(file, text);
    return file;
}
//# sourceMappingURL=schema.js.map