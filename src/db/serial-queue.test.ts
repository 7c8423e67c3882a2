import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue';

/** A job that logs its name as it starts and takes 5 ms. */
const loggedJob = (log: string[]) => (name: string) => async () => {
  log.push(name);
  await new Promise((r) => setTimeout(r, 5));
};

describe('SerialQueue', () => {
  it('runs jobs one at a time in order, and goes on after a failure', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const job = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) => {
        log.push(`start ${name}`);
        setTimeout(() => {
          log.push(`end ${name}`);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms);
      });
    const a = q.run(job('a', 20));
    const b = q.run(job('b', 1, true));
    const c = q.run(job('c', 1));
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b');
    await expect(c).resolves.toBe('c');
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('starts a low job only when no other job waits', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const job = loggedJob(log);
    const first = q.run(job('view 1'));
    const lows = [q.run(job('save 1'), true), q.run(job('save 2'), true)];
    const second = q.run(job('view 2'));
    await Promise.all([first, second, ...lows]);
    expect(log).toEqual(['view 1', 'view 2', 'save 1', 'save 2']);
  });

  it('lets a job queued while a low job runs go before the next low job', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const job = loggedJob(log);
    const lows = [q.run(job('save 1'), true), q.run(job('save 2'), true)];
    await new Promise((r) => setTimeout(r, 1));
    const view = q.run(job('view'));
    await Promise.all([view, ...lows]);
    expect(log).toEqual(['save 1', 'view', 'save 2']);
  });
});
