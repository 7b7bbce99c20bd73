import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from './scalars';

export enum ValueTierEnum {
  HIGH = 'high',
  MID = 'mid',
  LOW = 'low',
  LAPSED = 'lapsed',
}
registerEnumType(ValueTierEnum, {
  name: 'ValueTier',
  description: "HIGH: the top 20% of the version's customers by predicted value; MID: the next 30%; LOW: the rest (or the cuts the model was trained with); LAPSED: probably no longer a customer (models with P(alive) and a lapsed threshold).",
});

@ObjectType('CustomerPrediction', { description: "What a predicting version expects of a customer over the `horizonDays` after the version's asOf." })
export class CustomerPredictionType {
  versionId: number;
  customerId: number;

  @Field(() => Int)
  horizonDays: number;

  @Field(() => Float, { description: 'Expected number of purchases (distinct purchase days) in the horizon.' })
  expectedPurchases: number;

  @Field(() => Float, { nullable: true, description: 'Probability that the customer is still active (BG/NBD); null for models without the notion.' })
  pAlive: number | null;

  @Field(() => Float, { description: 'Probability of no purchase in the horizon.' })
  churnProbability: number;

  @Field(() => Float, { nullable: true, description: 'Expected spend per purchase.' })
  expectedSpend: number | null;

  @Field(() => Float, { description: 'Expected spend in the horizon: the customer\'s value over it.' })
  clv: number;

  @Field(() => Float, { description: "Share of the version's customers with a lower predicted value (0..1)." })
  clvPercentile: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The date by which a purchase becomes more likely than not; null when it never does.' })
  expectedNextPurchaseAt: Date | null;

  @Field(() => ValueTierEnum)
  valueTier: ValueTierEnum;
}
