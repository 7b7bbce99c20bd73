import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { requireRole } from '../auth/roles';
import { Customer } from '../entities';
import { notFound } from '../errors';
import { CustomerFilter as CustomerFilterShape } from '../services/customer.service';
import { CustomerFeatures } from '../services/feature.service';
import { ConnectionShape } from '../services/pagination';
import { Context } from './context';
import { ConnectionArgs, connectionComplexity } from './types/connection.type';
import { parseId } from './ids';
import { OrderConnection, ReviewConnection } from './types/catalog.type';
import { CustomerConnection, CustomerFeaturesType, CustomerFilter, CustomerOrder, CustomerType } from './types/customer.type';
import { DateTimeScalar } from './types/scalars';

@Resolver(() => CustomerType)
export class CustomerResolver {
  @Query(() => CustomerConnection, { complexity: connectionComplexity, description: 'Customers, a page at a time (first: 1..100).' })
  customers(
    @Ctx() ctx: Context,
    @Args() page: ConnectionArgs,
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter?: CustomerFilter | null,
    @Arg('orderBy', () => CustomerOrder, { nullable: true }) orderBy?: CustomerOrder | null,
  ): Promise<ConnectionShape<Customer>> {
    // Filtering on personal data would reveal it: viewers may not.
    if (filter?.city || filter?.gender) requireRole(ctx.principal, 'analyst', 'filtering customers by city or gender');
    return ctx.services.customers.list(customerFilter(filter), orderBy ?? undefined, page);
  }

  @Query(() => CustomerType, { nullable: true, description: 'One customer; NOT_FOUND when the id does not exist.' })
  async customer(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Customer> {
    return (await ctx.loaders.customer.load(parseId(id))) ?? Promise.reject(notFound('customer', id));
  }

  @FieldResolver(() => OrderConnection, { complexity: connectionComplexity, description: 'Orders, newest first.' })
  orders(
    @Root() customer: Customer,
    @Ctx() ctx: Context,
    @Args() page: ConnectionArgs,
  ) {
    return ctx.loaders.customerOrders.load({ parentId: customer.id, ...page });
  }

  @FieldResolver(() => ReviewConnection, { complexity: connectionComplexity, description: 'Reviews, newest first.' })
  reviews(
    @Root() customer: Customer,
    @Ctx() ctx: Context,
    @Args() page: ConnectionArgs,
  ) {
    return ctx.loaders.customerReviews.load({ parentId: customer.id, ...page });
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

function customerFilter(filter?: CustomerFilter | null): CustomerFilterShape {
  if (!filter) return {};
  return { ...filter, segmentId: filter.segmentId ? parseId(filter.segmentId, 'segmentId') : null };
}
