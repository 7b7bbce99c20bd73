"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ProductService = void 0;
const typeorm_1 = require("typeorm");
const entities_1 = require("../entities");
const batching_1 = require("./batching");
const pagination_1 = require("./pagination");
class ProductService {
    repo;
    constructor(dataSource) {
        this.repo = dataSource.getRepository(entities_1.Product);
    }
    /** A page of products by id. */
    async list(filter = {}, page) {
        const window = (0, pagination_1.pageWindow)(page);
        const direction = (0, pagination_1.fetchDirection)('ASC', window);
        const build = () => {
            const qb = this.repo.createQueryBuilder('p');
            if (filter.category)
                qb.andWhere('p.category = :category', { category: filter.category });
            if (filter.titleContains)
                qb.andWhere('LOWER(p.title) LIKE :title', { title: `%${filter.titleContains.toLowerCase().replace(/[%_\\]/g, '')}%` });
            return qb;
        };
        const qb = build();
        if (window.cursor) {
            const [id] = (0, pagination_1.decodeCursor)(window.cursor, ['number']);
            qb.andWhere(new typeorm_1.Brackets((w) => w.where(`p.id ${(0, pagination_1.keysetOperator)(direction)} :cursor`, { cursor: id })));
        }
        const rows = await qb.orderBy('p.id', direction).take(window.limit + 1).getMany();
        return (0, pagination_1.toConnection)(rows, window, (p) => (0, pagination_1.encodeCursor)([p.id]), () => build().getCount());
    }
    findById(id) {
        return this.repo.findOneBy({ id });
    }
    async findByIds(ids) {
        return (0, batching_1.inIdOrder)(ids, await this.repo.findBy({ id: (0, typeorm_1.In)([...ids]) }));
    }
}
exports.ProductService = ProductService;
//# sourceMappingURL=product.service.js.map