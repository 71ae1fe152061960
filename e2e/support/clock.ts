import type { Page } from '@playwright/test';

import type { EmulatorControl } from './emulator-control';

/** A fixed start time for tests that move the clock: a weekday morning in UTC. */
export const TEST_START = new Date('2026-03-02T09:00:00.000Z');

/**
 * Starts the page's clock and the emulator's at the same time, so tokens, timestamps and
 * "N minutes ago" agree. Call before the page first loads.
 */
export async function startClocks(page: Page, emulator: EmulatorControl, start = TEST_START): Promise<void> {
  await emulator.reset(start);
  await page.clock.install({ time: start });
}

/** Moves both clocks forward by `milliseconds`, firing the page's timers that fall due. */
export async function advanceClocks(page: Page, emulator: EmulatorControl, milliseconds: number): Promise<void> {
  await emulator.advanceClock(milliseconds);
  await page.clock.runFor(milliseconds);
}
