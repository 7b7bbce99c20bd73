import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/** Declares `<Name>Edge` and `<Name>Connection` for a node type (Relay cursor connections). */
export function ConnectionType<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'All items matching the filter, on every page.' })
    totalCount: number;
  }
  return Connection;
}

/** Relay paging arguments: exactly one of `first` (with `after`) and `last` (with `before`), 1..100. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Page forward: up to this many items (1..100) after `after`.' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page backward: up to this many items (1..100) before `before`.' })
  last?: number | null;

  @Field(() => String, { nullable: true })
  before?: string | null;
}

/**
 * Query cost of a connection field: its own 1 plus its children's cost once per requested item, so that a page of 100
 * customers each with 100 orders costs what it would cost to fetch.
 */
export const connectionComplexity = ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }): number => {
  const size = Number(args.first ?? args.last ?? 1);
  return 1 + childComplexity * (Number.isFinite(size) && size > 0 ? Math.min(size, 100) : 1);
};
