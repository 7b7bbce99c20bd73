/**
 * `placed`: a purchase. `cancelled`: never fulfilled, worth nothing. `returned`: a return or credit note; its items
 * carry negative quantities and amounts, so net spend is simply the sum over placed and returned orders.
 * (A module of its own, free of TypeORM, so that the import's parsing thread need not load the ORM.)
 */
export const ORDER_STATUSES = ['placed', 'cancelled', 'returned'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
