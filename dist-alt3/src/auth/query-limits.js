"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_VARIABLE_DEPTH = exports.Expensive = void 0;
exports.expensiveRootFields = expensiveRootFields;
exports.operationDepth = operationDepth;
exports.checkQueryLimits = checkQueryLimits;
exports.checkNoNulCharacters = checkNoNulCharacters;
const graphql_1 = require("graphql");
const graphql_query_complexity_1 = require("graphql-query-complexity");
const type_graphql_1 = require("type-graphql");
const errors_1 = require("../errors");
/**
 * Marks a root field whose work is heavy (it queues a job, or computes over many customers): an operation may hold at
 * most one, so that aliases cannot multiply the work of one request (and one rate-limit token) by a thousand.
 */
const Expensive = () => (0, type_graphql_1.Extensions)({ expensive: true });
exports.Expensive = Expensive;
/** The operation's root fields marked `Expensive`, by response key (following fragments on the root type). */
function expensiveRootFields(schema, operation, fragments) {
    const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'query' ? schema.getQueryType() : schema.getSubscriptionType();
    if (!root)
        return [];
    const fields = root.getFields();
    const found = [];
    const walk = (set, seen) => {
        for (const selection of set.selections) {
            if (selection.kind === graphql_1.Kind.FIELD) {
                if (fields[selection.name.value]?.extensions?.expensive === true)
                    found.push(selection.alias?.value ?? selection.name.value);
            }
            else if (selection.kind === graphql_1.Kind.INLINE_FRAGMENT) {
                walk(selection.selectionSet, seen);
            }
            else if (!seen.has(selection.name.value)) {
                const fragment = fragments.get(selection.name.value);
                if (fragment)
                    walk(fragment.selectionSet, new Set(seen).add(selection.name.value));
            }
        }
    };
    walk(operation.selectionSet, new Set());
    return found;
}
/** The nesting depth of an operation, following fragments (each fragment once per path, so cycles end). */
function operationDepth(operation, fragments) {
    const depthOf = (set, seen) => {
        if (!set)
            return 0;
        let deepest = 0;
        for (const selection of set.selections) {
            if (selection.kind === graphql_1.Kind.FIELD) {
                deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, seen) : 1);
            }
            else if (selection.kind === graphql_1.Kind.INLINE_FRAGMENT) {
                deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
            }
            else {
                const name = selection.name.value;
                const fragment = fragments.get(name);
                if (!fragment || seen.has(name))
                    continue;
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
function checkQueryLimits(schema, document, operationName, variables, limits) {
    const fragments = new Map();
    const operations = [];
    for (const definition of document.definitions) {
        if (definition.kind === graphql_1.Kind.FRAGMENT_DEFINITION)
            fragments.set(definition.name.value, definition);
        else if (definition.kind === graphql_1.Kind.OPERATION_DEFINITION)
            operations.push(definition);
    }
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
    if (!operation)
        return; // graphql-js reports the missing or ambiguous operation itself
    const depth = operationDepth(operation, fragments);
    if (depth > limits.maxDepth) {
        throw new graphql_1.GraphQLError(`query depth ${depth} exceeds the limit of ${limits.maxDepth}`, {
            extensions: { code: errors_1.ErrorCode.QUERY_TOO_DEEP, depth, maxDepth: limits.maxDepth, http: { status: 400 } },
        });
    }
    const expensive = expensiveRootFields(schema, operation, fragments);
    if (expensive.length > 1) {
        throw new graphql_1.GraphQLError(`an operation may hold one expensive field (one job, evaluation or computation per request); this one holds ${expensive.length}: ${expensive.slice(0, 5).join(', ')}${expensive.length > 5 ? ', ...' : ''}`, {
            extensions: { code: errors_1.ErrorCode.QUERY_TOO_COMPLEX, expensiveFields: expensive.length, http: { status: 400 } },
        });
    }
    let complexity;
    try {
        complexity = (0, graphql_query_complexity_1.getComplexity)({
            schema,
            query: document,
            operationName: operation.name?.value,
            variables: variables ?? {},
            estimators: [(0, graphql_query_complexity_1.fieldExtensionsEstimator)(), (0, graphql_query_complexity_1.simpleEstimator)({ defaultComplexity: 1 })],
        });
    }
    catch (err) {
        // Bad variables and the like: execution reports them with their own codes.
        if (err instanceof graphql_1.GraphQLError)
            return;
        throw err;
    }
    if (complexity > limits.maxComplexity) {
        throw new graphql_1.GraphQLError(`query cost ${complexity} exceeds the limit of ${limits.maxComplexity}; ask for smaller pages or fewer nested lists`, {
            extensions: { code: errors_1.ErrorCode.QUERY_TOO_COMPLEX, complexity, maxComplexity: limits.maxComplexity, http: { status: 400 } },
        });
    }
}
/** Deepest nesting of lists and objects a request's variables may have: no argument here needs more. */
exports.MAX_VARIABLE_DEPTH = 32;
/**
 * Refuses NUL characters in any string of the operation or its variables (BAD_USER_INPUT): PostgreSQL cannot store
 * them in text, and no field here has a use for them. Also refuses variables nested deeper than MAX_VARIABLE_DEPTH
 * (a JSON argument 10,000 lists deep would overflow the stack of whatever walks it).
 */
function checkNoNulCharacters(document, variables) {
    let found = false;
    (0, graphql_1.visit)(document, {
        StringValue(node) {
            if (node.value.includes('\u0000'))
                found = true;
        },
    });
    let tooDeep = false;
    const scan = (value, depth) => {
        if (found || tooDeep)
            return;
        if (depth > exports.MAX_VARIABLE_DEPTH) {
            tooDeep = typeof value === 'object' && value !== null;
            if (tooDeep)
                return;
        }
        if (typeof value === 'string')
            found = value.includes('\u0000');
        else if (Array.isArray(value))
            for (const v of value)
                scan(v, depth + 1);
        else if (value && typeof value === 'object')
            for (const [k, v] of Object.entries(value)) {
                scan(k, depth + 1);
                scan(v, depth + 1);
            }
    };
    scan(variables, 0);
    if (tooDeep)
        throw new graphql_1.GraphQLError(`variables may nest at most ${exports.MAX_VARIABLE_DEPTH} lists or objects deep`, { extensions: { code: errors_1.ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
    if (found)
        throw new graphql_1.GraphQLError('strings may not contain NUL (\\u0000) characters', { extensions: { code: errors_1.ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
}
//# sourceMappingURL=query-limits.js.map