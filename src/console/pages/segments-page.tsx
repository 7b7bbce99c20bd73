/**
 * Segments of an alias: cards (name, size and share, description, what sets them apart as small charts, actions,
 * predicted value), the segment map served by the API, and a segment's customers with an export.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Me } from '../app';
import { ApiError, download, request } from '../api/client';
import { Chart, PALETTE } from '../components/chart';
import { ConsoleCreateExportDocument, ConsoleExportStatusDocument, ConsoleSegmentCustomersDocument, ConsoleSegmentCustomersSortedDocument, ConsoleSegmentMapDocument, ConsoleSegmentMapQuery, ConsoleSegmentsDocument, ConsoleSegmentsQuery } from '../generated/graphql';
import { errorText, money, num, pct } from '../format';

type SegmentRow = ConsoleSegmentsQuery['segments'][number];

export function SegmentsPage({ me }: { me: Me }) {
  const [alias, setAlias] = useState(new URLSearchParams(location.hash.split('?')[1] ?? '').get('alias') ?? 'production');
  const [shown, setShown] = useState(alias);
  const [data, setData] = useState<ConsoleSegmentsQuery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<SegmentRow | null>(null);

  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    setSelected(null);
    request(ConsoleSegmentsDocument, { alias: shown })
      .then((d) => live && setData(d))
      .catch((err) => {
        if (!live) return;
        // An alias nobody has set yet is not a failure: there is simply nothing under it.
        if (err instanceof ApiError && err.code === 'NOT_FOUND') setData({ segments: [], segmentStats: [] });
        else setError(errorText(err));
      });
    return () => {
      live = false;
    };
  }, [shown]);

  const predicted = useMemo(() => new Map((data?.segmentStats ?? []).map((s) => [s.segment.id, s])), [data]);
  const version = data?.segments[0]?.version;
  return (
    <section aria-labelledby="segments-title">
      <div className="page-head">
        <h1 id="segments-title">Segments</h1>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            setShown(alias.trim());
          }}
        >
          <label htmlFor="alias">Alias</label>
          <input id="alias" value={alias} onChange={(e) => setAlias(e.target.value)} />
          <button type="submit">Show</button>
        </form>
      </div>
      {version && (
        <p className="muted">
          {version.model.name} ({version.model.segmenter.code}) version {version.number}
        </p>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      {!data && !error && <p>Loading segments…</p>}
      {data && data.segments.length === 0 && (
        <p>
          No segments under alias “{shown}”. {me.role === 'admin' ? 'Train a model (Models and runs), then point the alias at its version (Compare).' : 'An admin points an alias at a trained version.'}
        </p>
      )}
      {data && data.segments.length > 0 && (
        <>
          <div className="cards" data-testid="segment-cards">
            {data.segments.map((s, i) => (
              <SegmentCard key={s.id} segment={s} colour={PALETTE[i % PALETTE.length]} stats={predicted.get(s.id)} onCustomers={() => setSelected(s)} />
            ))}
          </div>
          {version && <SegmentMap versionId={version.id} segments={data.segments} />}
          {selected && <SegmentCustomers segment={selected} me={me} />}
        </>
      )}
    </section>
  );
}

function SegmentCard(props: { segment: SegmentRow; colour: string; stats?: ConsoleSegmentsQuery['segmentStats'][number]; onCustomers(): void }) {
  const s = props.segment;
  const features = s.distinguishingFeatures.slice(0, 5);
  const categories = s.distinguishingCategories.slice(0, 4);
  const featureOption = useMemo(
    () => ({
      grid: { left: 110, right: 10, top: 5, bottom: 20 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: features.map((f) => f.feature), inverse: true },
      series: [{ type: 'bar', data: features.map((f) => Number(f.zScore.toFixed(2))), itemStyle: { color: props.colour } }],
      tooltip: {},
    }),
    [features, props.colour],
  );
  return (
    <article className="card segment" data-testid="segment-card" style={{ borderTopColor: props.colour }}>
      <h2>{s.name}</h2>
      <p className="size">
        {num(s.size)} customers · {pct(s.share)}
      </p>
      {props.stats?.predictedValue != null && <p className="predicted">Predicted value: {money(props.stats.predictedValue)}</p>}
      <p>{s.description}</p>
      {features.length > 0 && (
        <>
          <h3>What sets it apart (z-score against all customers)</h3>
          <Chart option={featureOption} height={30 + features.length * 22} label={`Distinguishing features of ${s.name}: ${features.map((f) => `${f.feature} ${f.zScore.toFixed(2)}`).join(', ')}`} />
        </>
      )}
      {categories.length > 0 && (
        <>
          <h3>Categories it buys more (lift)</h3>
          <ul className="bars">
            {categories.map((c) => (
              <li key={c.category}>
                <span>{c.category}</span>
                <span className="bar" style={{ width: `${Math.min(100, c.lift * 25)}%`, background: props.colour }} />
                <span>×{c.lift.toFixed(1)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {s.actions.length > 0 && (
        <>
          <h3>Suggested actions</h3>
          <ul>
            {s.actions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </>
      )}
      <button type="button" onClick={props.onCustomers}>
        Customers of {s.name}
      </button>
    </article>
  );
}

function SegmentMap(props: { versionId: string; segments: SegmentRow[] }) {
  const [map, setMap] = useState<NonNullable<ConsoleSegmentMapQuery['modelVersion']>['segmentMap'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    let live = true;
    request(ConsoleSegmentMapDocument, { versionId: props.versionId })
      .then((d) => live && setMap(d.modelVersion?.segmentMap ?? null))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [props.versionId]);
  const option = useMemo(() => {
    if (!map) return null;
    const byId = new Map(props.segments.map((s, i) => [s.id, i]));
    const points: number[][][] = props.segments.map(() => []);
    for (let i = 0; i < map.x.length; i++) points[byId.get(map.segmentIds[i]) ?? 0].push([map.x[i], map.y[i]]);
    return {
      legend: { top: 0, type: 'scroll' },
      grid: { left: 50, right: 10, top: 40, bottom: 36 },
      xAxis: { type: 'value', name: `PC1 (${pct(map.explainedVariance[0] ?? 0)})`, nameLocation: 'middle', nameGap: 22, scale: true },
      yAxis: { type: 'value', name: `PC2 (${pct(map.explainedVariance[1] ?? 0)})`, nameLocation: 'middle', nameGap: 28, scale: true },
      tooltip: { trigger: 'item' },
      series: props.segments.map((s, i) => ({ type: 'scatter', name: s.name, data: points[i], symbolSize: 4, large: true, largeThreshold: 2000 })),
    };
  }, [map, props.segments]);
  const onRendered = useMemo(() => () => setDrawn(true), []);
  return (
    <section className="card" aria-labelledby="map-title">
      <h2 id="map-title">Segment map</h2>
      {error && <p role="alert" className="error">{error}</p>}
      {map && map.method === 'NONE' && <p>This version was written before segment maps.</p>}
      {map && map.method !== 'NONE' && (
        <p className="muted">
          {num(map.x.length)} of {num(map.customers)} customers, projected (PCA) from the space the version segmented in.
        </p>
      )}
      {option && map && map.method !== 'NONE' && (
        <div data-testid="segment-map" data-points={map.x.length} data-drawn={drawn ? 'true' : 'false'}>
          <Chart option={option} height={420} label={`Segment map: ${map.x.length} customers in ${props.segments.length} segments`} onRendered={onRendered} />
        </div>
      )}
    </section>
  );
}

type SortKey = 'distance' | 'EXTERNAL_ID' | 'COUNTRY' | 'ORDERS' | 'SPEND' | 'RECENCY';

/** One row of the table, from either query (the distance only when sorted by it). */
interface CustomerRow {
  id: string;
  externalId: string;
  country?: string | null;
  email?: string | null;
  name?: string | null;
  orders: number;
  spend: number;
  recencyDays?: number | null;
  distance: number | null;
}

