/**
 * Compare versions on the same split: the comparison table with the best per metric marked, the metrics as charts,
 * the leaderboard, where customers moved between two versions (a Sankey diagram), and pointing an alias (admins).
 * Versions not yet evaluated on the split are evaluated first (a queued job, followed over graphql-ws).
 */
import { FormEvent, useEffect, useMemo, useState } from 'react';
import type { Me } from '../app';
import { request, subscribe } from '../api/client';
import { Chart } from '../components/chart';
import { ConsoleComparisonDocument, ConsoleComparisonQuery, ConsoleEvaluationProgressDocument, ConsoleLeaderboardDocument, ConsoleLeaderboardQuery, ConsoleMigrationDocument, ConsoleMigrationQuery, ConsoleModelsDocument, ConsoleModelsQuery, ConsoleSetAliasDocument, ConsoleStartEvaluationDocument } from '../generated/graphql';
import { errorText, num, pct } from '../format';

const METRICS = [
  { key: 'hitRateAt10', title: 'HitRate@10', higher: true },
  { key: 'churnAuc', title: 'Churn AUC', higher: true },
  { key: 'futureSpendR2', title: 'Spend R²', higher: true },
  { key: 'spendLift', title: 'Spend lift', higher: true },
  { key: 'stabilityAri', title: 'Stability (ARI)', higher: true },
  { key: 'silhouette', title: 'Silhouette', higher: true },
  { key: 'daviesBouldin', title: 'Davies-Bouldin', higher: false },
] as const;
type MetricKey = (typeof METRICS)[number]['key'];

interface VersionChoice {
  id: string;
  label: string;
}

