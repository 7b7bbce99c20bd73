"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MaskPii = void 0;
const roles_1 = require("./roles");
/** Personal data fields answer null to viewers: the field stays in the schema, its value does not leave the server. */
const MaskPii = ({ context }, next) => ((0, roles_1.seesPii)(context.principal) ? next() : Promise.resolve(null));
exports.MaskPii = MaskPii;
//# sourceMappingURL=pii.middleware.js.map