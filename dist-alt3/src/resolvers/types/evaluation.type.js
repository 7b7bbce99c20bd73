"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.FairnessReportType = exports.FairnessDeviationType = exports.FairnessAttributeType = exports.FairnessSegmentType = exports.FairnessShareType = exports.ValueShareType = exports.SegmentMigrationType = exports.MigrationSideType = exports.MigrationSegmentType = exports.BestByMetricType = void 0;
const type_graphql_1 = require("type-graphql");
const evaluation_service_1 = require("../../services/evaluation.service");
/** Typed outputs of the evaluation service: best version per metric, segment migration and the fairness report. */
let BestByMetricType = class BestByMetricType {
    futureSpendR2;
    futureLogSpendR2;
    churnAuc;
    spendLift;
    hitRateAt10;
    hitRateAt10All;
    futureSpendR2Adjusted;
    futureLogSpendR2Adjusted;
    stabilityAri;
    reclusteringAri;
    smallestShare;
    sizeEntropyNormalised;
    silhouette;
    daviesBouldin;
    calinskiHarabasz;
    rfmSilhouette;
    rfmDaviesBouldin;
    rfmCalinskiHarabasz;
    groundTruthAri;
    groundTruthNmi;
    /** Every metric of METRIC_NAMES, null where the service has no best version. */
    static from(best) {
        return Object.fromEntries(evaluation_service_1.METRIC_NAMES.map((metric) => [metric, best[metric] ?? null]));
    }
};
exports.BestByMetricType = BestByMetricType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "futureSpendR2", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "futureLogSpendR2", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "churnAuc", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "spendLift", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "hitRateAt10", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "hitRateAt10All", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "futureSpendR2Adjusted", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "futureLogSpendR2Adjusted", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "stabilityAri", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "reclusteringAri", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "smallestShare", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "sizeEntropyNormalised", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "silhouette", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'Lower is better.' }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "daviesBouldin", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "calinskiHarabasz", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "rfmSilhouette", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'Lower is better.' }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "rfmDaviesBouldin", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "rfmCalinskiHarabasz", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "groundTruthAri", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], BestByMetricType.prototype, "groundTruthNmi", void 0);
exports.BestByMetricType = BestByMetricType = __decorate([
    (0, type_graphql_1.ObjectType)('BestByMetric', { description: 'Per metric, the id of the version best on it (lower is better for daviesBouldin, higher otherwise); null where no version has a value.' })
], BestByMetricType);
let MigrationSegmentType = class MigrationSegmentType {
    id;
    index;
    name;
    size;
};
exports.MigrationSegmentType = MigrationSegmentType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], MigrationSegmentType.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], MigrationSegmentType.prototype, "index", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], MigrationSegmentType.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], MigrationSegmentType.prototype, "size", void 0);
exports.MigrationSegmentType = MigrationSegmentType = __decorate([
    (0, type_graphql_1.ObjectType)('MigrationSegment', { description: 'A segment on one side of a migration.' })
], MigrationSegmentType);
let MigrationSideType = class MigrationSideType {
    versionId;
    segments;
};
exports.MigrationSideType = MigrationSideType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], MigrationSideType.prototype, "versionId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [MigrationSegmentType], { description: 'By index: row (from) or column (to) order of the matrix.' }),
    __metadata("design:type", Array)
], MigrationSideType.prototype, "segments", void 0);
exports.MigrationSideType = MigrationSideType = __decorate([
    (0, type_graphql_1.ObjectType)('MigrationSide', { description: 'One version of a migration and its segments, by index.' })
], MigrationSideType);
let SegmentMigrationType = class SegmentMigrationType {
    from;
    to;
    matrix;
    customersInBoth;
};
exports.SegmentMigrationType = SegmentMigrationType;
__decorate([
    (0, type_graphql_1.Field)(() => MigrationSideType),
    __metadata("design:type", MigrationSideType)
], SegmentMigrationType.prototype, "from", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => MigrationSideType),
    __metadata("design:type", MigrationSideType)
], SegmentMigrationType.prototype, "to", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [[type_graphql_1.Int]], { description: "matrix[i][j]: customers in the from version's segment i and the to version's segment j." }),
    __metadata("design:type", Array)
], SegmentMigrationType.prototype, "matrix", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Customers assigned in both versions (the sum of the matrix).' }),
    __metadata("design:type", Number)
], SegmentMigrationType.prototype, "customersInBoth", void 0);
exports.SegmentMigrationType = SegmentMigrationType = __decorate([
    (0, type_graphql_1.ObjectType)('SegmentMigration', { description: 'How many customers moved from each segment of one version to each segment of another.' })
], SegmentMigrationType);
let ValueShareType = class ValueShareType {
    value;
    share;
};
exports.ValueShareType = ValueShareType;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ValueShareType.prototype, "value", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], ValueShareType.prototype, "share", void 0);
exports.ValueShareType = ValueShareType = __decorate([
    (0, type_graphql_1.ObjectType)('ValueShare', { description: 'The share of customers with one value of a protected attribute.' })
], ValueShareType);
let FairnessShareType = class FairnessShareType {
    value;
    share;
    deviation;
};
exports.FairnessShareType = FairnessShareType;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], FairnessShareType.prototype, "value", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], FairnessShareType.prototype, "share", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Segment share - population share.' }),
    __metadata("design:type", Number)
], FairnessShareType.prototype, "deviation", void 0);
exports.FairnessShareType = FairnessShareType = __decorate([
    (0, type_graphql_1.ObjectType)('FairnessShare', { description: "A segment's share of one value of a protected attribute, and its deviation from the population's share." })
], FairnessShareType);
let FairnessSegmentType = class FairnessSegmentType {
    segmentId;
    name;
    size;
    shares;
};
exports.FairnessSegmentType = FairnessSegmentType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], FairnessSegmentType.prototype, "segmentId", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], FairnessSegmentType.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Its assigned customers.' }),
    __metadata("design:type", Number)
], FairnessSegmentType.prototype, "size", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [FairnessShareType], { description: 'One per value of the attribute, in the order of the population.' }),
    __metadata("design:type", Array)
], FairnessSegmentType.prototype, "shares", void 0);
exports.FairnessSegmentType = FairnessSegmentType = __decorate([
    (0, type_graphql_1.ObjectType)('FairnessSegment')
], FairnessSegmentType);
let FairnessAttributeType = class FairnessAttributeType {
    attribute;
    population;
    segments;
};
exports.FairnessAttributeType = FairnessAttributeType;
__decorate([
    (0, type_graphql_1.Field)({ description: 'gender or ageBand.' }),
    __metadata("design:type", String)
], FairnessAttributeType.prototype, "attribute", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [ValueShareType], { description: 'Shares of the version\'s assigned customers, by value (sorted; "unknown" where missing).' }),
    __metadata("design:type", Array)
], FairnessAttributeType.prototype, "population", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [FairnessSegmentType]),
    __metadata("design:type", Array)
], FairnessAttributeType.prototype, "segments", void 0);
exports.FairnessAttributeType = FairnessAttributeType = __decorate([
    (0, type_graphql_1.ObjectType)('FairnessAttribute', { description: 'One protected attribute: the population and each segment by its values.' })
], FairnessAttributeType);
let FairnessDeviationType = class FairnessDeviationType {
    attribute;
    value;
    segmentId;
    segment;
    deviation;
    segmentShare;
    populationShare;
};
exports.FairnessDeviationType = FairnessDeviationType;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], FairnessDeviationType.prototype, "attribute", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], FairnessDeviationType.prototype, "value", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], FairnessDeviationType.prototype, "segmentId", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: "The segment's name." }),
    __metadata("design:type", String)
], FairnessDeviationType.prototype, "segment", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'segmentShare - populationShare.' }),
    __metadata("design:type", Number)
], FairnessDeviationType.prototype, "deviation", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], FairnessDeviationType.prototype, "segmentShare", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], FairnessDeviationType.prototype, "populationShare", void 0);
exports.FairnessDeviationType = FairnessDeviationType = __decorate([
    (0, type_graphql_1.ObjectType)('FairnessDeviation', { description: 'The largest absolute deviation of a segment share from the population share.' })
], FairnessDeviationType);
let FairnessReportType = class FairnessReportType {
    versionId;
    protectedAttributes;
    attributes;
    largestDeviation;
    /** The service's report, its maps keyed by attribute and value turned into lists. */
    static from(report) {
        const list = (shares) => Object.entries(shares).map(([value, share]) => ({ value, share }));
        return {
            versionId: report.versionId,
            protectedAttributes: report.protectedAttributes,
            attributes: Object.entries(report.attributes).map(([attribute, a]) => ({
                attribute,
                population: list(a.population),
                segments: a.segments.map((s) => ({
                    segmentId: s.segmentId,
                    name: s.name,
                    size: s.size,
                    shares: Object.keys(a.population).map((value) => ({ value, share: s.shares[value] ?? 0, deviation: s.deviations[value] ?? 0 })),
                })),
            })),
            largestDeviation: report.largestDeviation,
        };
    }
};
exports.FairnessReportType = FairnessReportType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], FairnessReportType.prototype, "versionId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [String]),
    __metadata("design:type", Array)
], FairnessReportType.prototype, "protectedAttributes", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [FairnessAttributeType], { description: 'One per protected attribute, in the order of protectedAttributes.' }),
    __metadata("design:type", Array)
], FairnessReportType.prototype, "attributes", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => FairnessDeviationType, { nullable: true, description: 'Null when the version has no assigned customers.' }),
    __metadata("design:type", Object)
], FairnessReportType.prototype, "largestDeviation", void 0);
exports.FairnessReportType = FairnessReportType = __decorate([
    (0, type_graphql_1.ObjectType)('FairnessReport', { description: "Each segment's composition by protected attributes (gender, age band) against the population, largest deviation flagged." })
], FairnessReportType);
//# sourceMappingURL=evaluation.type.js.map