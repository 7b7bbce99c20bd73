import { parentPort, workerData } from 'node:worker_threads';

/**
 * Runs a transformers.js feature-extraction pipeline in its own thread: ONNX inference stays off the caller's event
 * loop, and the ES module and onnxruntime's typed arrays live in a plain Node realm (a test runner's sandbox breaks
 * both). Protocol: `ready {dimension}` or `failed {message}` once, then `{id, texts}` -> `{id, data, dimension}`.
 */
interface Setup {
  modelId: string;
  localPath: string;
  allowRemote: boolean;
  quantized: boolean;
}

interface Extractor {
  (texts: string[], options: { pooling: 'mean'; normalize: boolean }): Promise<{ data: Float32Array; dims: number[] }>;
}

async function main(): Promise<void> {
  const setup = workerData as Setup;
  const port = parentPort!;
  let extractor: Extractor;
  try {
    const transformers = (await import('@xenova/transformers')) as unknown as {
      env: { localModelPath: string; allowRemoteModels: boolean; allowLocalModels: boolean; cacheDir: string };
      pipeline(task: string, model: string, options: { quantized: boolean }): Promise<Extractor>;
    };
    transformers.env.localModelPath = setup.localPath;
    transformers.env.allowLocalModels = true;
    transformers.env.allowRemoteModels = setup.allowRemote;
    transformers.env.cacheDir = setup.localPath;
    extractor = await transformers.pipeline('feature-extraction', setup.modelId, { quantized: setup.quantized });
    const probe = await extractor(['probe'], { pooling: 'mean', normalize: true });
    port.postMessage({ type: 'ready', dimension: probe.dims[probe.dims.length - 1] });
  } catch (err) {
    port.postMessage({ type: 'failed', message: (err as Error).message });
    return;
  }
  port.on('message', async (request: { id: number; texts: string[] }) => {
    try {
      const out = await extractor(request.texts, { pooling: 'mean', normalize: true });
      const data = Float32Array.from(out.data);
      port.postMessage({ id: request.id, data, dimension: out.dims[out.dims.length - 1] }, [data.buffer]);
    } catch (err) {
      port.postMessage({ id: request.id, error: (err as Error).message });
    }
  });
}

void main();
