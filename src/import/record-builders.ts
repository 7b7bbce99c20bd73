import {
  FieldError,
  Raw,
  integer,
  jsonObject,
  money,
  optionalEmail,
  optionalInteger,
  optionalMoney,
  optionalText,
  optionalTimestamp,
  orderStatus,
  requiredText,
  timestamp,
} from './field-parsers';
import { CustomerRecord, OrderItemRecord, OrderRecord, ProductRecord, ReviewRecord, normaliseItemSigns } from './records';

/**
 * Builders from loosely typed input (CSV cells as strings, GraphQL inputs as typed values) to validated records.
 * The same rules apply to both, and a failure is a `FieldError` naming the field (camelCase).
 */
export type RawFields = Record<string, Raw>;

const currentYear = new Date().getUTCFullYear();

export function buildCustomer(raw: RawFields): CustomerRecord {
  return {
    externalId: requiredText('externalId', raw.externalId),
    email: optionalEmail('email', raw.email),
    name: optionalText('name', raw.name, 200),
    country: optionalText('country', raw.country, 100),
    city: optionalText('city', raw.city, 100),
    gender: optionalText('gender', raw.gender, 32),
    birthYear: optionalInteger('birthYear', raw.birthYear, { min: 1900, max: currentYear }),
    signupAt: optionalTimestamp('signupAt', raw.signupAt),
    attributes: jsonObject('attributes', raw.attributes),
    groundTruthLabel: optionalText('groundTruthLabel', raw.groundTruthLabel, 64),
  };
}

export function buildProduct(raw: RawFields): ProductRecord {
  const price = optionalMoney('price', raw.price);
  if (price !== null && price < 0) throw new FieldError('price', 'must not be negative');
  return {
    externalId: requiredText('externalId', raw.externalId),
    title: requiredText('title', raw.title, 500),
    description: optionalText('description', raw.description, 20_000),
    category: optionalText('category', raw.category, 100),
    priceE4: price,
  };
}

/** An order line; `lineNo` is its given number or its position. Returned orders' lines are made negative. */
export function buildOrderItem(raw: RawFields, position: number): OrderItemRecord {
  const productExternalId = optionalText('productExternalId', raw.productExternalId, 64);
  const chargeCode = optionalText('chargeCode', raw.chargeCode, 64);
  if ((productExternalId === null) === (chargeCode === null)) throw new FieldError('productExternalId', 'give exactly one of a product and a charge code');
  const quantity = integer('quantity', raw.quantity, { min: -1_000_000, max: 1_000_000 });
  const unitPriceE4 = money('unitPrice', raw.unitPrice);
  const amountE4 = optionalMoney('amount', raw.amount) ?? quantity * unitPriceE4;
  return {
    lineNo: optionalInteger('line', raw.line, { min: 1, max: 100_000 }) ?? position,
    productExternalId,
    chargeCode,
    quantity,
    unitPriceE4,
    amountE4,
  };
}

export function buildOrder(raw: RawFields, items: RawFields[] = []): OrderRecord {
  const status = orderStatus('status', raw.status);
  const built: OrderItemRecord[] = [];
  const lines = new Set<number>();
  items.forEach((item, i) => {
    let record: OrderItemRecord;
    try {
      record = normaliseItemSigns(status, buildOrderItem(item, i + 1));
    } catch (err) {
      if (err instanceof FieldError) throw new FieldError(`items.${i}.${err.field}`, err.message);
      throw err;
    }
    if (lines.has(record.lineNo)) throw new FieldError(`items.${i}.line`, `line ${record.lineNo} appears twice`);
    lines.add(record.lineNo);
    built.push(record);
  });
  return {
    externalId: requiredText('externalId', raw.externalId),
    customerExternalId: requiredText('customerExternalId', raw.customerExternalId),
    placedAt: timestamp('placedAt', raw.placedAt),
    status,
    items: built,
  };
}

export function buildReview(raw: RawFields): ReviewRecord {
  return {
    externalId: requiredText('externalId', raw.externalId),
    customerExternalId: requiredText('customerExternalId', raw.customerExternalId),
    productExternalId: requiredText('productExternalId', raw.productExternalId),
    rating: integer('rating', raw.rating, { min: 1, max: 5 }),
    text: optionalText('text', raw.text, 20_000),
    reviewedAt: timestamp('reviewedAt', raw.reviewedAt),
  };
}
