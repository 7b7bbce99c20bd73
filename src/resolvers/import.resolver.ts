import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Expensive } from '../auth/query-limits';
import { RawFields } from '../import/record-builders';
import { UpsertResult } from '../services/record-import.service';
import { Context } from './context';
import { CustomerInput } from './types/customer.type';
import { ImportResultType, OrderInput, ProductInput, ReviewInput } from './types/catalog.type';
import { OnErrorEnum } from './types/enums';

/** Batch upserts, idempotent by externalId; at most IMPORT_BATCH_LIMIT (default 1,000) rows per call. */
@Resolver()
export class ImportResolver {
  @Authorized('admin')
  @Expensive()
  @Mutation(() => ImportResultType)
  upsertCustomers(
    @Ctx() ctx: Context,
    @Arg('input', () => [CustomerInput]) input: CustomerInput[],
    @Arg('onError', () => OnErrorEnum, { defaultValue: OnErrorEnum.ABORT }) onError: OnErrorEnum,
  ): Promise<UpsertResult> {
    return ctx.services.recordImports.upsert('customers', input as unknown as RawFields[], onError);
  }

  @Authorized('admin')
  @Expensive()
  @Mutation(() => ImportResultType)
  upsertProducts(
    @Ctx() ctx: Context,
    @Arg('input', () => [ProductInput]) input: ProductInput[],
    @Arg('onError', () => OnErrorEnum, { defaultValue: OnErrorEnum.ABORT }) onError: OnErrorEnum,
  ): Promise<UpsertResult> {
    return ctx.services.recordImports.upsert('products', input as unknown as RawFields[], onError);
  }

  @Authorized('admin')
  @Expensive()
  @Mutation(() => ImportResultType, { description: "Orders with their items; an existing order's items are replaced." })
  upsertOrders(
    @Ctx() ctx: Context,
    @Arg('input', () => [OrderInput]) input: OrderInput[],
    @Arg('onError', () => OnErrorEnum, { defaultValue: OnErrorEnum.ABORT }) onError: OnErrorEnum,
  ): Promise<UpsertResult> {
    return ctx.services.recordImports.upsert('orders', input as unknown as RawFields[], onError);
  }

  @Authorized('admin')
  @Expensive()
  @Mutation(() => ImportResultType)
  upsertReviews(
    @Ctx() ctx: Context,
    @Arg('input', () => [ReviewInput]) input: ReviewInput[],
    @Arg('onError', () => OnErrorEnum, { defaultValue: OnErrorEnum.ABORT }) onError: OnErrorEnum,
  ): Promise<UpsertResult> {
    return ctx.services.recordImports.upsert('reviews', input as unknown as RawFields[], onError);
  }
}
