import { SegmentationModel, TrainingRun } from '../../src/entities';
import { JobLeases } from '../../src/jobs/job-lease';
import { endJobRow, requestCancelJobRow, writeJobRow } from '../../src/jobs/job-rows';
import { openTestDataSource, TEST_KIND } from '../helpers/database';

/**
 * The leases several machines rely on (src/jobs/job-lease.ts), on PostgreSQL (the only database of that mode): who
 * holds a job, its takeover once the holder is silent, writes of a worker that lost the lease, and cancellations.
 */
const describePg = TEST_KIND === 'postgres' ? describe : describe.skip;
const LOCK_MS = 400;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describePg('job leases (several machines)', () => {
  let ctx: Awaited<ReturnType<typeof openTestDataSource>>;
  let modelId: number;

  beforeAll(async () => {
    ctx = await openTestDataSource();
    modelId = (await ctx.dataSource.getRepository(SegmentationModel).save({ name: 'leases', segmenter: 'kmeans', params: { k: 3 }, allowProtectedAttributes: false })).id;
  });
  afterAll(() => ctx.close());

  async function newRun(): Promise<string> {
    const run = await ctx.dataSource.getRepository(TrainingRun).save({ modelId, status: 'QUEUED', params: { k: 3 }, seed: 42, progress: 0, queuedAt: new Date(), message: 'queued' } as Partial<TrainingRun>);
    return String(run.id);
  }
  const row = (id: string) => ctx.dataSource.getRepository(TrainingRun).findOneByOrFail({ id: Number(id) });

  it('one worker holds a job; another takes it over only once the holder is silent, and the first then writes nothing', async () => {
    const a = new JobLeases(ctx.dataSource, 'host:1:a', LOCK_MS);
    const b = new JobLeases(ctx.dataSource, 'host:2:b', LOCK_MS);
    const id = await newRun();
    expect(await a.claim(TrainingRun, id)).toBe('claimed');
    expect(await b.claim(TrainingRun, id)).toBe('held');
    // A beats: still held.
    await sleep(LOCK_MS / 2);
    expect(await a.renew(TrainingRun, id)).toBe('ok');
    await sleep(LOCK_MS / 2);
    expect(await b.claim(TrainingRun, id)).toBe('held');
    // A is silent for longer than the lock: B takes over.
    await sleep(LOCK_MS + 100);
    expect(await b.claim(TrainingRun, id)).toBe('claimed');
    expect((await row(id)).workerId).toBe('host:2:b');
    expect(await a.renew(TrainingRun, id)).toBe('lost');
    expect(await writeJobRow(ctx.dataSource, TrainingRun, id, { status: 'FAILED', message: 'from A' }, 'host:1:a')).toBe(false);
    expect(await writeJobRow(ctx.dataSource, TrainingRun, id, { status: 'RUNNING', message: 'from B' }, 'host:2:b')).toBe(true);
    expect(await row(id)).toMatchObject({ status: 'RUNNING', message: 'from B' });
    // Nobody may end a job its live holder runs.
    expect(await endJobRow(ctx.dataSource, TrainingRun, id, { status: 'FAILED', error: 'given up' }, LOCK_MS)).toBe(false);
    expect(await writeJobRow(ctx.dataSource, TrainingRun, id, { status: 'SUCCEEDED' }, 'host:2:b')).toBe(true);
    expect(await b.renew(TrainingRun, id)).toBe('finished');
    expect(await a.claim(TrainingRun, id)).toBe('finished');
  });

  it('a cancellation written in the row reaches the holder at its next heartbeat, and no worker starts a cancelled job', async () => {
    const a = new JobLeases(ctx.dataSource, 'host:1:a', LOCK_MS);
    const held = await newRun();
    expect(await a.claim(TrainingRun, held)).toBe('claimed');
    await requestCancelJobRow(ctx.dataSource, TrainingRun, held);
    expect(await a.renew(TrainingRun, held)).toBe('cancelled');
    // Held by a live worker: not ended from outside (its worker ends it).
    expect(await endJobRow(ctx.dataSource, TrainingRun, held, { status: 'CANCELLED' }, LOCK_MS)).toBe(false);

    const waiting = await newRun();
    await requestCancelJobRow(ctx.dataSource, TrainingRun, waiting);
    expect(await a.claim(TrainingRun, waiting)).toBe('cancelled');
    expect(await endJobRow(ctx.dataSource, TrainingRun, waiting, { status: 'CANCELLED', message: 'cancelled' }, LOCK_MS)).toBe(true);
    expect(await row(waiting)).toMatchObject({ status: 'CANCELLED', workerId: null });
    expect((await a.unfinished(TrainingRun)).map((r) => r.id)).not.toContain(waiting);
  });

  it('lists unfinished jobs with whether a live worker holds them (what the reconciler queues again)', async () => {
    const a = new JobLeases(ctx.dataSource, 'host:1:a', LOCK_MS);
    const free = await newRun();
    const taken = await newRun();
    expect(await a.claim(TrainingRun, taken)).toBe('claimed');
    const listed = new Map((await a.unfinished(TrainingRun)).map((r) => [r.id, r]));
    expect(listed.get(free)).toMatchObject({ held: false, gpu: false, cancelled: false });
    expect(listed.get(taken)).toMatchObject({ held: true });
    await sleep(LOCK_MS + 100);
    expect(new Map((await a.unfinished(TrainingRun)).map((r) => [r.id, r])).get(taken)).toMatchObject({ held: false });
  });
});
