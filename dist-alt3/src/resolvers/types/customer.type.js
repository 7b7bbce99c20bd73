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
exports.CustomerInput = exports.CustomerOrder = exports.CustomerFilter = exports.CustomerFeaturesType = exports.TextProfileType = exports.CustomerConnection = exports.CustomerType = exports.CategoryShareType = void 0;
const type_graphql_1 = require("type-graphql");
const pii_middleware_1 = require("../../auth/pii.middleware");
const connection_type_1 = require("./connection.type");
const enums_1 = require("./enums");
const scalars_1 = require("./scalars");
const prediction_type_1 = require("./prediction.type");
let CategoryShareType = class CategoryShareType {
    category;
    share;
    /** A map keyed by category as a list, largest share first (ties by name). */
    static list(shares) {
        return Object.entries(shares ?? {})
            .map(([category, share]) => ({ category, share }))
            .sort((a, b) => b.share - a.share || a.category.localeCompare(b.category));
    }
};
exports.CategoryShareType = CategoryShareType;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], CategoryShareType.prototype, "category", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], CategoryShareType.prototype, "share", void 0);
exports.CategoryShareType = CategoryShareType = __decorate([
    (0, type_graphql_1.ObjectType)('CategoryShare', { description: 'A share of spend in one product category.' })
], CategoryShareType);
let CustomerType = class CustomerType {
    id;
    externalId;
    email;
    name;
    country;
    city;
    gender;
    birthYear;
    signupAt;
    attributes;
    groundTruthLabel;
    createdAt;
};
exports.CustomerType = CustomerType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], CustomerType.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'The id in the source system.' }),
    __metadata("design:type", String)
], CustomerType.prototype, "externalId", void 0);
__decorate([
    (0, type_graphql_1.UseMiddleware)(pii_middleware_1.MaskPii),
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], CustomerType.prototype, "email", void 0);
__decorate([
    (0, type_graphql_1.UseMiddleware)(pii_middleware_1.MaskPii),
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], CustomerType.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], CustomerType.prototype, "country", void 0);
__decorate([
    (0, type_graphql_1.UseMiddleware)(pii_middleware_1.MaskPii),
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], CustomerType.prototype, "city", void 0);
__decorate([
    (0, type_graphql_1.UseMiddleware)(pii_middleware_1.MaskPii),
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], CustomerType.prototype, "gender", void 0);
__decorate([
    (0, type_graphql_1.UseMiddleware)(pii_middleware_1.MaskPii),
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true }),
    __metadata("design:type", Object)
], CustomerType.prototype, "birthYear", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { nullable: true }),
    __metadata("design:type", Object)
], CustomerType.prototype, "signupAt", void 0);
__decorate([
    (0, type_graphql_1.UseMiddleware)(pii_middleware_1.MaskPii),
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { nullable: true, description: 'Free-form attributes from the source (JSON because they are whatever the source holds).' }),
    __metadata("design:type", Object)
], CustomerType.prototype, "attributes", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Known segment in synthetic data (the demo persona); null for real data.' }),
    __metadata("design:type", Object)
], CustomerType.prototype, "groundTruthLabel", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar),
    __metadata("design:type", Date)
], CustomerType.prototype, "createdAt", void 0);
exports.CustomerType = CustomerType = __decorate([
    (0, type_graphql_1.ObjectType)('Customer', { description: 'A shopper. email, name, city, gender, birthYear and attributes are personal data: null for viewer keys.' })
], CustomerType);
exports.CustomerConnection = (0, connection_type_1.ConnectionType)('Customer', CustomerType);
let TextProfileType = class TextProfileType {
    productTitles;
    reviewTexts;
};
exports.TextProfileType = TextProfileType;
__decorate([
    (0, type_graphql_1.Field)(() => [String], { description: 'Titles of the products bought, most bought first (at most 50).' }),
    __metadata("design:type", Array)
], TextProfileType.prototype, "productTitles", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [String], { description: 'Review texts, newest first (at most 50).' }),
    __metadata("design:type", Array)
], TextProfileType.prototype, "reviewTexts", void 0);
exports.TextProfileType = TextProfileType = __decorate([
    (0, type_graphql_1.ObjectType)('TextProfile', { description: 'What a customer bought and wrote, as text for text encoders.' })
], TextProfileType);
let CustomerFeaturesType = class CustomerFeaturesType {
    customerId;
    asOf;
    recencyDays;
    frequency;
    monetary;
    grossSpend;
    returnedSpend;
    tenureDays;
    averageOrderValue;
    returnRate;
    distinctProducts;
    categoryShares;
    country;
    firstPurchaseAt;
    lastPurchaseAt;
};
exports.CustomerFeaturesType = CustomerFeaturesType;
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar),
    __metadata("design:type", Date)
], CustomerFeaturesType.prototype, "asOf", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Days since the last purchase; null if the customer never bought.' }),
    __metadata("design:type", Object)
], CustomerFeaturesType.prototype, "recencyDays", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Number of purchases (placed orders).' }),
    __metadata("design:type", Number)
], CustomerFeaturesType.prototype, "frequency", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Net spend: purchases minus returns.' }),
    __metadata("design:type", Number)
], CustomerFeaturesType.prototype, "monetary", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], CustomerFeaturesType.prototype, "grossSpend", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], CustomerFeaturesType.prototype, "returnedSpend", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Days since the first purchase or signup, whichever came first.' }),
    __metadata("design:type", Object)
], CustomerFeaturesType.prototype, "tenureDays", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], CustomerFeaturesType.prototype, "averageOrderValue", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Returned value / purchased value.' }),
    __metadata("design:type", Number)
], CustomerFeaturesType.prototype, "returnRate", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], CustomerFeaturesType.prototype, "distinctProducts", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [CategoryShareType], { description: 'Share of gross spend per top category ("Other" for the rest), largest first.' }),
    __metadata("design:type", Array)
], CustomerFeaturesType.prototype, "categoryShares", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], CustomerFeaturesType.prototype, "country", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { nullable: true }),
    __metadata("design:type", Object)
], CustomerFeaturesType.prototype, "firstPurchaseAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { nullable: true }),
    __metadata("design:type", Object)
], CustomerFeaturesType.prototype, "lastPurchaseAt", void 0);
exports.CustomerFeaturesType = CustomerFeaturesType = __decorate([
    (0, type_graphql_1.ObjectType)('CustomerFeatures', { description: 'Features as of a date; only orders before asOf count. Money is net of returns; charges are not spend.' })
], CustomerFeaturesType);
let CustomerFilter = class CustomerFilter {
    country;
    countries;
    city;
    gender;
    externalIds;
    signedUpAfter;
    signedUpBefore;
    segmentId;
    minSpend;
    maxSpend;
    lastOrderAfter;
    lastOrderBefore;
    minRecencyDays;
    maxRecencyDays;
    minClv;
    maxChurnProbability;
    valueTier;
    predictionsAlias;
};
exports.CustomerFilter = CustomerFilter;
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "country", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [String], { nullable: true, description: 'Any of these countries (at most 100).' }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "countries", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "city", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "gender", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [String], { nullable: true, description: 'Source-system ids (at most 100).' }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "externalIds", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { nullable: true }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "signedUpAfter", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { nullable: true }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "signedUpBefore", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'Customers assigned to this segment (see `segments`).' }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "segmentId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Net spend (purchases minus returns) at least this.' }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "minSpend", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "maxSpend", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { nullable: true, description: 'Last purchase at or after this.' }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "lastOrderAfter", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { nullable: true, description: 'Last purchase at or before this.' }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "lastOrderBefore", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: "Days since the last purchase, counted from the data's latest order, at least this." }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "minRecencyDays", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "maxRecencyDays", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Predicted value over the horizon at least this (customers with a prediction only).' }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "minClv", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Predicted probability of no purchase in the horizon at most this.' }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "maxChurnProbability", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => prediction_type_1.ValueTierEnum, { nullable: true }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "valueTier", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Whose predictions minClv, maxChurnProbability, valueTier and the CLV / CHURN_PROBABILITY sorts read: the version under this alias (default `value`).' }),
    __metadata("design:type", Object)
], CustomerFilter.prototype, "predictionsAlias", void 0);
exports.CustomerFilter = CustomerFilter = __decorate([
    (0, type_graphql_1.InputType)()
], CustomerFilter);
let CustomerOrder = class CustomerOrder {
    field;
    direction;
};
exports.CustomerOrder = CustomerOrder;
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.CustomerSortField),
    __metadata("design:type", String)
], CustomerOrder.prototype, "field", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => enums_1.SortDirection, { defaultValue: enums_1.SortDirection.ASC }),
    __metadata("design:type", String)
], CustomerOrder.prototype, "direction", void 0);
exports.CustomerOrder = CustomerOrder = __decorate([
    (0, type_graphql_1.InputType)()
], CustomerOrder);
let CustomerInput = class CustomerInput {
    externalId;
    email;
    name;
    country;
    city;
    gender;
    birthYear;
    signupAt;
    attributes;
    groundTruthLabel;
};
exports.CustomerInput = CustomerInput;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], CustomerInput.prototype, "externalId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], CustomerInput.prototype, "email", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], CustomerInput.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], CustomerInput.prototype, "country", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], CustomerInput.prototype, "city", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], CustomerInput.prototype, "gender", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true }),
    __metadata("design:type", Object)
], CustomerInput.prototype, "birthYear", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { nullable: true }),
    __metadata("design:type", Object)
], CustomerInput.prototype, "signupAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { nullable: true }),
    __metadata("design:type", Object)
], CustomerInput.prototype, "attributes", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], CustomerInput.prototype, "groundTruthLabel", void 0);
exports.CustomerInput = CustomerInput = __decorate([
    (0, type_graphql_1.InputType)({ description: 'A customer to create or update, matched by externalId. Absent or null fields keep their stored value.' })
], CustomerInput);
//# sourceMappingURL=customer.type.js.map