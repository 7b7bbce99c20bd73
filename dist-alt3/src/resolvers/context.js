"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createContext = createContext;
const loaders_1 = require("../loaders/loaders");
function createContext(services, principal) {
    return { services, loaders: (0, loaders_1.createLoaders)(services), principal, actor: principal.name };
}
//# sourceMappingURL=context.js.map