interface CustomerPage {
  /** The order these rows were fetched in ("SPEND:desc"), so the table never claims an order its rows do not have yet. */
  sort: string;
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  rows: CustomerRow[];
}

/** A page of a segment's customers: nearest to the centre first (the segment's own order), or sorted by the server. */
async function customerPage(segmentId: string, after: string | null, sort: { key: SortKey; ascending: boolean }, withPii: boolean): Promise<CustomerPage> {
  const label = `${sort.key}:${sort.ascending ? 'asc' : 'desc'}`;
  if (sort.key === 'distance') {
    const page = (await request(ConsoleSegmentCustomersDocument, { segmentId, first: 25, after, withPii })).segment?.customers;
    if (!page) throw new Error(`segment ${segmentId} does not exist`);
    return {
      sort: label,
      totalCount: page.totalCount,
      hasNextPage: page.pageInfo.hasNextPage,
      endCursor: page.pageInfo.endCursor ?? null,
      rows: page.edges.map((e) => ({ ...e.node, orders: e.node.features.frequency, spend: e.node.features.monetary, recencyDays: e.node.features.recencyDays, distance: e.distance })),
    };
  }
  const page = (await request(ConsoleSegmentCustomersSortedDocument, { segmentId, first: 25, after, withPii, orderBy: { field: sort.key, direction: sort.ascending ? 'ASC' : 'DESC' } })).customers;
  return {
    sort: label,
    totalCount: page.totalCount,
    hasNextPage: page.pageInfo.hasNextPage,
    endCursor: page.pageInfo.endCursor ?? null,
    rows: page.edges.map((e) => ({ ...e.node, orders: e.node.features.frequency, spend: e.node.features.monetary, recencyDays: e.node.features.recencyDays, distance: null })),
  };
}

