import { TestServer } from './server';

/** Registers a model, trains it to the end (over HTTP), optionally points an alias at the version; returns its id. */
export async function trainVersion(t: TestServer, name: string, segmenter: string, params: Record<string, unknown>, alias?: string, asOf?: string): Promise<string> {
  const reg = await t.gql(`mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }`, { input: { name, segmenter, params } });
  if (reg.errors) throw new Error(JSON.stringify(reg.errors));
  const run = await t.gql(`mutation($m: ID!, $asOf: DateTime) { startTrainingRun(modelId: $m, asOf: $asOf) { id } }`, { m: reg.data.registerModel.id, asOf: asOf ?? null });
  const runId = run.data.startTrainingRun.id;
  for (;;) {
    const r = await t.gql(`query($id: ID!) { trainingRun(id: $id) { status error modelVersion { id } } }`, { id: runId });
    const status = r.data.trainingRun.status;
    if (status === 'SUCCEEDED') {
      const versionId = r.data.trainingRun.modelVersion.id as string;
      if (alias) {
        const set = await t.gql(`mutation($v: ID!, $a: String!) { setModelAlias(versionId: $v, alias: $a) { id } }`, { v: versionId, a: alias });
        if (set.errors) throw new Error(JSON.stringify(set.errors));
      }
      return versionId;
    }
    if (status === 'FAILED' || status === 'CANCELLED') throw new Error(`training ${name} ${status}: ${r.data.trainingRun.error}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls an evaluation run until it SUCCEEDED; throws with its state if it ends otherwise. */
export async function waitForEvaluation(t: TestServer, id: string): Promise<void> {
  for (;;) {
    const r = await t.gql(`query($id: ID!) { evaluationRun(id: $id) { status error } }`, { id });
    if (r.data.evaluationRun.status === 'SUCCEEDED') return;
    if (!['QUEUED', 'RUNNING'].includes(r.data.evaluationRun.status)) throw new Error(JSON.stringify(r.data.evaluationRun));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls an export until it is done; returns its final state. */
export async function waitForExport(t: TestServer, id: string, key?: string): Promise<any> {
  for (;;) {
    const r = await t.gql(`query($id: ID!) { segmentExport(id: $id) { id status rowCount error piiMasked url } }`, { id }, key ? { authorization: `Bearer ${key}` } : {});
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    if (r.data.segmentExport.status === 'SUCCEEDED' || r.data.segmentExport.status === 'FAILED') return r.data.segmentExport;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** GET with a key; the raw text. */
export async function download(t: TestServer, urlPath: string, key: string | null): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(t.server.url.replace('/graphql', urlPath), { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { status: res.status, text: await res.text(), headers: res.headers };
}
