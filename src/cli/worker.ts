import { AppConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { startWorkerHost } from '../jobs/start-worker';
import { connectRedis } from '../jobs/redis';
import { createProcessLog } from '../logger';
import { createServices, followShopRevisions } from '../services';
import { UsageError } from './usage-error';

const KINDS = { training: 'training', evaluation: 'evaluation', evaluations: 'evaluation', export: 'export', exports: 'export', rescore: 'rescore', rescoring: 'rescore' } as const;

/** `--queues training,evaluation,exports,rescore`: which kinds of jobs this worker takes. */
export function parseQueues(value: string | undefined): Array<'training' | 'evaluation' | 'export' | 'rescore'> {
  if (!value) return ['training', 'evaluation', 'export', 'rescore'];
  const kinds = value.split(',').map((q) => q.trim()).filter((q) => q !== '');
  const unknown = kinds.filter((k) => !(k in KINDS));
  if (unknown.length > 0 || kinds.length === 0) throw new UsageError(`--queues ${value}: each must be one of training, evaluation, exports, rescore`);
  return [...new Set(kinds.map((k) => KINDS[k as keyof typeof KINDS]))];
}

/**
 * `segmentql worker`: a process that takes jobs from the BullMQ queues and runs them (training, evaluations,
 * exports), on any machine that reaches PostgreSQL and Redis. SIGTERM: it takes nothing new, lets what runs finish
 * within WORKER_SHUTDOWN_SECONDS, hands back the rest, and exits.
 */
export async function runWorker(config: AppConfig, options: { queues?: string; concurrency?: number }): Promise<number> {
  if (!config.distributed) throw new UsageError('segmentql worker takes jobs from Redis: set REDIS_URL=redis://... and DATABASE_URL=postgres://... (the server in one process runs its own jobs)');
  const queues = parseQueues(options.queues);
  if (options.concurrency === 0) throw new UsageError('--concurrency must be at least 1');
  const { log } = createProcessLog(config.logFormat, 'worker');
  const dataSource = await openDatabase(config.database);
  const redis = connectRedis(config.distributed, log);
  const services = createServices(dataSource, config, log, { redis, jobLockMs: config.distributed.jobLockMs });
  const stopFollowing = followShopRevisions(services, log);
  const orphans = await services.versions.sweepOrphans();
  if (orphans.folders + orphans.shared > 0) log(`removed ${orphans.folders} artifact folder(s) and ${orphans.shared} shared artifact(s) without a version`);
  const host = await startWorkerHost(dataSource, redis, services, config, { queues, concurrency: options.concurrency, log });
  // Deliveries this worker's jobs emit are sent from here too (any process may send a delivery; one claims it).
  services.webhooks.start();
  log(`segmentql worker ${host.id} ready (${config.version}; plugins ${services.training.registry.list().map((p) => `${p.code}@${p.version}`).join(', ')})`);
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  log(`${signal}: taking no new jobs; running ones may finish for ${config.distributed.shutdownSeconds} s, then they are handed back`);
  await host.stop();
  await services.webhooks.stop();
  await services.membership.close();
  await services.drift.close();
  await stopFollowing();
  await services.jobs.close();
  await services.runner.close();
  await services.evaluationRunner.close();
  await services.exports.close();
  await redis.close();
  await dataSource.destroy();
  log('worker stopped');
  return 0;
}
