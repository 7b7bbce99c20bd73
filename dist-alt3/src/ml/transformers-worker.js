"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_worker_threads_1 = require("node:worker_threads");
async function main() {
    const setup = node_worker_threads_1.workerData;
    const port = node_worker_threads_1.parentPort;
    let extractor;
    try {
        const transformers = (await import('@xenova/transformers'));
        transformers.env.localModelPath = setup.localPath;
        transformers.env.allowLocalModels = true;
        transformers.env.allowRemoteModels = setup.allowRemote;
        transformers.env.cacheDir = setup.localPath;
        extractor = await transformers.pipeline('feature-extraction', setup.modelId, { quantized: setup.quantized });
        const probe = await extractor(['probe'], { pooling: 'mean', normalize: true });
        port.postMessage({ type: 'ready', dimension: probe.dims[probe.dims.length - 1] });
    }
    catch (err) {
        port.postMessage({ type: 'failed', message: err.message });
        return;
    }
    port.on('message', async (request) => {
        try {
            const out = await extractor(request.texts, { pooling: 'mean', normalize: true });
            const data = Float32Array.from(out.data);
            port.postMessage({ id: request.id, data, dimension: out.dims[out.dims.length - 1] }, [data.buffer]);
        }
        catch (err) {
            port.postMessage({ id: request.id, error: err.message });
        }
    });
}
void main();
//# sourceMappingURL=transformers-worker.js.map