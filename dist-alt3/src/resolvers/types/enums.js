"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SortDirection = exports.CustomerSortField = exports.OnErrorEnum = exports.OrderStatusEnum = void 0;
const type_graphql_1 = require("type-graphql");
var OrderStatusEnum;
(function (OrderStatusEnum) {
    OrderStatusEnum["PLACED"] = "placed";
    OrderStatusEnum["CANCELLED"] = "cancelled";
    OrderStatusEnum["RETURNED"] = "returned";
})(OrderStatusEnum || (exports.OrderStatusEnum = OrderStatusEnum = {}));
(0, type_graphql_1.registerEnumType)(OrderStatusEnum, {
    name: 'OrderStatus',
    description: 'PLACED: a purchase. CANCELLED: never fulfilled. RETURNED: a return; its lines are negative and reduce net spend.',
});
var OnErrorEnum;
(function (OnErrorEnum) {
    OnErrorEnum["ABORT"] = "abort";
    OnErrorEnum["SKIP"] = "skip";
})(OnErrorEnum || (exports.OnErrorEnum = OnErrorEnum = {}));
(0, type_graphql_1.registerEnumType)(OnErrorEnum, {
    name: 'OnError',
    description: 'ABORT: a batch with any bad row writes nothing. SKIP: good rows are written, bad ones reported.',
});
var CustomerSortField;
(function (CustomerSortField) {
    CustomerSortField["ID"] = "ID";
    CustomerSortField["EXTERNAL_ID"] = "EXTERNAL_ID";
    CustomerSortField["COUNTRY"] = "COUNTRY";
    CustomerSortField["SPEND"] = "SPEND";
    CustomerSortField["ORDERS"] = "ORDERS";
    CustomerSortField["LAST_ORDER_AT"] = "LAST_ORDER_AT";
    CustomerSortField["RECENCY"] = "RECENCY";
    CustomerSortField["CLV"] = "CLV";
    CustomerSortField["CHURN_PROBABILITY"] = "CHURN_PROBABILITY";
})(CustomerSortField || (exports.CustomerSortField = CustomerSortField = {}));
(0, type_graphql_1.registerEnumType)(CustomerSortField, {
    name: 'CustomerSortField',
    valuesConfig: {
        SPEND: { description: 'Net spend over all the data.' },
        ORDERS: { description: 'Number of purchases.' },
        LAST_ORDER_AT: { description: 'Date of the last purchase (customers who never bought come first ascending).' },
        RECENCY: { description: 'Days since the last purchase (the reverse of LAST_ORDER_AT).' },
        CLV: { description: "Predicted value over the horizon, by the version under the filter's predictionsAlias (default `value`); customers without a prediction sort below every value." },
        CHURN_PROBABILITY: { description: 'Predicted probability of no purchase in the horizon (same version); customers without a prediction sort above every probability.' },
    },
});
var SortDirection;
(function (SortDirection) {
    SortDirection["ASC"] = "ASC";
    SortDirection["DESC"] = "DESC";
})(SortDirection || (exports.SortDirection = SortDirection = {}));
(0, type_graphql_1.registerEnumType)(SortDirection, { name: 'SortDirection' });
//# sourceMappingURL=enums.js.map