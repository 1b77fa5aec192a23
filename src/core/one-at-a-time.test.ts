import { describe, expect, it } from 'vitest';
import { oneAtATime } from './one-at-a-time.ts';

/** A promise and the function that resolves it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('oneAtATime', () => {
  it('answers the calls made during a run with one more run, which sees the last change', async () => {
    // A folder that gains files, and a store that a run fills with what it read at its start.
    const folder: string[] = [];
    let store: string[] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    let overlapping = 0;
    let most = 0;
    const sync = oneAtATime(async () => {
      overlapping++;
      most = Math.max(most, overlapping);
      const read = [...folder];
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
      store = read;
      overlapping--;
    });
    folder.push('a.md');
    const first = sync();
    folder.push('b.md');
    const second = sync();
    folder.push('c.md');
    const third = sync();
    expect(second).toBe(third);
    expect(gates).toHaveLength(1);
    gates[0]!.resolve();
    await first;
    expect(store).toEqual(['a.md']);
    await expect.poll(() => gates.length).toBe(2);
    gates[1]!.resolve();
    await third;
    expect(store).toEqual(['a.md', 'b.md', 'c.md']);
    expect(gates).toHaveLength(2);
    expect(most).toBe(1);
  });

  it('runs again after a failed run, and each call settles with its own run', async () => {
    let runs = 0;
    const gate = deferred();
    const sync = oneAtATime(async () => {
      runs++;
      if (runs === 1) {
        await gate.promise;
        throw new Error('the folder was gone');
      }
    });
    const failing = sync();
    const after = sync();
    gate.resolve();
    await expect(failing).rejects.toThrow('the folder was gone');
    await expect(after).resolves.toBeUndefined();
    expect(runs).toBe(2);
    await sync();
    expect(runs).toBe(3);
  });
});
