import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiKey, Segment, SegmentExport } from '../entities';
import { badUserInput } from '../errors';
import { ExportColumn, EXPORT_COLUMNS } from '../services/segment-export.service';
import { SegmentStatsRow } from '../services/segment-stats.service';
import { DEFAULT_ALIAS } from '../services/training.service';
import { Context } from './context';
import { parseId } from './ids';
import { ConnectionArgs, connectionComplexity } from './types/connection.type';
import {
  ApiKeyConnection,
  ApiKeyType,
  ExportFormatEnum,
  NewApiKeyType,
  PrincipalType,
  RoleEnum,
  SegmentExportConnection,
  SegmentExportType,
  SegmentStatsRowType,
  StatsDimensionEnum,
} from './types/delivery.type';
import { SegmentType } from './types/training.type';
import { DateTimeScalar } from './types/scalars';
import { Expensive } from '../auth/query-limits';

/** API keys (admin) and who is asking (anyone). */
@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  @Query(() => PrincipalType, { description: 'The key this request is authenticated with.' })
  whoami(@Ctx() ctx: Context): PrincipalType {
    return { name: ctx.principal.name, role: ctx.principal.role as RoleEnum };
  }

  @Authorized('admin')
  @Query(() => ApiKeyConnection, { complexity: connectionComplexity, description: 'Every key, oldest first (secrets are never shown).' })
  apiKeys(@Ctx() ctx: Context, @Args() page: ConnectionArgs) {
    return ctx.services.apiKeys.list(page);
  }

  @Authorized('admin')
  @Mutation(() => NewApiKeyType, { description: 'Creates a key; its secret is in the answer and nowhere else.' })
  createApiKey(@Ctx() ctx: Context, @Arg('role', () => RoleEnum) role: RoleEnum, @Arg('name') name: string) {
    return ctx.services.apiKeys.create(role, name, ctx.principal.name);
  }

  @Authorized('admin')
  @Mutation(() => ApiKeyType, { description: 'Revokes a key at once.' })
  revokeApiKey(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ApiKey> {
    return ctx.services.apiKeys.revoke(parseId(id));
  }
}

/** Aggregates and bulk exports for BI tools. */
@Resolver(() => SegmentStatsRowType)
export class SegmentStatsResolver {
  @Query(() => [SegmentStatsRowType], {
    complexity: 50,
    description: 'Customers, purchases, net spend and recency per segment of a version (by id, or by alias: default production), optionally per country, order month and first-purchase cohort.',
  })
  async segmentStats(
    @Ctx() ctx: Context,
    @Arg('modelVersionId', () => ID, { nullable: true }) modelVersionId?: string | null,
    @Arg('alias', () => String, { nullable: true }) alias?: string | null,
    @Arg('groupBy', () => [StatsDimensionEnum], { nullable: true }) groupBy?: StatsDimensionEnum[] | null,
    @Arg('snapshotId', () => ID, { nullable: true, description: "A snapshot's frozen membership instead of the live one (createSegmentSnapshot)." }) snapshotId?: string | null,
  ): Promise<SegmentStatsRow[]> {
    if (snapshotId) {
      if (modelVersionId || alias) throw badUserInput('pass one of modelVersionId, alias and snapshotId', { argument: 'snapshotId' });
      const snapshot = await ctx.services.membership.getSnapshot(parseId(snapshotId, 'snapshotId'));
      return ctx.services.segmentStats.stats(snapshot.versionId, groupBy ?? [], snapshot.id);
    }
    const versionId = await ctx.services.training.resolveVersion(modelVersionId ? parseId(modelVersionId, 'modelVersionId') : null, alias ?? null);
    return ctx.services.segmentStats.stats(versionId, groupBy ?? []);
  }

  @FieldResolver(() => SegmentType)
  async segment(@Root() row: SegmentStatsRow, @Ctx() ctx: Context): Promise<Segment> {
    return (await ctx.loaders.segment.load(row.segmentId))!;
  }
}

