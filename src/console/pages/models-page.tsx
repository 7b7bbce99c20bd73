/**
 * Models and runs: the registered segmenters with their parameter schemas as forms (checked before submit, the
 * server's error shown next to its field), starting a run, and following it live over graphql-ws (progress, ETA,
 * backend, loss and validation-loss curves); cancelling it. Viewers see the models but no training controls.
 */
import { FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Me } from '../app';
import { ApiError, request, subscribe } from '../api/client';
import { Chart } from '../components/chart';
import { ConsoleCancelRunDocument, ConsoleModelsDocument, ConsoleModelsQuery, ConsoleRegisterModelDocument, ConsoleRunProgressDocument, ConsoleRunProgressSubscription, ConsoleStartRunDocument } from '../generated/graphql';
import { errorText, pct } from '../format';

type Segmenter = ConsoleModelsQuery['segmenters'][number];
type Param = Segmenter['params'][number];

export function ModelsPage({ me }: { me: Me }) {
  const [data, setData] = useState<ConsoleModelsQuery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const load = useCallback(() => {
    request(ConsoleModelsDocument)
      .then(setData)
      .catch((err) => setError(errorText(err)));
  }, []);
  useEffect(load, [load]);
  const trains = me.role !== 'viewer';
  // A new version of an existing model: a run with the model's own params.
  const trainAgain = async (modelId: string) => {
    try {
      setRunId((await request(ConsoleStartRunDocument, { modelId, params: null })).startTrainingRun.id);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <section aria-labelledby="models-title">
      <h1 id="models-title">Models and runs</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {runId && <RunMonitor runId={runId} canCancel={trains} onFinished={load} />}
      {data && trains && <TrainForm segmenters={data.segmenters} onStarted={(id) => setRunId(id)} />}
      {data && (
        <section className="card" aria-labelledby="models-list-title">
          <h2 id="models-list-title">Models</h2>
          <table data-testid="models-table">
            <thead>
              <tr>
                <th>Model</th>
                <th>Segmenter</th>
                <th>Versions (aliases)</th>
                <th>Latest runs</th>
              </tr>
            </thead>
            <tbody>
              {data.models.edges.map(({ node: m }) => (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td>{m.segmenter.code}</td>
                  <td>
                    {m.versions.edges.map(({ node: v }) => `v${v.number} #${v.id}${v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}`).join('; ') || '—'}
                  </td>
                  <td>
                    {trains && (
                      <button type="button" className="link" onClick={() => void trainAgain(m.id)}>
                        Train again
                      </button>
                    )}
                    {m.runs.edges.map(({ node: r }) =>
                      // Following a run's progress needs the analyst role: a viewer reads the status only.
                      trains ? (
                        <button key={r.id} type="button" className="link" onClick={() => setRunId(r.id)}>
                          run {r.id}: {r.status.toLowerCase()}
                        </button>
                      ) : (
                        <span key={r.id} className="run">
                          run {r.id}: {r.status.toLowerCase()}
                        </span>
                      ),
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

/** A value from a form field, typed by the param's spec; undefined when left empty (the default applies). */
function parseValue(spec: Param, raw: string | boolean | string[]): { value?: unknown; problem?: string } {
  if (spec.type === 'boolean') return { value: raw === true };
  if (spec.type === 'string[]') return { value: raw as string[] };
  const text = String(raw).trim();
  if (text === '') return {};
  if (spec.type === 'int' || spec.type === 'float') {
    const n = Number(text);
    if (!Number.isFinite(n)) return { problem: 'must be a number' };
    if (spec.type === 'int' && !Number.isInteger(n)) return { problem: 'must be a whole number' };
    if (spec.min != null && n < spec.min) return { problem: `must be at least ${spec.min}` };
    if (spec.max != null && n > spec.max) return { problem: `must be at most ${spec.max}` };
    return { value: n };
  }
  if (spec.choices && !spec.choices.includes(text)) return { problem: `must be one of ${spec.choices.join(', ')}` };
  return { value: text };
}

function initialValue(spec: Param): string | boolean | string[] {
  if (spec.type === 'boolean') return spec.default === true;
  if (spec.type === 'string[]') return Array.isArray(spec.default) ? (spec.default as string[]) : [];
  return spec.default === null || spec.default === undefined ? '' : String(spec.default);
}

function TrainForm(props: { segmenters: Segmenter[]; onStarted(runId: string): void }) {
  const [code, setCode] = useState(props.segmenters[0]?.code ?? '');
  const segmenter = props.segmenters.find((s) => s.code === code);
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string | boolean | string[]>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setValues(Object.fromEntries((segmenter?.params ?? []).map((p) => [p.name, initialValue(p)])));
    setProblems({});
    setFormError(null);
    setName(`${code} ${new Date().toISOString().slice(0, 19).replace('T', ' ')}`);
  }, [code, segmenter]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!segmenter) return;
    const params: Record<string, unknown> = {};
    const found: Record<string, string> = {};
    for (const spec of segmenter.params) {
      const parsed = parseValue(spec, values[spec.name] ?? '');
      if (parsed.problem) found[spec.name] = parsed.problem;
      else if (parsed.value !== undefined && JSON.stringify(parsed.value) !== JSON.stringify(spec.default)) params[spec.name] = parsed.value;
    }
    if (!name.trim()) found.__name = 'a model needs a name';
    setProblems(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const model = await request(ConsoleRegisterModelDocument, { input: { name: name.trim(), segmenter: segmenter.code, params } });
      const run = await request(ConsoleStartRunDocument, { modelId: model.registerModel.id, params: null });
      props.onStarted(run.startTrainingRun.id);
    } catch (err) {
      // The server names each bad param as "name: problem": shown next to its field; the rest above the button.
      const listed = err instanceof ApiError && Array.isArray(err.extensions.problems) ? (err.extensions.problems as string[]) : [];
      const byField: Record<string, string> = {};
      const other: string[] = [];
      for (const p of listed) {
        // "epochs: must be ..." (a value's check) or "dModel (16) must be ..." (a cross-parameter check).
        const field = segmenter.params.find((s) => p.startsWith(`${s.name}:`) || p.startsWith(`${s.name} `));
        if (field) byField[field.name] = p.startsWith(`${field.name}:`) ? p.slice(field.name.length + 1).trim() : p;
        else other.push(p);
      }
      setProblems(byField);
      setFormError(listed.length === 0 ? errorText(err) : other.length > 0 ? other.join('; ') : null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="train-title" noValidate>
      <h2 id="train-title">Train a model</h2>
      <div className="field">
        <label htmlFor="segmenter">Segmenter</label>
        <select id="segmenter" value={code} onChange={(e) => setCode(e.target.value)}>
          {props.segmenters.map((s) => (
            <option key={s.code} value={s.code}>
              {s.code}
            </option>
          ))}
        </select>
        {segmenter && <p className="hint">{segmenter.description}</p>}
      </div>
      <div className="field">
        <label htmlFor="model-name">Model name</label>
        <input id="model-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={problems.__name ? true : undefined} aria-describedby={problems.__name ? 'model-name-error' : undefined} />
        {problems.__name && <p id="model-name-error" className="error">{problems.__name}</p>}
      </div>
      <fieldset>
        <legend>Parameters</legend>
        <div className="params">
          {segmenter?.params.map((p) => (
            <ParamField key={p.name} spec={p} value={values[p.name] ?? initialValue(p)} problem={problems[p.name]} onChange={(v) => setValues({ ...values, [p.name]: v })} />
          ))}
        </div>
      </fieldset>
      {formError && <p role="alert" className="error">{formError}</p>}
      <button type="submit" disabled={busy}>
        {busy ? 'Starting…' : 'Register and train'}
      </button>
    </form>
  );
}

function ParamField(props: { spec: Param; value: string | boolean | string[]; problem?: string; onChange(value: string | boolean | string[]): void }) {
  const { spec } = props;
  const id = `param-${spec.name}`;
  const described = `${id}-hint${props.problem ? ` ${id}-error` : ''}`;
  const common = { id, 'aria-describedby': described, 'aria-invalid': props.problem ? true : undefined, 'data-param': spec.name };
  let input;
  if (spec.type === 'boolean') input = <input type="checkbox" {...common} checked={props.value === true} onChange={(e) => props.onChange(e.target.checked)} />;
  else if (spec.type === 'string[]' && spec.choices)
    input = (
      <select multiple {...common} value={props.value as string[]} onChange={(e) => props.onChange(Array.from(e.target.selectedOptions, (o) => o.value))} size={Math.min(6, spec.choices.length)}>
        {spec.choices.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    );
  else if (spec.choices)
    input = (
      <select {...common} value={String(props.value)} onChange={(e) => props.onChange(e.target.value)}>
        {spec.choices.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    );
  else input = <input {...common} inputMode={spec.type === 'int' || spec.type === 'float' ? 'decimal' : undefined} value={String(props.value)} onChange={(e) => props.onChange(e.target.value)} />;
  return (
    <div className="field">
      <label htmlFor={id}>
        {spec.name} <span className="muted">({spec.type}{spec.min != null ? `, ≥ ${spec.min}` : ''}{spec.max != null ? `, ≤ ${spec.max}` : ''})</span>
      </label>
      {input}
      <p id={`${id}-hint`} className="hint">
        {spec.description}
      </p>
      {props.problem && (
        <p id={`${id}-error`} className="error" data-testid={`param-error-${spec.name}`}>
          {props.problem}
        </p>
      )}
    </div>
  );
}

type RunState = ConsoleRunProgressSubscription['trainingRunProgress'];

function RunMonitor(props: { runId: string; canCancel: boolean; onFinished(): void }) {
  const [run, setRun] = useState<RunState | null>(null);
  const [loss, setLoss] = useState<Array<[number, number]>>([]);
  const [validation, setValidation] = useState<Array<[number, number]>>([]);
  const [error, setError] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(0);
  const finished = useRef(props.onFinished);
  finished.current = props.onFinished;
  useEffect(() => {
    setRun(null);
    setLoss([]);
    setValidation([]);
    setError(null);
    setDrawn(0);
    let lastStep = -1;
    let lastEpoch = -1;
    const stop = subscribe(
      ConsoleRunProgressDocument,
      { runId: props.runId },
      {
        next: (d) => {
          const r = d.trainingRunProgress;
          setRun(r);
          const x = r.step ?? Math.round(r.progress * 1000);
          if (r.loss != null && x !== lastStep && r.status === 'RUNNING') {
            lastStep = x;
            setLoss((points) => [...points, [x, r.loss!]]);
          }
          if (r.validationLoss != null && r.epoch != null && r.epoch !== lastEpoch) {
            lastEpoch = r.epoch;
            setValidation((points) => [...points, [x, r.validationLoss!]]);
          }
          if (r.status !== 'QUEUED' && r.status !== 'RUNNING') finished.current();
        },
        error: (err) => setError(err.message),
      },
    );
    return stop;
  }, [props.runId]);
  const option = useMemo(
    () => ({
      legend: { top: 0 },
      grid: { left: 50, right: 10, top: 30, bottom: 30 },
      xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 22 },
      yAxis: { type: 'value', scale: true },
      tooltip: { trigger: 'axis' },
      series: [
        { type: 'line', name: 'loss', data: loss, showSymbol: true, symbolSize: 3 },
        { type: 'line', name: 'validation loss', data: validation, showSymbol: true, symbolSize: 6 },
      ],
    }),
    [loss, validation],
  );
  // What the chart has drawn (ECharts' `finished`), not only what arrived: the points on the canvas.
  const lossPoints = useRef(0);
  lossPoints.current = loss.length;
  const onRendered = useMemo(() => () => setDrawn(lossPoints.current), []);
  const cancel = async () => {
    try {
      await request(ConsoleCancelRunDocument, { id: props.runId });
    } catch (err) {
      setError(errorText(err));
    }
  };
  const active = run && (run.status === 'QUEUED' || run.status === 'RUNNING');
  return (
    <section className="card" aria-labelledby="run-title" data-testid="run-monitor" data-status={run?.status ?? ''} data-loss-points={loss.length} data-drawn-points={drawn}>
      <div className="page-head">
        <h2 id="run-title">Run {props.runId}</h2>
        {props.canCancel && active && (
          <button type="button" onClick={cancel}>
            Cancel run
          </button>
        )}
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {run && (
        <>
          <p>
            <strong data-testid="run-status">{run.status}</strong>
            {run.backend && <> · backend {run.backend}</>}
            {run.etaSeconds != null && active && <> · ETA {Math.round(run.etaSeconds)} s</>}
            {run.epoch != null && <> · epoch {run.epoch}</>}
          </p>
          <label htmlFor="run-progress">Progress {pct(run.progress)}</label>
          <progress id="run-progress" max={1} value={run.progress} />
          {run.message && <p className="muted">{run.message}</p>}
          {run.error && <p className="error">{run.error}</p>}
          {run.modelVersion && (
            <p data-testid="run-version">
              Version {run.modelVersion.number} (id {run.modelVersion.id}) created. <a href="#/compare">Compare it</a>
            </p>
          )}
        </>
      )}
      {(loss.length > 0 || validation.length > 0) && (
        <div data-testid="loss-chart">
          <Chart option={option} height={260} label={`Training loss of run ${props.runId}: ${loss.length} points`} onRendered={onRendered} />
        </div>
      )}
    </section>
  );
}
