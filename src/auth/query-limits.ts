import { DocumentNode, FragmentDefinitionNode, GraphQLError, GraphQLObjectType, GraphQLSchema, Kind, OperationDefinitionNode, SelectionSetNode, visit } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { Extensions } from 'type-graphql';
import { ErrorCode } from '../errors';

export interface QueryLimits {
  /** Deepest nesting of fields (the operation's top-level fields are depth 1). */
  maxDepth: number;
  /** Most cost: 1 per field, connections multiply their children by the page size. */
  maxComplexity: number;
}

/**
 * Marks a root field whose work is heavy (it queues a job, or computes over many customers): an operation may hold at
 * most one, so that aliases cannot multiply the work of one request (and one rate-limit token) by a thousand.
 */
export const Expensive = (): MethodDecorator & ClassDecorator & PropertyDecorator => Extensions({ expensive: true });

/** The operation's root fields marked `Expensive`, by response key (following fragments on the root type). */
export function expensiveRootFields(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): string[] {
  const root: GraphQLObjectType | null | undefined = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'query' ? schema.getQueryType() : schema.getSubscriptionType();
  if (!root) return [];
  const fields = root.getFields();
  const found: string[] = [];
  const walk = (set: SelectionSetNode, seen: Set<string>): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (fields[selection.name.value]?.extensions?.expensive === true) found.push(selection.alias?.value ?? selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet, new Set(seen).add(selection.name.value));
      }
    }
  };
  walk(operation.selectionSet, new Set());
  return found;
}

/** The nesting depth of an operation, following fragments (each fragment once per path, so cycles end). */
export function operationDepth(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): number {
  const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let deepest = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, seen) : 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set(seen).add(name)));
      }
    }
    return deepest;
  };
  return depthOf(operation.selectionSet, new Set());
}

/**
 * Refuses an operation that nests deeper than `maxDepth` (QUERY_TOO_DEEP), holds more than one `Expensive` root field
 * or costs more than `maxComplexity` (QUERY_TOO_COMPLEX). Runs after validation, before execution, for HTTP and
 * WebSocket alike.
 */
export function checkQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: QueryLimits,
): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return; // graphql-js reports the missing or ambiguous operation itself
  const depth = operationDepth(operation, fragments);
  if (depth > limits.maxDepth) {
    throw new GraphQLError(`query depth ${depth} exceeds the limit of ${limits.maxDepth}`, {
      extensions: { code: ErrorCode.QUERY_TOO_DEEP, depth, maxDepth: limits.maxDepth, http: { status: 400 } },
    });
  }
  const expensive = expensiveRootFields(schema, operation, fragments);
  if (expensive.length > 1) {
    throw new GraphQLError(`an operation may hold one expensive field (one job, evaluation or computation per request); this one holds ${expensive.length}: ${expensive.slice(0, 5).join(', ')}${expensive.length > 5 ? ', ...' : ''}`, {
      extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, expensiveFields: expensive.length, http: { status: 400 } },
    });
  }
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      operationName: operation.name?.value,
      variables: variables ?? {},
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (err) {
    // Bad variables and the like: execution reports them with their own codes.
    if (err instanceof GraphQLError) return;
    throw err;
  }
  if (complexity > limits.maxComplexity) {
    throw new GraphQLError(`query cost ${complexity} exceeds the limit of ${limits.maxComplexity}; ask for smaller pages or fewer nested lists`, {
      extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, complexity, maxComplexity: limits.maxComplexity, http: { status: 400 } },
    });
  }
}

/** Deepest nesting of lists and objects a request's variables may have: no argument here needs more. */
export const MAX_VARIABLE_DEPTH = 32;

/**
 * Refuses NUL characters in any string of the operation or its variables (BAD_USER_INPUT): PostgreSQL cannot store
 * them in text, and no field here has a use for them. Also refuses variables nested deeper than MAX_VARIABLE_DEPTH
 * (a JSON argument 10,000 lists deep would overflow the stack of whatever walks it).
 */
export function checkNoNulCharacters(document: DocumentNode, variables: Record<string, unknown> | null | undefined): void {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('\u0000')) found = true;
    },
  });
  let tooDeep = false;
  const scan = (value: unknown, depth: number): void => {
    if (found || tooDeep) return;
    if (depth > MAX_VARIABLE_DEPTH) {
      tooDeep = typeof value === 'object' && value !== null;
      if (tooDeep) return;
    }
    if (typeof value === 'string') found = value.includes('\u0000');
    else if (Array.isArray(value)) for (const v of value) scan(v, depth + 1);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) {
      scan(k, depth + 1);
      scan(v, depth + 1);
    }
  };
  scan(variables, 0);
  if (tooDeep) throw new GraphQLError(`variables may nest at most ${MAX_VARIABLE_DEPTH} lists or objects deep`, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
  if (found) throw new GraphQLError('strings may not contain NUL (\\u0000) characters', { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
}