export function ComparePage({ me }: { me: Me }) {
  const [versions, setVersions] = useState<VersionChoice[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [migration, setMigration] = useState<ConsoleMigrationQuery['segmentMigration'] | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    request(ConsoleModelsDocument)
      .then((d: ConsoleModelsQuery) => {
        const list = d.models.edges.flatMap(({ node: m }) => m.versions.edges.map(({ node: v }) => ({ id: v.id, label: `${m.name} v${v.number} (#${v.id}, ${m.segmenter.code})${v.aliases.length ? ` [${v.aliases.join(', ')}]` : ''}` })));
        setVersions(list);
        setChosen(list.slice(0, 2).map((v) => v.id));
      })
      .catch((err) => setError(errorText(err)));
  }, []);

  const compare = async (event?: FormEvent) => {
    event?.preventDefault();
    setError(null);
    setComparison(null);
    setMigration(null);
    if (chosen.length < 1) return setError('Pick at least one version.');
    try {
      let result = await request(ConsoleComparisonDocument, { ids: chosen });
      if (result.compareModelVersions.missing.length > 0) {
        if (me.role === 'viewer') {
          setStatus(`Versions ${result.compareModelVersions.missing.join(', ')} are not evaluated on this split yet; an analyst can evaluate them.`);
        } else {
          const runId = result.compareModelVersions.evaluationRunId ?? (await request(ConsoleStartEvaluationDocument, { ids: chosen })).startEvaluation.id;
          let stop = () => {};
          await new Promise<void>((resolve, reject) => {
            stop = subscribe(
              ConsoleEvaluationProgressDocument,
              { id: runId },
              {
                next: (d) => {
                  const r = d.evaluationRunProgress;
                  setStatus(`Evaluating on the time split: ${r.status.toLowerCase()} ${pct(r.progress)}`);
                  if (r.status === 'SUCCEEDED') resolve();
                  else if (r.status !== 'QUEUED' && r.status !== 'RUNNING') reject(new Error(`evaluation ${r.status}: ${r.error ?? ''}`));
                },
                error: (err) => reject(err),
                complete: () => resolve(),
              },
            );
          }).finally(() => stop());
          result = await request(ConsoleComparisonDocument, { ids: chosen });
        }
      }
      setStatus(null);
      // A query of its own: an operation holds at most one expensive field.
      setComparison({ ...result, ...(await request(ConsoleLeaderboardDocument, {})) });
      if (chosen.length >= 2) setMigration((await request(ConsoleMigrationDocument, { fromVersionId: chosen[0], toVersionId: chosen[1] })).segmentMigration);
    } catch (err) {
      setStatus(null);
      setError(errorText(err));
    }
  };

  return (
    <section aria-labelledby="compare-title">
      <h1 id="compare-title">Compare versions</h1>
      <form className="card" onSubmit={compare}>
        <fieldset>
          <legend>Versions (the first two also show where customers moved)</legend>
          <div className="choices">
            {versions.map((v) => (
              <label key={v.id} className="choice">
                <input type="checkbox" checked={chosen.includes(v.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, v.id] : chosen.filter((id) => id !== v.id))} data-version={v.id} />
                {v.label}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit">Compare</button>
      </form>
      {status && <p role="status">{status}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {comparison && <ComparisonView comparison={comparison} />}
      {migration && <MigrationView migration={migration} />}
      {me.role === 'admin' && versions.length > 0 && <AliasForm versions={versions} />}
    </section>
  );
}

/** The comparison and the leaderboard, read by two operations. */
type Comparison = ConsoleComparisonQuery & ConsoleLeaderboardQuery;

type Row = Pick<ConsoleComparisonQuery['compareModelVersions']['rows'][number], 'versionId' | 'versionNumber' | 'modelName' | 'segmenter'> & { metrics?: object | null };

function value(row: Row, key: MetricKey | 'segments'): number | null {
  const m = row.metrics as Record<string, number | null | undefined> | null | undefined;
  return m?.[key] ?? null;
}

function ComparisonView({ comparison }: { comparison: Comparison }) {
  const c = comparison.compareModelVersions;
  const best = c.bestByMetric as Record<string, string | null | undefined>;
  const label = (r: Row) => `${r.modelName} v${r.versionNumber}`;
  const chartOption = useMemo(
    () => ({
      legend: { top: 0, type: 'scroll' },
      grid: { left: 110, right: 10, top: 30, bottom: 20 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: METRICS.filter((m) => m.higher).map((m) => m.title), inverse: true },
      series: c.rows.map((r) => ({ type: 'bar', name: label(r), data: METRICS.filter((m) => m.higher).map((m) => value(r, m.key)) })),
    }),
    [c.rows],
  );
  const leaderboard = comparison.leaderboard.rows;
  return (
    <>
      <section className="card" aria-labelledby="comparison-title">
        <h2 id="comparison-title">
          Time split {c.asOf.slice(0, 10)}, {c.horizonDays} days
        </h2>
        <table data-testid="comparison-table">
          <caption>Best per metric marked ★ (lower is better for Davies-Bouldin).</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Segments</th>
              {METRICS.map((m) => (
                <th scope="col" key={m.key}>
                  {m.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {c.rows.map((r) => (
              <tr key={r.versionId}>
                <th scope="row">
                  {label(r)} <span className="muted">({r.segmenter})</span>
                </th>
                <td>{value(r, 'segments') ?? '—'}</td>
                {METRICS.map((m) => {
                  const v = value(r, m.key);
                  // Ties share the mark: every row with the best row's value.
                  const bestRow = c.rows.find((x) => x.versionId === best[m.key]);
                  const isBest = c.rows.length > 1 && bestRow !== undefined && v !== null && v === value(bestRow, m.key);
                  return (
                    <td key={m.key} className={isBest ? 'best' : undefined} data-best={isBest ? 'true' : undefined}>
                      {v === null ? '—' : num(v, 3)}
                      {isBest && (
                        <>
                          <span aria-hidden="true"> ★</span>
                          <span className="visually-hidden"> (best)</span>
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <Chart option={chartOption} height={60 + 60 * METRICS.length} label={`Metrics of ${c.rows.map(label).join(', ')}`} testId="comparison-chart" />
      </section>
      <section className="card" aria-labelledby="leaderboard-title">
        <h2 id="leaderboard-title">Leaderboard (HitRate@10, the newest versions on this split)</h2>
        <ol data-testid="leaderboard">
          {leaderboard.map((r) => (
            <li key={r.versionId}>
              {label(r)} ({r.segmenter}): {value(r, 'hitRateAt10') === null ? '—' : num(value(r, 'hitRateAt10')!, 3)}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function MigrationView({ migration }: { migration: ConsoleMigrationQuery['segmentMigration'] }) {
  const option = useMemo(() => {
    const from = migration.from.segments.map((s) => `${s.name} (before)`);
    const to = migration.to.segments.map((s) => `${s.name} (after)`);
    const links = migration.matrix.flatMap((row, i) => row.map((count, j) => ({ source: from[i], target: to[j], value: count })).filter((l) => l.value > 0));
    return {
      tooltip: { trigger: 'item' },
      series: [{ type: 'sankey', data: [...from, ...to].map((name) => ({ name })), links, emphasis: { focus: 'adjacency' }, lineStyle: { color: 'gradient', opacity: 0.4 }, label: { color: '#1a1a1a' } }],
    };
  }, [migration]);
  return (
    <section className="card" aria-labelledby="migration-title">
      <h2 id="migration-title">Where customers moved ({num(migration.customersInBoth)} in both versions)</h2>
      <div data-testid="sankey">
        <Chart option={option} height={420} label={`Migration of ${migration.customersInBoth} customers between the two versions' segments`} />
      </div>
    </section>
  );
}

function AliasForm({ versions }: { versions: VersionChoice[] }) {
  const [alias, setAlias] = useState('production');
  const [versionId, setVersionId] = useState(versions[0].id);
  const [result, setResult] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const r = await request(ConsoleSetAliasDocument, { alias: alias.trim(), versionId });
      setResult(`Alias “${alias.trim()}” now points at version #${r.setModelAlias.id}.`);
    } catch (err) {
      setResult(`Not moved: ${errorText(err)}`);
    }
  };
  return (
    <form className="card inline" onSubmit={submit} aria-labelledby="alias-title">
      <h2 id="alias-title">Point an alias</h2>
      <label htmlFor="alias-name">Alias</label>
      <input id="alias-name" value={alias} onChange={(e) => setAlias(e.target.value)} />
      <label htmlFor="alias-version">Version</label>
      <select id="alias-version" value={versionId} onChange={(e) => setVersionId(e.target.value)}>
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {v.label}
          </option>
        ))}
      </select>
      <button type="submit">Move alias</button>
      {result && <p role="status">{result}</p>}
    </form>
  );
}
