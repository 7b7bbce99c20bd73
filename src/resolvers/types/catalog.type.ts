import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from './connection.type';
import { OrderStatusEnum } from './enums';
import { DateTimeScalar } from './scalars';

@ObjectType('Product')
export class ProductType {
  @Field(() => ID)
  id: number;

  @Field({ description: 'SKU / stock code in the source system.' })
  externalId: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true })
  category: string | null;

  priceE4: number | null;
}

export const ProductConnection = ConnectionType('Product', ProductType);

@ObjectType('Order')
export class OrderType {
  @Field(() => ID)
  id: number;

  @Field({ description: 'Invoice number / order id in the source system.' })
  externalId: string;

  customerId: number;

  @Field(() => DateTimeScalar)
  placedAt: Date;

  @Field(() => OrderStatusEnum)
  status: OrderStatusEnum;
}

export const OrderConnection = ConnectionType('Order', OrderType);

@ObjectType('OrderItem', { description: 'A line of an order: a product, or a charge (postage, fees) with chargeCode set.' })
export class OrderItemType {
  orderId: number;
  productId: number | null;

  @Field(() => Int)
  lineNo: number;

  @Field(() => String, { nullable: true })
  chargeCode: string | null;

  @Field(() => Int, { description: 'Negative on returns.' })
  quantity: number;

  unitPriceE4: number;
  amountE4: number;
}

@ObjectType('Review')
export class ReviewType {
  @Field(() => ID)
  id: number;

  @Field()
  externalId: string;

  customerId: number;
  productId: number;

  @Field(() => Int)
  rating: number;

  @Field(() => String, { nullable: true })
  text: string | null;

  @Field(() => DateTimeScalar)
  reviewedAt: Date;
}

export const ReviewConnection = ConnectionType('Review', ReviewType);

@InputType()
export class ProductFilter {
  @Field(() => String, { nullable: true })
  category?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the title.' })
  titleContains?: string | null;
}

@InputType({ description: 'A product to create or update, matched by externalId.' })
export class ProductInput {
  @Field()
  externalId: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  category?: string | null;

  @Field(() => Float, { nullable: true, description: 'List price (rounded to 4 decimals).' })
  price?: number | null;
}

@InputType({ description: 'An order line: exactly one of productExternalId and chargeCode.' })
export class OrderItemInput {
  @Field(() => Int, { nullable: true, description: 'Line number; defaults to the position in the list (1-based).' })
  line?: number | null;

  @Field(() => String, { nullable: true })
  productExternalId?: string | null;

  @Field(() => String, { nullable: true })
  chargeCode?: string | null;

  @Field(() => Int)
  quantity: number;

  @Field(() => Float)
  unitPrice: number;

  @Field(() => Float, { nullable: true, description: 'What the line is worth; defaults to quantity x unitPrice.' })
  amount?: number | null;
}

@InputType({ description: 'An order with its items, matched by externalId; its items are replaced by these.' })
export class OrderInput {
  @Field()
  externalId: string;

  @Field()
  customerExternalId: string;

  @Field(() => DateTimeScalar)
  placedAt: Date;

  @Field(() => OrderStatusEnum, { defaultValue: OrderStatusEnum.PLACED })
  status: OrderStatusEnum;

  @Field(() => [OrderItemInput])
  items: OrderItemInput[];
}

@InputType({ description: 'A review, matched by externalId.' })
export class ReviewInput {
  @Field()
  externalId: string;

  @Field()
  customerExternalId: string;

  @Field()
  productExternalId: string;

  @Field(() => Int, { description: '1 to 5.' })
  rating: number;

  @Field(() => String, { nullable: true })
  text?: string | null;

  @Field(() => DateTimeScalar)
  reviewedAt: Date;
}

@ObjectType('ImportError', { description: 'Why one input row was not written.' })
export class ImportErrorType {
  @Field(() => [String], { description: 'Where in the input, e.g. ["input", "3", "email"].' })
  path: string[];

  @Field()
  message: string;

  @Field({ description: 'BAD_USER_INPUT (invalid value) or NOT_FOUND (unknown customer, product or order).' })
  code: string;
}

@ObjectType('ImportResult')
export class ImportResultType {
  @Field(() => Int)
  received: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int, { description: 'Rows that existed with other values, and were changed (an order given again always: its lines are replaced).' })
  updated: number;

  @Field(() => Int, { description: 'Rows that existed with the same values: nothing written.' })
  unchanged: number;

  @Field(() => Int, { description: 'Rows not written because of an error.' })
  skipped: number;

  @Field({ description: 'Whether the batch was written (false when onError is ABORT and any row failed).' })
  committed: boolean;

  @Field(() => [ImportErrorType])
  errors: ImportErrorType[];
}
