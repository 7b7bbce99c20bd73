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
}
registerEnumType(CustomerSortField, { name: 'CustomerSortField' });

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });
