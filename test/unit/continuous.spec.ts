import { baselineOf, psi, sharesIn } from '../../src/services/drift.service';
import { nextCronTime } from '../../src/services/schedule.service';
import { isPrivateAddress, signBody, verifySignature } from '../../src/services/webhook.service';

describe('population stability index', () => {
  const values = Array.from({ length: 1000 }, (_, i) => Math.log1p(i));

  it('is 0 for the same data and grows with a shift', () => {
    const base = baselineOf(values);
    expect(base.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(base.shares).toHaveLength(10);
    expect(psi(base.shares, sharesIn(base.edges, values))).toBeCloseTo(0, 10);
    const shifted = values.map((v) => v + 1);
    expect(psi(base.shares, sharesIn(base.edges, shifted))).toBeGreaterThan(0.2);
    // A small shift stays under the usual 0.1 "no change" line.
    expect(psi(base.shares, sharesIn(base.edges, values.map((v, i) => (i % 50 === 0 ? v + 0.5 : v))))).toBeLessThan(0.1);
  });

  it('matches the textbook sum for two known distributions', () => {
    const expected = [0.5, 0.5];
    const actual = [0.7, 0.3];
    expect(psi(expected, actual)).toBeCloseTo(0.2 * Math.log(0.7 / 0.5) + -0.2 * Math.log(0.3 / 0.5), 12);
  });

  it('gives a column with few distinct values fewer bins, and an empty bin does not make it infinite', () => {
    const base = baselineOf([0, 0, 0, 1, 1, 1, 1, 2, 2, 2]);
    expect(base.edges).toEqual([1, 2]);
    expect(sharesIn(base.edges, [0, 1, 2])).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(Number.isFinite(psi(base.shares, sharesIn(base.edges, [5, 5, 5])))).toBe(true);
  });
});

describe('webhook signatures', () => {
  const body = '{"events":[{"type":"segment.entered"}]}';
  const now = 1_800_000_000;

  it('verifies what it signed, and nothing else', () => {
    const header = signBody('s3cret-s3cret-s3cret', body, now);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('s3cret-s3cret-s3cret', body, header, 300, now)).toBe(true);
    expect(verifySignature('s3cret-s3cret-s3cret', body.replace('entered', 'exited'), header, 300, now)).toBe(false);
    expect(verifySignature('another-secret-here', body, header, 300, now)).toBe(false);
    expect(verifySignature('s3cret-s3cret-s3cret', body, 'garbage', 300, now)).toBe(false);
  });

  it('refuses a replay outside the tolerance', () => {
    const header = signBody('s3cret-s3cret-s3cret', body, now - 600);
    expect(verifySignature('s3cret-s3cret-s3cret', body, header, 300, now)).toBe(false);
  });
});

describe('cron', () => {
  it('gives the next time in UTC and names a bad expression', () => {
    expect(nextCronTime('0 3 * * *', new Date('2026-12-02T05:00:00Z')).toISOString()).toBe('2026-12-03T03:00:00.000Z');
    expect(nextCronTime('*/15 * * * *', new Date('2026-12-02T05:01:00Z')).toISOString()).toBe('2026-12-02T05:15:00.000Z');
    expect(() => nextCronTime('61 3 * * *', new Date())).toThrow(/is not a cron expression/);
  });
});

describe('webhook receivers on the internal network', () => {
  it('tells private, loopback and link-local addresses from public ones', () => {
    for (const a of ['127.0.0.1', '10.0.0.5', '172.16.3.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '224.0.0.1']) {
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });
});