@Resolver(() => SegmentExportType)
export class SegmentExportResolver {
  @Expensive()
  @Mutation(() => SegmentExportType, {
    description: `Starts a bulk export of a version's assignments (by id, or by alias: default production), one row per assigned customer; poll \`segmentExport\` and download from \`url\`. Columns: ${EXPORT_COLUMNS.join(', ')}. Per key: EXPORT_CONCURRENT_LIMIT exports queued or running, EXPORT_DAILY_LIMIT exports and EXPORT_DAILY_BYTES bytes in 24 hours (RATE_LIMITED beyond, with extensions.quota).`,
  })
  async createSegmentExport(
    @Ctx() ctx: Context,
    @Arg('format', () => ExportFormatEnum) format: ExportFormatEnum,
    @Arg('modelVersionId', () => ID, { nullable: true }) modelVersionId?: string | null,
    @Arg('alias', () => String, { nullable: true }) alias?: string | null,
    @Arg('columns', () => [String], { nullable: true }) columns?: string[] | null,
    @Arg('snapshotId', () => ID, { nullable: true, description: "A snapshot's frozen membership instead of the live one (createSegmentSnapshot)." }) snapshotId?: string | null,
    @Arg('segmentId', () => ID, { nullable: true, description: "Only this segment's customers; it must be a segment of the export's version (with no alias, version or snapshot given: the segment's own version)." })
    segmentId?: string | null,
  ): Promise<SegmentExport> {
    if ([modelVersionId, alias, snapshotId].filter(Boolean).length > 1) throw badUserInput('pass one of modelVersionId, alias and snapshotId', { argument: snapshotId ? 'snapshotId' : 'alias' });
    const segment = segmentId ? await ctx.services.training.getSegment(parseId(segmentId, 'segmentId')) : null;
    const checkSegment = (versionId: number) => {
      if (segment && segment.versionId !== versionId) throw badUserInput(`segment ${segment.id} is not a segment of version ${versionId}`, { argument: 'segmentId' });
    };
    if (snapshotId) {
      const snapshot = await ctx.services.membership.getSnapshot(parseId(snapshotId, 'snapshotId'));
      checkSegment(snapshot.versionId);
      return ctx.services.exports.create(snapshot.versionId, snapshot.alias, format, columns as ExportColumn[] | null, ctx.principal, ctx.requestId, snapshot.id, segment?.id ?? null);
    }
    // A segment alone names its version; with an alias or a version id it must belong to it.
    const bySegment = segment !== null && !modelVersionId && !alias;
    const versionId = bySegment ? segment.versionId : await ctx.services.training.resolveVersion(modelVersionId ? parseId(modelVersionId, 'modelVersionId') : null, alias ?? null);
    checkSegment(versionId);
    return ctx.services.exports.create(versionId, modelVersionId || bySegment ? null : (alias ?? DEFAULT_ALIAS), format, columns as ExportColumn[] | null, ctx.principal, ctx.requestId, null, segment?.id ?? null);
  }

  @Query(() => SegmentExportType, { nullable: true, description: "An export made with this key (an admin: any key's); another key's is NOT_FOUND." })
  segmentExport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<SegmentExport> {
    return ctx.services.exports.get(id, ctx.principal);
  }

  @Query(() => SegmentExportConnection, { complexity: connectionComplexity, description: "The exports made with this key (an admin: every key's), newest first." })
  segmentExports(@Ctx() ctx: Context, @Args() page: ConnectionArgs) {
    return ctx.services.exports.list(page, ctx.principal);
  }

  @Mutation(() => ID, {
    description: "Deletes an export made with this key (an admin: any key's): its file and its record; one still running stops. Answers its id. It still counts against the key's daily quotas.",
  })
  deleteSegmentExport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<string> {
    return ctx.services.exports.delete(id, ctx.principal);
  }

  @FieldResolver(() => DateTimeScalar, { nullable: true, description: 'When the file is (or was) removed: EXPORT_TTL_HOURS after the export finished; null until it has succeeded.' })
  expiresAt(@Root() row: SegmentExport, @Ctx() ctx: Context): Date | null {
    return ctx.services.exports.expiresAt(row);
  }

  @FieldResolver(() => String, { description: 'Where to GET the file (with the same Authorization header).' })
  url(@Root() row: SegmentExport): string {
    return `/exports/${row.id}`;
  }
}