function SegmentCustomers(props: { segment: SegmentRow; me: Me }) {
  const withPii = props.me.role !== 'viewer';
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'distance', ascending: true });
  const [pages, setPages] = useState<Array<string | null>>([null]);
  const [page, setPage] = useState<CustomerPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exportState, setExportState] = useState<string | null>(null);
  const after = pages[pages.length - 1];
  useEffect(() => setPages([null]), [props.segment.id, sort]);
  useEffect(() => {
    let live = true;
    setError(null);
    customerPage(props.segment.id, after, sort, withPii)
      .then((p) => live && setPage(p))
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [props.segment.id, after, sort, withPii]);
  const startExport = async () => {
    setExportState('Export queued…');
    try {
      const created = await request(ConsoleCreateExportDocument, { segmentId: props.segment.id });
      for (;;) {
        const { segmentExport } = await request(ConsoleExportStatusDocument, { id: created.createSegmentExport.id });
        if (!segmentExport) throw new Error('the export disappeared');
        if (segmentExport.status === 'SUCCEEDED') {
          await download(segmentExport.url, `segment-${props.segment.id}-${segmentExport.id}.csv`);
          setExportState(`Downloaded ${num(segmentExport.rowCount)} rows.`);
          return;
        }
        if (segmentExport.status !== 'QUEUED' && segmentExport.status !== 'RUNNING') throw new Error(`export ${segmentExport.status}: ${segmentExport.error ?? ''}`);
        setExportState(`Export ${segmentExport.status.toLowerCase()}…`);
        await new Promise((r) => setTimeout(r, 500));
      }
    } catch (err) {
      setExportState(`Export failed: ${errorText(err)}`);
    }
  };
  // The distance order is the segment's own (nearest first); the other columns sort on the server, either way.
  const header = (key: SortKey, title: string) => (
    <th aria-sort={sort.key === key ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="link" onClick={() => setSort({ key, ascending: key === 'distance' || sort.key !== key ? true : !sort.ascending })}>
        {title}
      </button>
    </th>
  );
  return (
    <section className="card" aria-labelledby="customers-title">
      <div className="page-head">
        <h2 id="customers-title">Customers of {props.segment.name}</h2>
        <button type="button" onClick={startExport}>
          Export this segment (CSV)
        </button>
      </div>
      {exportState && <p role="status" data-testid="export-state">{exportState}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {page && (
        <>
          <table data-testid="customers-table" data-sort={page.sort}>
            <caption>
              {num(page.totalCount)} customers, {sort.key === 'distance' ? 'nearest to the segment’s centre first' : 'sorted by the server'} (page {pages.length}); sort by a column’s title.
            </caption>
            <thead>
              <tr>
                {header('EXTERNAL_ID', 'Customer')}
                {withPii && <th>Name</th>}
                {withPii && <th>Email</th>}
                {header('COUNTRY', 'Country')}
                {header('ORDERS', 'Orders')}
                {header('SPEND', 'Net spend')}
                {header('RECENCY', 'Days since last order')}
                {header('distance', 'Distance')}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.externalId}</td>
                  {withPii && <td>{r.name ?? ''}</td>}
                  {withPii && <td>{r.email ?? ''}</td>}
                  <td>{r.country ?? ''}</td>
                  <td>{r.orders}</td>
                  <td>{money(r.spend)}</td>
                  <td>{r.recencyDays == null ? '—' : num(r.recencyDays, 0)}</td>
                  <td>{r.distance === null ? '—' : r.distance.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>
              Previous
            </button>
            <button type="button" disabled={!page.hasNextPage} onClick={() => setPages([...pages, page.endCursor])}>
              Next
            </button>
          </div>
        </>
      )}
    </section>
  );
}
