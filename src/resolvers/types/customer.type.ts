import { Field, Float, ID, InputType, Int, ObjectType, UseMiddleware } from 'type-graphql';
import { MaskPii } from '../../auth/pii.middleware';
import { ConnectionType } from './connection.type';
import { CustomerSortField, SortDirection } from './enums';
import { DateTimeScalar, JSONScalar } from './scalars';
import { ValueTierEnum } from './prediction.type';

@ObjectType('CategoryShare', { description: 'A share of spend in one product category.' })
export class CategoryShareType {
  @Field()
  category: string;

  @Field(() => Float)
  share: number;

  /** A map keyed by category as a list, largest share first (ties by name). */
  static list(shares: Record<string, number> | null | undefined): CategoryShareType[] {
    return Object.entries(shares ?? {})
      .map(([category, share]) => ({ category, share }))
      .sort((a, b) => b.share - a.share || a.category.localeCompare(b.category));
  }
}

@ObjectType('Customer', { description: 'A shopper. email, name, city, gender, birthYear and attributes are personal data: null for viewer keys.' })
export class CustomerType {
  @Field(() => ID)
  id: number;

  @Field({ description: 'The id in the source system.' })
  externalId: string;

  @UseMiddleware(MaskPii)
  @Field(() => String, { nullable: true })
  email: string | null;

  @UseMiddleware(MaskPii)
  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  country: string | null;

  @UseMiddleware(MaskPii)
  @Field(() => String, { nullable: true })
  city: string | null;

  @UseMiddleware(MaskPii)
  @Field(() => String, { nullable: true })
  gender: string | null;

  @UseMiddleware(MaskPii)
  @Field(() => Int, { nullable: true })
  birthYear: number | null;

  @Field(() => DateTimeScalar, { nullable: true })
  signupAt: Date | null;

  @UseMiddleware(MaskPii)
  @Field(() => JSONScalar, { nullable: true, description: 'Free-form attributes from the source (JSON because they are whatever the source holds).' })
  attributes: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'Known segment in synthetic data (the demo persona); null for real data.' })
  groundTruthLabel: string | null;

  @Field(() => DateTimeScalar)
  createdAt: Date;
}

export const CustomerConnection = ConnectionType('Customer', CustomerType);

@ObjectType('TextProfile', { description: 'What a customer bought and wrote, as text for text encoders.' })
export class TextProfileType {
  @Field(() => [String], { description: 'Titles of the products bought, most bought first (at most 50).' })
  productTitles: string[];

  @Field(() => [String], { description: 'Review texts, newest first (at most 50).' })
  reviewTexts: string[];
}

@ObjectType('CustomerFeatures', { description: 'Features as of a date; only orders before asOf count. Money is net of returns; charges are not spend.' })
export class CustomerFeaturesType {
  customerId: number;

  @Field(() => DateTimeScalar)
  asOf: Date;

  @Field(() => Float, { nullable: true, description: 'Days since the last purchase; null if the customer never bought.' })
  recencyDays: number | null;

  @Field(() => Int, { description: 'Number of purchases (placed orders).' })
  frequency: number;

  @Field(() => Float, { description: 'Net spend: purchases minus returns.' })
  monetary: number;

  @Field(() => Float)
  grossSpend: number;

  @Field(() => Float)
  returnedSpend: number;

  @Field(() => Float, { nullable: true, description: 'Days since the first purchase or signup, whichever came first.' })
  tenureDays: number | null;

  @Field(() => Float)
  averageOrderValue: number;

  @Field(() => Float, { description: 'Returned value / purchased value.' })
  returnRate: number;

  @Field(() => Int)
  distinctProducts: number;

  @Field(() => [CategoryShareType], { description: 'Share of gross spend per top category ("Other" for the rest), largest first.' })
  categoryShares: CategoryShareType[];

  @Field(() => String, { nullable: true })
  country: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  firstPurchaseAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  lastPurchaseAt: Date | null;
}

@InputType()
export class CustomerFilter {
  @Field(() => String, { nullable: true })
  country?: string | null;

  @Field(() => [String], { nullable: true, description: 'Any of these countries (at most 100).' })
  countries?: string[] | null;

  @Field(() => String, { nullable: true })
  city?: string | null;

  @Field(() => String, { nullable: true })
  gender?: string | null;

  @Field(() => [String], { nullable: true, description: 'Source-system ids (at most 100).' })
  externalIds?: string[] | null;

  @Field(() => DateTimeScalar, { nullable: true })
  signedUpAfter?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  signedUpBefore?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Customers assigned to this segment (see `segments`).' })
  segmentId?: string | null;

  @Field(() => Float, { nullable: true, description: 'Net spend (purchases minus returns) at least this.' })
  minSpend?: number | null;

  @Field(() => Float, { nullable: true })
  maxSpend?: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Last purchase at or after this.' })
  lastOrderAfter?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Last purchase at or before this.' })
  lastOrderBefore?: Date | null;

  @Field(() => Float, { nullable: true, description: "Days since the last purchase, counted from the data's latest order, at least this." })
  minRecencyDays?: number | null;

  @Field(() => Float, { nullable: true })
  maxRecencyDays?: number | null;

  @Field(() => Float, { nullable: true, description: 'Predicted value over the horizon at least this (customers with a prediction only).' })
  minClv?: number | null;

  @Field(() => Float, { nullable: true, description: 'Predicted probability of no purchase in the horizon at most this.' })
  maxChurnProbability?: number | null;

  @Field(() => ValueTierEnum, { nullable: true })
  valueTier?: ValueTierEnum | null;

  @Field(() => String, { nullable: true, description: 'Whose predictions minClv, maxChurnProbability, valueTier and the CLV / CHURN_PROBABILITY sorts read: the version under this alias (default `value`).' })
  predictionsAlias?: string | null;
}

@InputType()
export class CustomerOrder {
  @Field(() => CustomerSortField)
  field: CustomerSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection;
}

@InputType({ description: 'A customer to create or update, matched by externalId. Absent or null fields keep their stored value.' })
export class CustomerInput {
  @Field()
  externalId: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  country?: string | null;

  @Field(() => String, { nullable: true })
  city?: string | null;

  @Field(() => String, { nullable: true })
  gender?: string | null;

  @Field(() => Int, { nullable: true })
  birthYear?: number | null;

  @Field(() => DateTimeScalar, { nullable: true })
  signupAt?: Date | null;

  @Field(() => JSONScalar, { nullable: true })
  attributes?: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  groundTruthLabel?: string | null;
}
