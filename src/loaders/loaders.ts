import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';
import DataLoader from 'dataloader';
import { Customer, MembershipChange, ModelVersion, Order, OrderItem, Product, Review, Segment, SegmentationModel, TrainingRun, TrainingSchedule } from '../entities';
import { CustomerAssignment } from '../services/training.service';
import { Services } from '../services';
import { CustomerFeatures, TextProfile } from '../services/feature.service';
import { ConnectionShape, PageArgs } from '../services/pagination';
import { StoredPrediction } from '../services/prediction.service';

/** A page request for one parent; parents asking for the same page shape are batched into one query. */
export interface ChildPageKey extends PageArgs {
  parentId: number;
}

/** Per-request DataLoaders: every field resolver that would query per row goes through one of these. */
export interface Loaders {
  customer: DataLoader<number, Customer | null>;
  product: DataLoader<number, Product | null>;
  orderItems: DataLoader<number, OrderItem[]>;
  customerOrders: DataLoader<ChildPageKey, ConnectionShape<Order>, string>;
  customerReviews: DataLoader<ChildPageKey, ConnectionShape<Review>, string>;
  modelRuns: DataLoader<ChildPageKey, ConnectionShape<TrainingRun>, string>;
  /** A customer's membership changes, newest first. */
  customerHistory: DataLoader<ChildPageKey, ConnectionShape<MembershipChange>, string>;
  /** A segment's daily sizes. */
  segmentSizeHistory: DataLoader<number, Array<{ day: string; size: number }>>;
  /** A model's training schedule (null if none). */
  modelSchedule: DataLoader<number, TrainingSchedule | null>;
  features: DataLoader<{ customerId: number; asOf?: Date | null }, CustomerFeatures | null, string>;
  textProfile: DataLoader<{ customerId: number; asOf: Date }, TextProfile, string>;
  /** The data's "today", asked once per request. */
  defaultAsOf: () => Promise<Date>;
  model: DataLoader<number, SegmentationModel | null>;
  version: DataLoader<number, ModelVersion | null>;
  run: DataLoader<number, TrainingRun | null>;
  segment: DataLoader<number, Segment | null>;
  modelVersions: DataLoader<ChildPageKey, ConnectionShape<ModelVersion>, string>;
  segmentsOfVersion: DataLoader<number, Segment[]>;
  aliasesOfVersion: DataLoader<number, string[]>;
  /** A customer's stored assignment in the version an alias points at (null if none). */
  customerSegment: DataLoader<{ customerId: number; alias: string }, CustomerAssignment | null, string>;
  /** A customer's stored prediction in the version an alias points at (null if none, or if it does not predict). */
  customerPrediction: DataLoader<{ customerId: number; alias: string }, StoredPrediction | null, string>;
  /** A customer's stored prediction in a given version. */
  versionPrediction: DataLoader<{ customerId: number; versionId: number }, StoredPrediction | null, string>;
}

function pushTo<K>(groups: Map<K, number[]>, key: K, index: number): void {
  const group = groups.get(key);
  if (group) group.push(index);
  else groups.set(key, [index]);
}

/** Reads some rows of a version for customers, in the order of `customerIds` (null where there is none). */
type VersionRows<T> = (versionId: number, customerIds: number[]) => Promise<Array<T | null>>;

/**
 * Per-customer rows of a version, the version each key names (`scopeOf`: a version id, or an alias resolved once a
 * batch; null while it points nowhere): one `load` per version, answers in key order.
 */
function perCustomerOf<K extends { customerId: number }, S extends number | string, T>(
  scopeOf: (key: K) => S,
  versionOf: (scope: S) => Promise<number | null>,
  load: VersionRows<T>,
  /** What a key whose scope points nowhere answers: null by default, or an error saying why. */
  missing?: (scope: S) => Error,
): DataLoader<K, T | null, string> {
  return new DataLoader(
    async (keys) => {
      const results: Array<T | null | Error> = new Array(keys.length).fill(null);
      const byScope = new Map<S, number[]>();
      keys.forEach((key, i) => pushTo(byScope, scopeOf(key), i));
      for (const [scope, indexes] of byScope) {
        const versionId = await versionOf(scope);
        if (versionId === null) {
          if (missing) for (const i of indexes) results[i] = missing(scope);
          continue;
        }
        const found = await load(versionId, indexes.map((i) => keys[i].customerId));
        indexes.forEach((keyIndex, j) => (results[keyIndex] = found[j]));
      }
      return results;
    },
    { cacheKeyFn: (key) => `${key.customerId}@${scopeOf(key)}` },
  );
}

