"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createLoaders = createLoaders;
const graphql_1 = require("graphql");
const errors_1 = require("../errors");
const dataloader_1 = __importDefault(require("dataloader"));
function pushTo(groups, key, index) {
    const group = groups.get(key);
    if (group)
        group.push(index);
    else
        groups.set(key, [index]);
}
/**
 * Per-customer rows of a version, the version each key names (`scopeOf`: a version id, or an alias resolved once a
 * batch; null while it points nowhere): one `load` per version, answers in key order.
 */
function perCustomerOf(scopeOf, versionOf, load, 
/** What a key whose scope points nowhere answers: null by default, or an error saying why. */
missing) {
    return new dataloader_1.default(async (keys) => {
        const results = new Array(keys.length).fill(null);
        const byScope = new Map();
        keys.forEach((key, i) => pushTo(byScope, scopeOf(key), i));
        for (const [scope, indexes] of byScope) {
            const versionId = await versionOf(scope);
            if (versionId === null) {
                if (missing)
                    for (const i of indexes)
                        results[i] = missing(scope);
                continue;
            }
            const found = await load(versionId, indexes.map((i) => keys[i].customerId));
            indexes.forEach((keyIndex, j) => (results[keyIndex] = found[j]));
        }
        return results;
    }, { cacheKeyFn: (key) => `${key.customerId}@${scopeOf(key)}` });
}
/** Groups keys by everything but the parent id, runs one batch per group, and answers in key order. */
function groupedChildPages(load) {
    return new dataloader_1.default(async (keys) => {
        const groups = new Map();
        keys.forEach((key, i) => pushTo(groups, pageKey(key), i));
        const results = new Array(keys.length);
        for (const indexes of groups.values()) {
            const { first, after, last, before } = keys[indexes[0]];
            const pages = await load(indexes.map((i) => keys[i].parentId), { first, after, last, before });
            indexes.forEach((keyIndex, j) => (results[keyIndex] = pages[j]));
        }
        return results;
    }, { cacheKeyFn: (key) => `${key.parentId}:${pageKey(key)}` });
}
function pageKey(page) {
    return JSON.stringify([page.first ?? null, page.after ?? null, page.last ?? null, page.before ?? null]);
}
function createLoaders(services) {
    let defaultAsOf = null;
    const getDefaultAsOf = () => (defaultAsOf ??= services.features.defaultAsOf());
    return {
        customer: new dataloader_1.default((ids) => services.customers.findByIds(ids)),
        product: new dataloader_1.default((ids) => services.products.findByIds(ids)),
        orderItems: new dataloader_1.default((ids) => services.orders.itemsForOrders(ids)),
        customerOrders: groupedChildPages((ids, page) => services.orders.pagesForCustomers(ids, page)),
        customerReviews: groupedChildPages((ids, page) => services.reviews.pagesForCustomers(ids, page)),
        modelRuns: groupedChildPages((ids, page) => services.training.runPagesForModels(ids, page)),
        features: new dataloader_1.default(async (keys) => {
            const results = new Array(keys.length).fill(null);
            const byAsOf = new Map();
            const fallback = keys.some((k) => !k.asOf) ? await getDefaultAsOf() : null;
            keys.forEach((key, i) => pushTo(byAsOf, (key.asOf ?? fallback).getTime(), i));
            for (const [at, indexes] of byAsOf) {
                const features = await services.features.compute(indexes.map((i) => keys[i].customerId), new Date(at));
                const byCustomer = new Map(features.map((f) => [f.customerId, f]));
                for (const i of indexes)
                    results[i] = byCustomer.get(keys[i].customerId) ?? null;
            }
            return results;
        }, { cacheKeyFn: (key) => `${key.customerId}@${key.asOf?.getTime() ?? 'default'}` }),
        textProfile: new dataloader_1.default(async (keys) => {
            const results = new Array(keys.length);
            const byAsOf = new Map();
            keys.forEach((key, i) => pushTo(byAsOf, key.asOf.getTime(), i));
            for (const [at, indexes] of byAsOf) {
                const profiles = await services.features.textProfiles(indexes.map((i) => keys[i].customerId), new Date(at));
                indexes.forEach((keyIndex, j) => (results[keyIndex] = profiles[j]));
            }
            return results;
        }, { cacheKeyFn: (key) => `${key.customerId}@${key.asOf.getTime()}` }),
        defaultAsOf: getDefaultAsOf,
        model: new dataloader_1.default((ids) => services.training.findModels(ids)),
        version: new dataloader_1.default((ids) => services.training.findVersions(ids)),
        run: new dataloader_1.default((ids) => services.training.findRuns(ids)),
        segment: new dataloader_1.default((ids) => services.training.findSegments(ids)),
        modelVersions: groupedChildPages((ids, page) => services.training.versionPagesForModels(ids, page)),
        segmentsOfVersion: new dataloader_1.default((ids) => services.training.segmentsOf(ids)),
        aliasesOfVersion: new dataloader_1.default((ids) => services.training.aliasesOf(ids)),
        // An alias that points nowhere is an error that says so, not a silent null (as segmentStats answers).
        customerSegment: perCustomerOf((key) => key.alias, (alias) => services.training.versionIdOfAlias(alias), (versionId, ids) => services.training.assignmentsOf(versionId, ids), (alias) => new graphql_1.GraphQLError(`alias ${JSON.stringify(alias)} points at no model version yet: train a version and point the alias at it (setModelAlias), or ask for another alias`, {
            extensions: { code: errors_1.ErrorCode.NOT_FOUND, alias },
        })),
        versionPrediction: perCustomerOf((key) => key.versionId, async (versionId) => versionId, (versionId, ids) => services.predictions.predictionsOf(versionId, ids)),
        customerPrediction: perCustomerOf((key) => key.alias, (alias) => services.training.versionIdOfAlias(alias), (versionId, ids) => services.predictions.predictionsOf(versionId, ids)),
    };
}
//# sourceMappingURL=loaders.js.map