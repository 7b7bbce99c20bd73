import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from './connection.type';
import { DateTimeScalar } from './scalars';

export enum RoleEnum {
  VIEWER = 'viewer',
  ANALYST = 'analyst',
  ADMIN = 'admin',
}
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'VIEWER: segments, aggregates, customers without personal data. ANALYST: plus personal data, training, comparison. ADMIN: plus imports, aliases, keys.',
});

export enum StatsDimensionEnum {
  COUNTRY = 'COUNTRY',
  MONTH = 'MONTH',
  COHORT = 'COHORT',
}
registerEnumType(StatsDimensionEnum, {
  name: 'StatsDimension',
  description: "COUNTRY: the customer's country. MONTH: the month of the orders counted. COHORT: the month of the customer's first purchase.",
});

export enum ExportFormatEnum {
  CSV = 'CSV',
  NDJSON = 'NDJSON',
}
registerEnumType(ExportFormatEnum, { name: 'ExportFormat' });

export enum ExportStatusEnum {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(ExportStatusEnum, {
  name: 'ExportStatus',
  description: 'EXPIRED: it succeeded, and its file was removed EXPORT_TTL_HOURS after it finished (the download answers 410).',
});

@ObjectType('ApiKey', { description: 'An API key; its secret is never shown again after creation.' })
export class ApiKeyType {
  @Field(() => ID)
  id: number;

  @Field()
  name: string;

  @Field(() => RoleEnum)
  role: RoleEnum;

  @Field({ description: 'The first characters of the secret, to recognise it.' })
  prefix: string;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field()
  createdBy: string;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt: Date | null;
}

export const ApiKeyConnection = ConnectionType('ApiKey', ApiKeyType);

@ObjectType('NewApiKey')
export class NewApiKeyType {
  @Field(() => ApiKeyType)
  key: ApiKeyType;

  @Field({ description: 'Send as `Authorization: Bearer <secret>`. Shown only this once; only its hash is stored.' })
  secret: string;
}

@ObjectType('Principal', { description: 'Who the request is authenticated as.' })
export class PrincipalType {
  @Field()
  name: string;

  @Field(() => RoleEnum)
  role: RoleEnum;
}

@ObjectType('SegmentStatsRow', { description: 'Aggregates of one segment (and group): spend is net of returns, in the currency unit.' })
export class SegmentStatsRowType {
  segmentId: number;

  @Field(() => String, { nullable: true })
  country: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM of the orders counted (groupBy MONTH).' })
  month: string | null;

  @Field(() => String, { nullable: true, description: "YYYY-MM of the customers' first purchase (groupBy COHORT)." })
  cohort: string | null;

  @Field(() => Int)
  customers: number;

  @Field(() => Int)
  orders: number;

  @Field(() => Float)
  spend: number;

  @Field(() => Float)
  averageSpend: number;

  @Field(() => Float)
  averageOrders: number;

  @Field(() => Float, { nullable: true })
  averageOrderValue: number | null;

  @Field(() => Float, { nullable: true, description: "Mean days since the last purchase, counted from the data's latest order." })
  averageRecencyDays: number | null;

  @Field(() => Float, { nullable: true, description: "Sum of the customers' predicted value over the version's horizon (`Customer.predictions.clv`); null when the version does not predict." })
  predictedValue: number | null;

  @Field(() => Float, { nullable: true, description: "Mean predicted probability of no purchase in the version's horizon; null when the version does not predict." })
  averageChurnProbability: number | null;
}

@ObjectType('SegmentExport', {
  description: 'A bulk export of segment assignments; download it from `url` when SUCCEEDED, before `expiresAt`. Only the key that created it (and admins) can see, download or delete it.',
})
export class SegmentExportType {
  @Field(() => ID)
  id: string;

  @Field(() => ExportStatusEnum)
  status: ExportStatusEnum;

  @Field(() => ExportFormatEnum)
  format: ExportFormatEnum;

  @Field(() => ID)
  versionId: number;

  @Field(() => ID, { nullable: true, description: "The one segment exported (createSegmentExport's segmentId); null: every segment." })
  segmentId: number | null;

  @Field(() => String, { nullable: true })
  alias: string | null;

  @Field(() => Int, { description: 'Rows written (one per assigned customer), header excluded.' })
  rowCount: number;

  @Field(() => Int, { nullable: true, description: "The file's size; for a FAILED export, the bytes written before it stopped (they count against the daily quota)." })
  byteSize: number | null;

  @Field({ description: 'email, name and city are empty: the export was made with a viewer key.' })
  piiMasked: boolean;

  @Field(() => String, { nullable: true })
  error: string | null;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt: Date | null;
}

export const SegmentExportConnection = ConnectionType('SegmentExport', SegmentExportType);
