import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { FairnessReport, METRIC_NAMES, MetricName } from '../../services/evaluation.service';

/** Typed outputs of the evaluation service: best version per metric, segment migration and the fairness report. */

@ObjectType('BestByMetric', { description: 'Per metric, the id of the version best on it (lower is better for daviesBouldin, higher otherwise); null where no version has a value.' })
export class BestByMetricType implements Record<MetricName, number | null> {
  @Field(() => ID, { nullable: true })
  futureSpendR2: number | null;

  @Field(() => ID, { nullable: true })
  futureLogSpendR2: number | null;

  @Field(() => ID, { nullable: true })
  churnAuc: number | null;

  @Field(() => ID, { nullable: true })
  spendLift: number | null;

  @Field(() => ID, { nullable: true })
  hitRateAt10: number | null;

  @Field(() => ID, { nullable: true })
  hitRateAt10All: number | null;

  @Field(() => ID, { nullable: true })
  futureSpendR2Adjusted: number | null;

  @Field(() => ID, { nullable: true })
  futureLogSpendR2Adjusted: number | null;

  @Field(() => ID, { nullable: true })
  stabilityAri: number | null;

  @Field(() => ID, { nullable: true })
  reclusteringAri: number | null;

  @Field(() => ID, { nullable: true })
  smallestShare: number | null;

  @Field(() => ID, { nullable: true })
  sizeEntropyNormalised: number | null;

  @Field(() => ID, { nullable: true })
  silhouette: number | null;

  @Field(() => ID, { nullable: true, description: 'Lower is better.' })
  daviesBouldin: number | null;

  @Field(() => ID, { nullable: true })
  calinskiHarabasz: number | null;

  @Field(() => ID, { nullable: true })
  rfmSilhouette: number | null;

  @Field(() => ID, { nullable: true, description: 'Lower is better.' })
  rfmDaviesBouldin: number | null;

  @Field(() => ID, { nullable: true })
  rfmCalinskiHarabasz: number | null;

  @Field(() => ID, { nullable: true })
  groundTruthAri: number | null;

  @Field(() => ID, { nullable: true })
  groundTruthNmi: number | null;

  /** Every metric of METRIC_NAMES, null where the service has no best version. */
  static from(best: Record<string, number | null>): BestByMetricType {
    return Object.fromEntries(METRIC_NAMES.map((metric) => [metric, best[metric] ?? null])) as Record<MetricName, number | null>;
  }
}

@ObjectType('MigrationSegment', { description: 'A segment on one side of a migration.' })
export class MigrationSegmentType {
  @Field(() => ID)
  id: number;

  @Field(() => Int)
  index: number;

  @Field()
  name: string;

  @Field(() => Int)
  size: number;
}

@ObjectType('MigrationSide', { description: 'One version of a migration and its segments, by index.' })
export class MigrationSideType {
  @Field(() => ID)
  versionId: number;

  @Field(() => [MigrationSegmentType], { description: 'By index: row (from) or column (to) order of the matrix.' })
  segments: MigrationSegmentType[];
}

@ObjectType('SegmentMigration', { description: 'How many customers moved from each segment of one version to each segment of another.' })
export class SegmentMigrationType {
  @Field(() => MigrationSideType)
  from: MigrationSideType;

  @Field(() => MigrationSideType)
  to: MigrationSideType;

  @Field(() => [[Int]], { description: "matrix[i][j]: customers in the from version's segment i and the to version's segment j." })
  matrix: number[][];

  @Field(() => Int, { description: 'Customers assigned in both versions (the sum of the matrix).' })
  customersInBoth: number;
}

@ObjectType('ValueShare', { description: 'The share of customers with one value of a protected attribute.' })
export class ValueShareType {
  @Field()
  value: string;

  @Field(() => Float)
  share: number;
}

@ObjectType('FairnessShare', { description: "A segment's share of one value of a protected attribute, and its deviation from the population's share." })
export class FairnessShareType {
  @Field()
  value: string;

  @Field(() => Float)
  share: number;

  @Field(() => Float, { description: 'Segment share - population share.' })
  deviation: number;
}

@ObjectType('FairnessSegment')
export class FairnessSegmentType {
  @Field(() => ID)
  segmentId: number;

  @Field()
  name: string;

  @Field(() => Int, { description: 'Its assigned customers.' })
  size: number;

  @Field(() => [FairnessShareType], { description: 'One per value of the attribute, in the order of the population.' })
  shares: FairnessShareType[];
}

@ObjectType('FairnessAttribute', { description: 'One protected attribute: the population and each segment by its values.' })
export class FairnessAttributeType {
  @Field({ description: 'gender or ageBand.' })
  attribute: string;

  @Field(() => [ValueShareType], { description: 'Shares of the version\'s assigned customers, by value (sorted; "unknown" where missing).' })
  population: ValueShareType[];

  @Field(() => [FairnessSegmentType])
  segments: FairnessSegmentType[];
}

@ObjectType('FairnessDeviation', { description: 'The largest absolute deviation of a segment share from the population share.' })
export class FairnessDeviationType {
  @Field()
  attribute: string;

  @Field()
  value: string;

  @Field(() => ID)
  segmentId: number;

  @Field({ description: "The segment's name." })
  segment: string;

  @Field(() => Float, { description: 'segmentShare - populationShare.' })
  deviation: number;

  @Field(() => Float)
  segmentShare: number;

  @Field(() => Float)
  populationShare: number;
}

@ObjectType('FairnessReport', { description: "Each segment's composition by protected attributes (gender, age band) against the population, largest deviation flagged." })
export class FairnessReportType {
  @Field(() => ID)
  versionId: number;

  @Field(() => [String])
  protectedAttributes: string[];

  @Field(() => [FairnessAttributeType], { description: 'One per protected attribute, in the order of protectedAttributes.' })
  attributes: FairnessAttributeType[];

  @Field(() => FairnessDeviationType, { nullable: true, description: 'Null when the version has no assigned customers.' })
  largestDeviation: FairnessDeviationType | null;

  /** The service's report, its maps keyed by attribute and value turned into lists. */
  static from(report: FairnessReport): FairnessReportType {
    const list = (shares: Record<string, number>) => Object.entries(shares).map(([value, share]) => ({ value, share }));
    return {
      versionId: report.versionId,
      protectedAttributes: report.protectedAttributes,
      attributes: Object.entries(report.attributes).map(([attribute, a]) => ({
        attribute,
        population: list(a.population),
        segments: a.segments.map((s) => ({
          segmentId: s.segmentId,
          name: s.name,
          size: s.size,
          shares: Object.keys(a.population).map((value) => ({ value, share: s.shares[value] ?? 0, deviation: s.deviations[value] ?? 0 })),
        })),
      })),
      largestDeviation: report.largestDeviation,
    };
  }
}
