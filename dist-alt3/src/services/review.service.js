"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReviewService = void 0;
const child_pages_1 = require("./child-pages");
const REVIEW_PAGE = {
    table: 'reviews',
    parentColumn: 'customer_id',
    timeColumn: 'reviewed_at',
    columns: {
        id: 'id',
        external_id: 'externalId',
        customer_id: 'customerId',
        product_id: 'productId',
        rating: 'rating',
        text: 'text',
        reviewed_at: 'reviewedAt',
    },
};
class ReviewService {
    dataSource;
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    /** Reviews of many customers, newest first, one page each, in one query. */
    pagesForCustomers(customerIds, page) {
        return (0, child_pages_1.childConnections)(this.dataSource, REVIEW_PAGE, customerIds, page);
    }
}
exports.ReviewService = ReviewService;
//# sourceMappingURL=review.service.js.map