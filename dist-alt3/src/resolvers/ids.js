"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseId = parseId;
const errors_1 = require("../errors");
/** Parses a GraphQL `ID` argument into a row id; anything else is BAD_USER_INPUT. */
function parseId(id, argument = 'id') {
    if (!/^[1-9]\d{0,14}$/.test(id))
        throw (0, errors_1.badUserInput)(`${argument} ${JSON.stringify(id)} is not an id`, { argument });
    return Number(id);
}
//# sourceMappingURL=ids.js.map