import DataLoader from 'dataloader';
import { Customer, Order, OrderItem, Product, Review } from '../entities';
import { Services } from '../services';
import { CustomerFeatures, TextProfile } from '../services/feature.service';
import { ConnectionShape, PageArgs } from '../services/pagination';

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
  features: DataLoader<{ customerId: number; asOf?: Date | null }, CustomerFeatures | null, string>;
  textProfile: DataLoader<{ customerId: number; asOf: Date }, TextProfile, string>;
  /** The data's "today", asked once per request. */
  defaultAsOf: () => Promise<Date>;
}

function pushTo<K>(groups: Map<K, number[]>, key: K, index: number): void {
  const group = groups.get(key);
  if (group) group.push(index);
  else groups.set(key, [index]);
}

/** Groups keys by everything but the parent id, runs one batch per group, and answers in key order. */
function groupedChildPages<T>(
  load: (parentIds: number[], page: PageArgs) => Promise<Array<ConnectionShape<T>>>,
): DataLoader<ChildPageKey, ConnectionShape<T>, string> {
  return new DataLoader<ChildPageKey, ConnectionShape<T>, string>(
    async (keys) => {
      const groups = new Map<string, number[]>();
      keys.forEach((key, i) => pushTo(groups, JSON.stringify([key.first, key.after ?? null]), i));
      const results: Array<ConnectionShape<T>> = new Array(keys.length);
      for (const indexes of groups.values()) {
        const { first, after } = keys[indexes[0]];
        const pages = await load(
          indexes.map((i) => keys[i].parentId),
          { first, after },
        );
        indexes.forEach((keyIndex, j) => (results[keyIndex] = pages[j]));
      }
      return results;
    },
    { cacheKeyFn: (key) => JSON.stringify([key.parentId, key.first, key.after ?? null]) },
  );
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
  };
}
