"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.connectionComplexity = exports.ConnectionArgs = exports.PageInfo = void 0;
exports.ConnectionType = ConnectionType;
const type_graphql_1 = require("type-graphql");
let PageInfo = class PageInfo {
    hasNextPage;
    hasPreviousPage;
    startCursor;
    endCursor;
};
exports.PageInfo = PageInfo;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", Boolean)
], PageInfo.prototype, "hasNextPage", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", Boolean)
], PageInfo.prototype, "hasPreviousPage", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], PageInfo.prototype, "startCursor", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], PageInfo.prototype, "endCursor", void 0);
exports.PageInfo = PageInfo = __decorate([
    (0, type_graphql_1.ObjectType)({ description: 'Relay page information.' })
], PageInfo);
/** Declares `<Name>Edge` and `<Name>Connection` for a node type (Relay cursor connections). */
function ConnectionType(name, nodeType) {
    let Edge = class Edge {
        cursor;
        node;
    };
    __decorate([
        (0, type_graphql_1.Field)(),
        __metadata("design:type", String)
    ], Edge.prototype, "cursor", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => nodeType),
        __metadata("design:type", Object)
    ], Edge.prototype, "node", void 0);
    Edge = __decorate([
        (0, type_graphql_1.ObjectType)(`${name}Edge`)
    ], Edge);
    let Connection = class Connection {
        edges;
        pageInfo;
        totalCount;
    };
    __decorate([
        (0, type_graphql_1.Field)(() => [Edge]),
        __metadata("design:type", Array)
    ], Connection.prototype, "edges", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => PageInfo),
        __metadata("design:type", PageInfo)
    ], Connection.prototype, "pageInfo", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'All items matching the filter, on every page.' }),
        __metadata("design:type", Number)
    ], Connection.prototype, "totalCount", void 0);
    Connection = __decorate([
        (0, type_graphql_1.ObjectType)(`${name}Connection`)
    ], Connection);
    return Connection;
}
/** Relay paging arguments: exactly one of `first` (with `after`) and `last` (with `before`), 1..100. */
let ConnectionArgs = class ConnectionArgs {
    first;
    after;
    last;
    before;
};
exports.ConnectionArgs = ConnectionArgs;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'Page forward: up to this many items (1..100) after `after`.' }),
    __metadata("design:type", Object)
], ConnectionArgs.prototype, "first", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], ConnectionArgs.prototype, "after", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'Page backward: up to this many items (1..100) before `before`.' }),
    __metadata("design:type", Object)
], ConnectionArgs.prototype, "last", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], ConnectionArgs.prototype, "before", void 0);
exports.ConnectionArgs = ConnectionArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], ConnectionArgs);
/**
 * Query cost of a connection field: its own 1 plus its children's cost once per requested item, so that a page of 100
 * customers each with 100 orders costs what it would cost to fetch.
 */
const connectionComplexity = ({ args, childComplexity }) => {
    const size = Number(args.first ?? args.last ?? 1);
    return 1 + childComplexity * (Number.isFinite(size) && size > 0 ? Math.min(size, 100) : 1);
};
exports.connectionComplexity = connectionComplexity;
//# sourceMappingURL=connection.type.js.map