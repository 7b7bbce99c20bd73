import { Brackets, DataSource, In, Repository } from 'typeorm';
import { Product } from '../entities';
import { inIdOrder } from './batching';
import { ConnectionShape, PageArgs, decodeCursor, encodeCursor, fetchDirection, keysetOperator, pageWindow, toConnection } from './pagination';

export interface ProductFilter {
  category?: string | null;
  /** Case-insensitive substring of the title. */
  titleContains?: string | null;
}

export class ProductService {
  private readonly repo: Repository<Product>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(Product);
  }

  /** A page of products by id. */
  async list(filter: ProductFilter = {}, page: PageArgs): Promise<ConnectionShape<Product>> {
    const window = pageWindow(page);
    const direction = fetchDirection('ASC', window);
    const build = () => {
      const qb = this.repo.createQueryBuilder('p');
      if (filter.category) qb.andWhere('p.category = :category', { category: filter.category });
      if (filter.titleContains) qb.andWhere('LOWER(p.title) LIKE :title', { title: `%${filter.titleContains.toLowerCase().replace(/[%_\\]/g, '')}%` });
      return qb;
    };
    const qb = build();
    if (window.cursor) {
      const [id] = decodeCursor(window.cursor, ['number']);
      qb.andWhere(new Brackets((w) => w.where(`p.id ${keysetOperator(direction)} :cursor`, { cursor: id })));
    }
    const rows = await qb.orderBy('p.id', direction).take(window.limit + 1).getMany();
    return toConnection(rows, window, (p) => encodeCursor([p.id]), () => build().getCount());
  }

  findById(id: number): Promise<Product | null> {
    return this.repo.findOneBy({ id });
  }

  async findByIds(ids: readonly number[]): Promise<Array<Product | null>> {
    return inIdOrder(ids, await this.repo.findBy({ id: In([...ids]) }));
  }
}
