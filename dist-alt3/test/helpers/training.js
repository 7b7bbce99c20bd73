"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.trainVersion = trainVersion;
exports.waitForEvaluation = waitForEvaluation;
exports.waitForExport = waitForExport;
exports.download = download;
/** Registers a model, trains it to the end (over HTTP), optionally points an alias at the version; returns its id. */
async function trainVersion(t, name, segmenter, params, alias, asOf) {
    const reg = await t.gql(`mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }`, { input: { name, segmenter, params } });
    if (reg.errors)
        throw new Error(JSON.stringify(reg.errors));
    const run = await t.gql(`mutation($m: ID!, $asOf: DateTime) { startTrainingRun(modelId: $m, asOf: $asOf) { id } }`, { m: reg.data.registerModel.id, asOf: asOf ?? null });
    const runId = run.data.startTrainingRun.id;
    for (;;) {
        const r = await t.gql(`query($id: ID!) { trainingRun(id: $id) { status error modelVersion { id } } }`, { id: runId });
        const status = r.data.trainingRun.status;
        if (status === 'SUCCEEDED') {
            const versionId = r.data.trainingRun.modelVersion.id;
            if (alias) {
                const set = await t.gql(`mutation($v: ID!, $a: String!) { setModelAlias(versionId: $v, alias: $a) { id } }`, { v: versionId, a: alias });
                if (set.errors)
                    throw new Error(JSON.stringify(set.errors));
            }
            return versionId;
        }
        if (status === 'FAILED' || status === 'CANCELLED')
            throw new Error(`training ${name} ${status}: ${r.data.trainingRun.error}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}
/** Polls an evaluation run until it SUCCEEDED; throws with its state if it ends otherwise. */
async function waitForEvaluation(t, id) {
    for (;;) {
        const r = await t.gql(`query($id: ID!) { evaluationRun(id: $id) { status error } }`, { id });
        if (r.data.evaluationRun.status === 'SUCCEEDED')
            return;
        if (!['QUEUED', 'RUNNING'].includes(r.data.evaluationRun.status))
            throw new Error(JSON.stringify(r.data.evaluationRun));
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}
/** Polls an export until it is done; returns its final state. */
async function waitForExport(t, id, key) {
    for (;;) {
        const r = await t.gql(`query($id: ID!) { segmentExport(id: $id) { id status rowCount error piiMasked url } }`, { id }, key ? { authorization: `Bearer ${key}` } : {});
        if (r.errors)
            throw new Error(JSON.stringify(r.errors));
        if (r.data.segmentExport.status === 'SUCCEEDED' || r.data.segmentExport.status === 'FAILED')
            return r.data.segmentExport;
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}
/** GET with a key; the raw text. */
async function download(t, urlPath, key) {
    const res = await fetch(t.server.url.replace('/graphql', urlPath), { headers: key ? { authorization: `Bearer ${key}` } : {} });
    return { status: res.status, text: await res.text(), headers: res.headers };
}
//# sourceMappingURL=training.js.map