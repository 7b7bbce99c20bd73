import { Arg, Args, Ctx, FieldResolver, Float, ID, Query, Resolver, Root } from 'type-graphql';
import { moneyFromE4 } from '../db/money';
import { Customer, Order, OrderItem, Product, Review } from '../entities';
import { notFound } from '../errors';
import { CustomerFeatures, TextProfile } from '../services/feature.service';
import { ConnectionShape } from '../services/pagination';
import { Context } from './context';
import { ConnectionArgs, connectionComplexity } from './types/connection.type';
import { parseId } from './ids';
import { OrderItemType, OrderType, ProductConnection, ProductFilter, ProductType, ReviewType } from './types/catalog.type';
import { CategoryShareType, CustomerFeaturesType, CustomerType, TextProfileType } from './types/customer.type';

@Resolver(() => ProductType)
export class ProductResolver {
  @Query(() => ProductConnection, { complexity: connectionComplexity, description: 'Products by id, a page at a time (first: 1..100).' })
  products(
    @Ctx() ctx: Context,
    @Args() page: ConnectionArgs,
    @Arg('filter', () => ProductFilter, { nullable: true }) filter?: ProductFilter | null,
  ): Promise<ConnectionShape<Product>> {
    return ctx.services.products.list(filter ?? {}, page);
  }

  @Query(() => ProductType, { nullable: true, description: 'One product; NOT_FOUND when the id does not exist.' })
  async product(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Product> {
    return (await ctx.loaders.product.load(parseId(id))) ?? Promise.reject(notFound('product', id));
  }

  @FieldResolver(() => Float, { nullable: true, description: 'List price.' })
  price(@Root() product: Product): number | null {
    return product.priceE4 === null ? null : moneyFromE4(product.priceE4);
  }
}

@Resolver(() => OrderType)
export class OrderResolver {
  @FieldResolver(() => CustomerType)
  async customer(@Root() order: Order, @Ctx() ctx: Context): Promise<Customer> {
    return (await ctx.loaders.customer.load(order.customerId))!;
  }

  @FieldResolver(() => [OrderItemType], { description: 'Lines in line order.' })
  items(@Root() order: Order, @Ctx() ctx: Context): Promise<OrderItem[]> {
    return ctx.loaders.orderItems.load(order.id);
  }

  @FieldResolver(() => Float, { description: 'Sum of the line amounts (negative for returns).' })
  async total(@Root() order: Order, @Ctx() ctx: Context): Promise<number> {
    const items = await ctx.loaders.orderItems.load(order.id);
    return moneyFromE4(items.reduce((sum, item) => sum + item.amountE4, 0));
  }
}

@Resolver(() => OrderItemType)
export class OrderItemResolver {
  @FieldResolver(() => ProductType, { nullable: true, description: 'Null for charge lines.' })
  product(@Root() item: OrderItem, @Ctx() ctx: Context): Promise<Product | null> | null {
    return item.productId === null ? null : ctx.loaders.product.load(item.productId);
  }

  @FieldResolver(() => Float)
  unitPrice(@Root() item: OrderItem): number {
    return moneyFromE4(item.unitPriceE4);
  }

  @FieldResolver(() => Float, { description: 'What the line is worth (negative for returns).' })
  amount(@Root() item: OrderItem): number {
    return moneyFromE4(item.amountE4);
  }
}

@Resolver(() => ReviewType)
export class ReviewResolver {
  @FieldResolver(() => ProductType)
  async product(@Root() review: Review, @Ctx() ctx: Context): Promise<Product> {
    return (await ctx.loaders.product.load(review.productId))!;
  }

  @FieldResolver(() => CustomerType)
  async customer(@Root() review: Review, @Ctx() ctx: Context): Promise<Customer> {
    return (await ctx.loaders.customer.load(review.customerId))!;
  }
}

@Resolver(() => CustomerFeaturesType)
export class CustomerFeaturesResolver {
  @FieldResolver(() => [CategoryShareType], { description: 'Share of gross spend per top category ("Other" for the rest), largest first.' })
  categoryShares(@Root() features: CustomerFeatures): CategoryShareType[] {
    return CategoryShareType.list(features.categoryShares);
  }

  @FieldResolver(() => TextProfileType, { description: 'Titles of products bought and review texts before asOf.' })
  textProfile(@Root() features: CustomerFeatures, @Ctx() ctx: Context): Promise<TextProfile> {
    return ctx.loaders.textProfile.load({ customerId: features.customerId, asOf: features.asOf });
  }
}

