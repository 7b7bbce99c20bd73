import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Customer } from '../entities';
import { notFound } from '../errors';
import { CustomerFeatures } from '../services/feature.service';
import { ConnectionShape } from '../services/pagination';
import { Context } from './context';
import { parseId } from './ids';
import { OrderConnection, ReviewConnection } from './types/catalog.type';
import { CustomerConnection, CustomerFeaturesType, CustomerFilter, CustomerOrder, CustomerType } from './types/customer.type';
import { DateTimeScalar } from './types/scalars';

@Resolver(() => CustomerType)
export class CustomerResolver {
  @Query(() => CustomerConnection, { description: 'Customers, a page at a time (first: 1..100).' })
  customers(
    @Ctx() ctx: Context,
    @Arg('first', () => Int) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter?: CustomerFilter | null,
    @Arg('orderBy', () => CustomerOrder, { nullable: true }) orderBy?: CustomerOrder | null,
  ): Promise<ConnectionShape<Customer>> {
    return ctx.services.customers.list(filter ?? {}, orderBy ?? undefined, { first, after });
  }

  @Query(() => CustomerType, { nullable: true, description: 'One customer; NOT_FOUND when the id does not exist.' })
  async customer(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Customer> {
    return (await ctx.loaders.customer.load(parseId(id))) ?? Promise.reject(notFound('customer', id));
  }

  @FieldResolver(() => OrderConnection, { description: 'Orders, newest first.' })
  orders(
    @Root() customer: Customer,
    @Ctx() ctx: Context,
    @Arg('first', () => Int) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return ctx.loaders.customerOrders.load({ parentId: customer.id, first, after });
  }

  @FieldResolver(() => ReviewConnection, { description: 'Reviews, newest first.' })
  reviews(
    @Root() customer: Customer,
    @Ctx() ctx: Context,
    @Arg('first', () => Int) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return ctx.loaders.customerReviews.load({ parentId: customer.id, first, after });
  }

  @FieldResolver(() => CustomerFeaturesType, { description: 'Features as of a date (default: just after the latest order in the data).' })
  async features(
    @Root() customer: Customer,
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateTimeScalar, { nullable: true }) asOf?: Date | null,
  ): Promise<CustomerFeatures> {
    return (await ctx.loaders.features.load({ customerId: customer.id, asOf })) ?? Promise.reject(notFound('customer', customer.id));
  }
}
