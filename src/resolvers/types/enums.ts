import { registerEnumType } from 'type-graphql';

export enum OrderStatusEnum {
  PLACED = 'placed',
  CANCELLED = 'cancelled',
  RETURNED = 'returned',
}
registerEnumType(OrderStatusEnum, {
  name: 'OrderStatus',
  description: 'PLACED: a purchase. CANCELLED: never fulfilled. RETURNED: a return; its lines are negative and reduce net spend.',
});

export enum OnErrorEnum {
  ABORT = 'abort',
  SKIP = 'skip',
}
registerEnumType(OnErrorEnum, {
  name: 'OnError',
  description: 'ABORT: a batch with any bad row writes nothing. SKIP: good rows are written, bad ones reported.',
});

export enum CustomerSortField {
  ID = 'ID',
  EXTERNAL_ID = 'EXTERNAL_ID',
  COUNTRY = 'COUNTRY',
  SPEND = 'SPEND',
  ORDERS = 'ORDERS',
  LAST_ORDER_AT = 'LAST_ORDER_AT',
  RECENCY = 'RECENCY',
  CLV = 'CLV',
  CHURN_PROBABILITY = 'CHURN_PROBABILITY',
}
registerEnumType(CustomerSortField, {
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

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });
