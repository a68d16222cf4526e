import { describe, expect, it } from 'vitest';
import { forEachConcurrently } from '../../shared/concurrency.js';

describe('forEachConcurrently', () => {
  it('does every item once, never more than the bound at a time', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (item, index) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5 * (item % 3)));
      expect(index).toBe(item - 1);
      done.push(item);
      running--;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('rejects with the first failure', async () => {
    await expect(
      forEachConcurrently(['a', 'b'], 2, async (item) => {
        if (item === 'b') throw new Error('b failed');
      }),
    ).rejects.toThrow('b failed');
  });

  it('starts no worker for no items', async () => {
    let calls = 0;
    await forEachConcurrently([], 4, async () => {
      calls++;
    });
    expect(calls).toBe(0);
  });
});
