import { Brackets, DataSource, In, Repository, SelectQueryBuilder } from 'typeorm';
import { Dialect } from '../db/dialect';
import { Customer } from '../entities';
import { inIdOrder } from './batching';
import { ConnectionShape, PageArgs, checkFirst, decodeCursor, encodeCursor, toConnection } from './pagination';

export interface CustomerFilter {
  country?: string | null;
  countries?: string[] | null;
  city?: string | null;
  gender?: string | null;
  externalIds?: string[] | null;
  signedUpAfter?: Date | null;
  signedUpBefore?: Date | null;
}

export type CustomerSortField = 'ID' | 'EXTERNAL_ID';
export interface CustomerOrder {
  field: CustomerSortField;
  direction: 'ASC' | 'DESC';
}

const SORT_COLUMNS: Record<CustomerSortField, { column: string; property: keyof Customer; type: 'string' | 'number' }> = {
  ID: { column: 'c.id', property: 'id', type: 'number' },
  EXTERNAL_ID: { column: 'c.externalId', property: 'externalId', type: 'string' },
};

export class CustomerService {
  private readonly repo: Repository<Customer>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(Customer);
  }

  /** A page of customers, keyset-paged by the sort field and id; `totalCount` counts the filtered set on demand. */
  async list(filter: CustomerFilter = {}, order: CustomerOrder = { field: 'ID', direction: 'ASC' }, page: PageArgs): Promise<ConnectionShape<Customer>> {
    checkFirst(page.first);
    const sort = SORT_COLUMNS[order.field];
    const qb = this.filtered(filter);
    const op = order.direction === 'ASC' ? '>' : '<';
    if (page.after) {
      const [value, id] = decodeCursor(page.after, [sort.type, 'number']);
      qb.andWhere(
        new Brackets((w) =>
          w.where(`${sort.column} ${op} :cursorValue`, { cursorValue: value }).orWhere(`(${sort.column} = :cursorValue AND c.id ${op} :cursorId)`, { cursorId: id }),
        ),
      );
    }
    qb.orderBy(sort.column, order.direction).addOrderBy('c.id', order.direction).take(page.first + 1);
    const rows = await qb.getMany();
    return toConnection(
      rows,
      page,
      (c) => encodeCursor([c[sort.property] as string | number, c.id]),
      () => this.filtered(filter).getCount(),
    );
  }

  private filtered(filter: CustomerFilter): SelectQueryBuilder<Customer> {
    const qb = this.repo.createQueryBuilder('c');
    const dialect = Dialect.of(this.dataSource);
    if (filter.country) qb.andWhere('c.country = :country', { country: filter.country });
    if (filter.countries?.length) qb.andWhere('c.country IN (:...countries)', { countries: filter.countries });
    if (filter.city) qb.andWhere('c.city = :city', { city: filter.city });
    if (filter.gender) qb.andWhere('c.gender = :gender', { gender: filter.gender });
    if (filter.externalIds?.length) qb.andWhere('c.externalId IN (:...externalIds)', { externalIds: filter.externalIds });
    if (filter.signedUpAfter) qb.andWhere('c.signupAt >= :after', { after: dialect.timestamp(filter.signedUpAfter) });
    if (filter.signedUpBefore) qb.andWhere('c.signupAt < :before', { before: dialect.timestamp(filter.signedUpBefore) });
    return qb;
  }

  findById(id: number): Promise<Customer | null> {
    return this.repo.findOneBy({ id });
  }

  /** For DataLoaders: one query, results in the order of `ids` (null where missing). */
  async findByIds(ids: readonly number[]): Promise<Array<Customer | null>> {
    return inIdOrder(ids, await this.repo.findBy({ id: In([...ids]) }));
  }

  count(): Promise<number> {
    return this.repo.count();
  }
}
