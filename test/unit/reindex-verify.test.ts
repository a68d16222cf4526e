import { describe, expect, it } from 'vitest';
import { findMismatches, isReconciled } from '../../shared/ingest/reindex-verify.js';

const live = (version: number) => ({ version, deleted: false });
const tombstone = (version: number) => ({ version, deleted: true });

describe('findMismatches', () => {
  it('accepts an index holding every item at its version, tombstones included', () => {
    const table = new Map([
      ['a', 3],
      ['b', 2],
    ]);
    const index = new Map([
      ['a', live(3)],
      ['b', tombstone(2)],
    ]);
    expect(findMismatches(table, index)).toEqual([]);
  });

  it('accepts an extra tombstone (deleted outside the API) but not an extra live document', () => {
    const index = new Map([
      ['removed', tombstone(5)],
      ['ghost', live(1)],
    ]);
    expect(findMismatches(new Map(), index)).toEqual([{ id: 'ghost', index: live(1) }]);
  });

  it('reports missing documents and other versions', () => {
    const table = new Map([
      ['missing', 1],
      ['behind', 4],
      ['ahead', 1],
    ]);
    const index = new Map([
      ['behind', live(3)],
      ['ahead', live(2)],
    ]);
    expect(findMismatches(table, index)).toEqual([
      { id: 'missing', table: 1, index: undefined },
      { id: 'behind', table: 4, index: live(3) },
      { id: 'ahead', table: 1, index: live(2) },
    ]);
  });
});

describe('isReconciled', () => {
  it('accepts an index that reached the snapshot version while the table moved on', () => {
    expect(isReconciled(4, { kind: 'present', version: 6 }, live(5))).toBe(true);
    expect(isReconciled(4, { kind: 'present', version: 6 }, live(4))).toBe(true);
  });

  it('waits while the index is below the snapshot or missing', () => {
    expect(isReconciled(4, { kind: 'present', version: 4 }, live(3))).toBe(false);
    expect(isReconciled(4, { kind: 'present', version: 4 }, undefined)).toBe(false);
  });

  it('never accepts an index ahead of the table', () => {
    expect(isReconciled(2, { kind: 'present', version: 2 }, live(3))).toBe(false);
  });

  it('accepts a document the scan had not seen once the table holds it at that version', () => {
    expect(isReconciled(undefined, { kind: 'present', version: 1 }, live(1))).toBe(true);
  });

  it('accepts a tombstone or nothing for an item gone from the table, not a live document', () => {
    expect(isReconciled(3, { kind: 'absent' }, tombstone(4))).toBe(true);
    expect(isReconciled(3, { kind: 'absent' }, undefined)).toBe(true);
    expect(isReconciled(3, { kind: 'absent' }, live(3))).toBe(false);
  });

  it('leaves items the indexer can never accept out of the comparison', () => {
    expect(isReconciled(1, { kind: 'unindexable' }, undefined)).toBe(true);
  });
});
