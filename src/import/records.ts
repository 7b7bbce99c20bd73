import type { OrderStatus } from '../entities/order-status';

/**
 * The normalised records every import path produces (GraphQL mutations, the three CSV formats, the demo generator)
 * and the bulk writer consumes. References between records use external ids; money is in e4 units.
 */
/** Where a record came from, so that a problem found while writing can name the line or the input path. */
export interface RecordOrigin {
  file?: string;
  line?: number;
  path?: Array<string | number>;
}

export interface CustomerRecord {
  externalId: string;
  email?: string | null;
  name?: string | null;
  country?: string | null;
  city?: string | null;
  gender?: string | null;
  birthYear?: number | null;
  signupAt?: Date | null;
  attributes?: Record<string, unknown> | null;
  groundTruthLabel?: string | null;
}

export interface ProductRecord {
  externalId: string;
  /** When absent the external id stands in, and an existing title is kept. */
  title?: string | null;
  description?: string | null;
  category?: string | null;
  priceE4?: number | null;
}

export interface OrderItemRecord {
  lineNo: number;
  /** Exactly one of productExternalId and chargeCode. */
  productExternalId?: string | null;
  chargeCode?: string | null;
  quantity: number;
  unitPriceE4: number;
  amountE4: number;
}

export interface OrderRecord {
  origin?: RecordOrigin;
  externalId: string;
  customerExternalId: string;
  placedAt: Date;
  status: OrderStatus;
  items: OrderItemRecord[];
}

export interface ReviewRecord {
  origin?: RecordOrigin;
  externalId: string;
  customerExternalId: string;
  productExternalId: string;
  rating: number;
  text?: string | null;
  reviewedAt: Date;
}

/** An order line that arrives on its own (the generic layout's order_items.csv), for an order written before. */
export interface StandaloneItemRecord extends OrderItemRecord {
  origin?: RecordOrigin;
  orderExternalId: string;
}

/** What one transaction writes. */
export interface RecordBatch {
  customers: CustomerRecord[];
  products: ProductRecord[];
  orders: OrderRecord[];
  items: StandaloneItemRecord[];
  reviews: ReviewRecord[];
}

export function emptyBatch(): RecordBatch {
  return { customers: [], products: [], orders: [], items: [], reviews: [] };
}

/** Sign convention: a returned order's lines are negative, whatever sign the source used. */
export function normaliseItemSigns(status: OrderStatus, item: OrderItemRecord): OrderItemRecord {
  if (status !== 'returned') return item;
  return { ...item, quantity: -Math.abs(item.quantity), amountE4: -Math.abs(item.amountE4) };
}
