import { describe, expect, it } from 'vitest';
import { createClock, parseIsoTime } from './clock.mjs';

function fakeRealTime(startMs) {
  let nowMs = startMs;
  return { realNow: () => nowMs, pass: (ms) => (nowMs += ms) };
}

describe('createClock', () => {
  it('starts at real time and runs with it', () => {
    const real = fakeRealTime(1_000_000);
    const clock = createClock({ realNow: real.realNow });
    real.pass(250);
    expect(clock.now()).toBe(1_000_250);
  });

  it('keeps running after set', () => {
    const real = fakeRealTime(1_000_000);
    const clock = createClock({ realNow: real.realNow });
    clock.set(Date.parse('2025-03-03T08:00:00Z'));
    real.pass(1500);
    expect(clock.now()).toBe(Date.parse('2025-03-03T08:00:01.500Z'));
  });

  it('adds explicit advances to elapsed time', () => {
    const real = fakeRealTime(0);
    const clock = createClock({ realNow: real.realNow });
    clock.set(10_000);
    clock.advance(60_000);
    real.pass(5);
    expect(clock.now()).toBe(70_005);
  });

  it('returns to real time on reset', () => {
    const real = fakeRealTime(500);
    const clock = createClock({ realNow: real.realNow });
    clock.set(99_999_999);
    real.pass(100);
    clock.reset();
    expect(clock.now()).toBe(600);
  });

  it('rejects a time that is not a number', () => {
    const clock = createClock({ realNow: () => 0 });
    expect(() => clock.set(Number.NaN)).toThrow(RangeError);
    expect(() => clock.advance(Infinity)).toThrow(RangeError);
  });
});

describe('parseIsoTime', () => {
  it('parses times with a zone', () => {
    expect(parseIsoTime('2025-03-03T08:00:00Z')).toBe(Date.UTC(2025, 2, 3, 8));
    expect(parseIsoTime('2025-03-03T09:00:00+01:00')).toBe(Date.UTC(2025, 2, 3, 8));
  });

  it('rejects local times and other values', () => {
    expect(() => parseIsoTime('2025-03-03T08:00:00')).toThrow(/Z or an offset/);
    expect(() => parseIsoTime(1741000000000)).toThrow(RangeError);
  });
});
