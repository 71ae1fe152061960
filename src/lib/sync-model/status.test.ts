import { describe, expect, it } from 'vitest';
import { compareSeverity, itemKey, parseItemKey, SYNC_STATES, worstOf, type SyncState } from './status';

const WORST_FIRST: SyncState[] = [
  'failed',
  'expired',
  'overdue',
  'warning',
  'unknown',
  'paused',
  'inProgress',
  'healthy',
];

describe('compareSeverity', () => {
  it('lists the states from worst to best', () => {
    expect([...SYNC_STATES]).toEqual(WORST_FIRST);
  });

  it.each(WORST_FIRST.slice(0, -1).map((state, index) => [state, WORST_FIRST[index + 1] as SyncState]))(
    'ranks %s worse than %s',
    (worse, better) => {
      expect(compareSeverity(worse, better)).toBeGreaterThan(0);
      expect(compareSeverity(better, worse)).toBeLessThan(0);
    },
  );

  it.each(WORST_FIRST)('ranks %s equal to itself', (state) => {
    expect(compareSeverity(state, state)).toBe(0);
  });

  it('sorts a shuffled list worst first', () => {
    const shuffled: SyncState[] = ['healthy', 'overdue', 'paused', 'failed', 'unknown', 'inProgress', 'warning', 'expired'];

    const sorted = [...shuffled].sort((a, b) => compareSeverity(b, a));

    expect(sorted).toEqual(WORST_FIRST);
  });
});

describe('worstOf', () => {
  it('returns undefined for no states', () => {
    expect(worstOf([])).toBeUndefined();
  });

  it('returns the only state', () => {
    expect(worstOf(['paused'])).toBe('paused');
  });

  it.each([
    [['healthy', 'failed', 'warning'], 'failed'],
    [['warning', 'expired'], 'expired'],
    [['healthy', 'overdue', 'warning'], 'overdue'],
    [['unknown', 'warning'], 'warning'],
    [['paused', 'unknown'], 'unknown'],
    [['inProgress', 'paused'], 'paused'],
    [['healthy', 'inProgress'], 'inProgress'],
    [['healthy', 'healthy'], 'healthy'],
  ] as [SyncState[], SyncState][])('picks the worst of %j', (states, expected) => {
    expect(worstOf(states)).toBe(expected);
  });

  it('accepts any iterable', () => {
    expect(worstOf(new Set<SyncState>(['healthy', 'unknown']))).toBe('unknown');
  });
});

describe('itemKey', () => {
  it('joins source and id', () => {
    expect(itemKey({ source: 'classic', id: '24114164-9925-49ce-8c6a-91f9c5ae2331' })).toBe(
      'classic:24114164-9925-49ce-8c6a-91f9c5ae2331',
    );
    expect(itemKey({ source: 'industryData', id: 'flow-1' })).toBe('industryData:flow-1');
  });

  it('round-trips through parseItemKey', () => {
    const ref = { source: 'industryData' as const, id: '5f9d2a64-7b1e-4d83-c2a5-08ddb8c4e3f0' };

    expect(parseItemKey(itemKey(ref))).toEqual(ref);
  });
});

describe('parseItemKey', () => {
  it('reads a known source prefix', () => {
    expect(parseItemKey('classic:abc')).toEqual({ source: 'classic', id: 'abc' });
  });

  it('trims spaces around the key and the id', () => {
    expect(parseItemKey('  industryData: flow-1 ')).toEqual({ source: 'industryData', id: 'flow-1' });
  });

  it('returns a bare id without source', () => {
    expect(parseItemKey('24114164-9925-49ce-8c6a-91f9c5ae2331')).toEqual({
      source: undefined,
      id: '24114164-9925-49ce-8c6a-91f9c5ae2331',
    });
  });

  it('keeps an unknown prefix as part of the id', () => {
    expect(parseItemKey('other:abc')).toEqual({ source: undefined, id: 'other:abc' });
  });

  it('keeps colons after the source in the id', () => {
    expect(parseItemKey('classic:a:b')).toEqual({ source: 'classic', id: 'a:b' });
  });

  it('treats a leading colon as part of a bare id', () => {
    expect(parseItemKey(':abc')).toEqual({ source: undefined, id: ':abc' });
  });

  it.each(['', '   ', 'classic:', 'industryData:   '])('rejects %j', (text) => {
    expect(parseItemKey(text)).toBeUndefined();
  });

  it('is case-sensitive about the source', () => {
    expect(parseItemKey('Classic:abc')).toEqual({ source: undefined, id: 'Classic:abc' });
  });
});
