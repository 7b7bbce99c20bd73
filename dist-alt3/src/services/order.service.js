"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OrderService = void 0;
const typeorm_1 = require("typeorm");
const entities_1 = require("../entities");
const batching_1 = require("./batching");
const child_pages_1 = require("./child-pages");
const ORDER_PAGE = {
    table: 'orders',
    parentColumn: 'customer_id',
    timeColumn: 'placed_at',
    columns: { id: 'id', external_id: 'externalId', customer_id: 'customerId', placed_at: 'placedAt', status: 'status' },
};
class OrderService {
    dataSource;
    orders;
    items;
    constructor(dataSource) {
        this.dataSource = dataSource;
        this.orders = dataSource.getRepository(entities_1.Order);
        this.items = dataSource.getRepository(entities_1.OrderItem);
    }
    /**
     * Orders of many customers, newest first, one page each (same `first`/`after` for all): one query for the
     * page, and the count query only for connections whose `totalCount` is read.
     */
    pagesForCustomers(customerIds, page) {
        return (0, child_pages_1.childConnections)(this.dataSource, ORDER_PAGE, customerIds, page);
    }
    findById(id) {
        return this.orders.findOneBy({ id });
    }
    /** Items of many orders in one query, by line number. */
    async itemsForOrders(orderIds) {
        const rows = await this.items.find({ where: { orderId: (0, typeorm_1.In)([...orderIds]) }, order: { orderId: 'ASC', lineNo: 'ASC' } });
        return (0, batching_1.groupedByKey)(orderIds, rows, (item) => item.orderId);
    }
}
exports.OrderService = OrderService;
//# sourceMappingURL=order.service.js.map