import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { probeBackends } from '../ml/backend';
import { Services } from '../services';
import { BullMqJobQueue, QueueName } from './bullmq-job-queue';
import { RedisClients } from './redis';
import { WorkerHost } from './worker-host';

export interface WorkerStartOptions {
  /** Kinds of jobs to take (default all); training-gpu is added when this machine has a GPU backend. */
  queues?: Array<'training' | 'evaluation' | 'export' | 'rescore'>;
  concurrency?: number;
  log: (line: string) => void;
}

/** Starts a worker host on this process's services: its capabilities probed, its queues chosen, then taking jobs. */
export async function startWorkerHost(dataSource: DataSource, redis: RedisClients, services: Services, config: AppConfig, options: WorkerStartOptions): Promise<WorkerHost> {
  if (!config.distributed || !(services.jobs instanceof BullMqJobQueue)) throw new Error('a worker needs REDIS_URL (and PostgreSQL as DATABASE_URL)');
  const backends = (await probeBackends()).map((b) => ({ name: b.name, available: b.available }));
  const gpu = backends.some((b) => b.name === 'tensorflow-gpu' && b.available);
  const kinds = options.queues ?? ['training', 'evaluation', 'export', 'rescore'];
  const queues: QueueName[] = [...kinds];
  if (gpu && kinds.includes('training')) queues.push('training-gpu');
  const host = new WorkerHost(dataSource, redis, services.jobs, services.executors, services.pubsub, {
    queues,
    concurrency: options.concurrency ?? config.trainingConcurrency,
    lockMs: config.distributed.jobLockMs,
    shutdownSeconds: config.distributed.shutdownSeconds,
    capabilities: { backends, gpu, plugins: services.training.registry.list().map((p) => ({ code: p.code, version: p.version })) },
    log: options.log,
  });
  await host.start();
  return host;
}
