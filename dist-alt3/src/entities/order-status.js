"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ORDER_STATUSES = void 0;
/**
 * `placed`: a purchase. `cancelled`: never fulfilled, worth nothing. `returned`: a return or credit note; its items
 * carry negative quantities and amounts, so net spend is simply the sum over placed and returned orders.
 * (A module of its own, free of TypeORM, so that the import's parsing thread need not load the ORM.)
 */
exports.ORDER_STATUSES = ['placed', 'cancelled', 'returned'];
//# sourceMappingURL=order-status.js.map