/** Groups keys by everything but the parent id, runs one batch per group, and answers in key order. */
function groupedChildPages<T>(
  load: (parentIds: number[], page: PageArgs) => Promise<Array<ConnectionShape<T>>>,
): DataLoader<ChildPageKey, ConnectionShape<T>, string> {
  return new DataLoader<ChildPageKey, ConnectionShape<T>, string>(
    async (keys) => {
      const groups = new Map<string, number[]>();
      keys.forEach((key, i) => pushTo(groups, pageKey(key), i));
      const results: Array<ConnectionShape<T>> = new Array(keys.length);
      for (const indexes of groups.values()) {
        const { first, after, last, before } = keys[indexes[0]];
        const pages = await load(
          indexes.map((i) => keys[i].parentId),
          { first, after, last, before },
        );
        indexes.forEach((keyIndex, j) => (results[keyIndex] = pages[j]));
      }
      return results;
    },
    { cacheKeyFn: (key) => `${key.parentId}:${pageKey(key)}` },
  );
}

function pageKey(page: PageArgs): string {
  return JSON.stringify([page.first ?? null, page.after ?? null, page.last ?? null, page.before ?? null]);
}

export function createLoaders(services: Services): Loaders {
  let defaultAsOf: Promise<Date> | null = null;
  const getDefaultAsOf = () => (defaultAsOf ??= services.features.defaultAsOf());
  return {
    customer: new DataLoader((ids) => services.customers.findByIds(ids)),
    product: new DataLoader((ids) => services.products.findByIds(ids)),
    orderItems: new DataLoader((ids) => services.orders.itemsForOrders(ids)),
    customerOrders: groupedChildPages((ids, page) => services.orders.pagesForCustomers(ids, page)),
    customerReviews: groupedChildPages((ids, page) => services.reviews.pagesForCustomers(ids, page)),
    modelRuns: groupedChildPages((ids, page) => services.training.runPagesForModels(ids, page)),
    customerHistory: groupedChildPages((ids, page) => services.membership.historyPages(ids, page) as unknown as Promise<Array<ConnectionShape<MembershipChange>>>),
    segmentSizeHistory: new DataLoader((ids) => services.membership.sizeHistories(ids)),
    modelSchedule: new DataLoader((ids) => services.schedules.ofModels(ids)),
    features: new DataLoader(
      async (keys) => {
        const results: Array<CustomerFeatures | null> = new Array(keys.length).fill(null);
        const byAsOf = new Map<number, number[]>();
        const fallback = keys.some((k) => !k.asOf) ? await getDefaultAsOf() : null;
        keys.forEach((key, i) => pushTo(byAsOf, (key.asOf ?? fallback!).getTime(), i));
        for (const [at, indexes] of byAsOf) {
          const features = await services.features.compute(
            indexes.map((i) => keys[i].customerId),
            new Date(at),
          );
          const byCustomer = new Map(features.map((f) => [f.customerId, f]));
          for (const i of indexes) results[i] = byCustomer.get(keys[i].customerId) ?? null;
        }
        return results;
      },
      { cacheKeyFn: (key) => `${key.customerId}@${key.asOf?.getTime() ?? 'default'}` },
    ),
    textProfile: new DataLoader(
      async (keys) => {
        const results: TextProfile[] = new Array(keys.length);
        const byAsOf = new Map<number, number[]>();
        keys.forEach((key, i) => pushTo(byAsOf, key.asOf.getTime(), i));
        for (const [at, indexes] of byAsOf) {
          const profiles = await services.features.textProfiles(
            indexes.map((i) => keys[i].customerId),
            new Date(at),
          );
          indexes.forEach((keyIndex, j) => (results[keyIndex] = profiles[j]));
        }
        return results;
      },
      { cacheKeyFn: (key) => `${key.customerId}@${key.asOf.getTime()}` },
    ),
    defaultAsOf: getDefaultAsOf,
    model: new DataLoader((ids) => services.training.findModels(ids)),
    version: new DataLoader((ids) => services.training.findVersions(ids)),
    run: new DataLoader((ids) => services.training.findRuns(ids)),
    segment: new DataLoader((ids) => services.training.findSegments(ids)),
    modelVersions: groupedChildPages((ids, page) => services.training.versionPagesForModels(ids, page)),
    segmentsOfVersion: new DataLoader((ids) => services.training.segmentsOf(ids)),
    aliasesOfVersion: new DataLoader((ids) => services.training.aliasesOf(ids)),
    // An alias that points nowhere is an error that says so, not a silent null (as segmentStats answers).
    customerSegment: perCustomerOf(
      (key: { customerId: number; alias: string }) => key.alias,
      (alias) => services.training.versionIdOfAlias(alias),
      (versionId, ids) => services.training.assignmentsOf(versionId, ids),
      (alias) =>
        new GraphQLError(`alias ${JSON.stringify(alias)} points at no model version yet: train a version and point the alias at it (setModelAlias), or ask for another alias`, {
          extensions: { code: ErrorCode.NOT_FOUND, alias },
        }),
    ),
    versionPrediction: perCustomerOf((key: { customerId: number; versionId: number }) => key.versionId, async (versionId) => versionId, (versionId, ids) => services.predictions.predictionsOf(versionId, ids)),
    customerPrediction: perCustomerOf((key: { customerId: number; alias: string }) => key.alias, (alias) => services.training.versionIdOfAlias(alias), (versionId, ids) => services.predictions.predictionsOf(versionId, ids)),
  };
}
