// `npm run bench:soak`: runs the dashboard for days of simulated time with 50 watched
// classic profiles and a 5-minute poll interval. It moves the page's clock and the
// emulator's forward one interval at a time, waits for each round to finish, and records
// Graph requests per interval, the query cache size, JS heap growth after forced garbage
// collection, and console errors. Prints a Markdown summary for docs/benchmarks.md.
// Run `npm run build` first, because the script serves the build in `--dist`.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import {
  collectPageErrors,
  countRequests,
  describeMachine,
  formatMegabytes,
  formatSeconds,
  launchChromium,
  measureHeapAfterGc,
  readPageState,
  saveWatchSelection,
  signIn,
  startBenchEnvironment,
  waitForRoundToFinish,
} from './harness.mjs';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4790' },
    profiles: { type: 'string', default: '50' },
    days: { type: 'string', default: '7' },
    'max-minutes': { type: 'string', default: '15' },
  },
});

const appPort = Number(values.port);
const profileCount = Number(values.profiles);
const days = Number(values.days);
const maxMinutes = Number(values['max-minutes']);
if (!Number.isInteger(profileCount) || profileCount < 1 || !(days > 0) || !(maxMinutes > 0)) {
  console.error(
    `Invalid --profiles "${values.profiles}", --days "${values.days}" or --max-minutes "${values['max-minutes']}"; ` +
      'use a whole number of profiles and positive numbers of days and minutes.',
  );
  process.exit(2);
}

const INTERVAL_SECONDS = 300;
const INTERVAL_MS = INTERVAL_SECONDS * 1000;
const ROUNDS_PER_DAY = (24 * 3600) / INTERVAL_SECONDS;
const BATCH_LIMIT = 20;
const HEAP_GROWTH_LIMIT_BYTES = 10e6;
/** The start of both clocks, a weekday morning in UTC. */
const START = new Date('2026-03-02T09:00:00.000Z');
/** Refresh tokens must outlive the run, and the emulator's default lifetime is one day. */
const REFRESH_TOKEN_LIFETIME_SECONDS = (days + 1) * 86_400;

const startedAt = performance.now();
const deadline = startedAt + maxMinutes * 60_000;
const expectedCalls = Math.ceil(profileCount / BATCH_LIMIT);
const environment = await startBenchEnvironment({
  name: 'soak',
  appPort,
  dist: values.dist,
  emulatorOptions: { refreshTokenLifetimeSeconds: REFRESH_TOKEN_LIFETIME_SECONDS },
});
const browser = await launchChromium();

try {
  const summary = await soak();
  printSummary(summary);
} finally {
  await browser.close();
  await environment.close();
}

async function soak() {
  const { control, appUrl } = environment;
  environment.writeConfig({ pollIntervalSeconds: INTERVAL_SECONDS, batchRequests: true });

  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');

  // Both clocks start at START and then run in real time. Each round moves both by one interval.
  await control.reset(START);
  await page.clock.install({ time: START });
  const profileIds = await control.addProfiles(profileCount);
  const account = await control.adminAccount();

  await control.clearRequests();
  await signIn(page, appUrl);
  const signInLoad = await waitForRoundToFinish(page, control, { callsBefore: 0, quietMs: 500, timeoutMs: 60_000 });
  const listPages = countRequests(signInLoad.log).listPages;
  await saveWatchSelection(page, account, profileIds);
  await control.clearRequests();
  await page.goto(appUrl);
  await page.waitForFunction(
    (count) => {
      const cards = document.querySelectorAll('.status-board > article');
      return cards.length === count && [...cards].every((card) => card.querySelector('.state-badge') !== null);
    },
    profileCount,
    { polling: 50, timeout: 60_000 },
  );
  await waitForRoundToFinish(page, control, { callsBefore: 0, quietMs: 300, timeoutMs: 60_000, listPages });

  const start = { heap: await measureHeapAfterGc(cdp), metrics: await readMetrics(cdp), queries: (await readPageState(page)).queries };
  const dailyHeap = [];
  const rounds = [];
  const targetRounds = Math.round(days * ROUNDS_PER_DAY);
  let stoppedBecause = null;

  for (let round = 1; round <= targetRounds; round += 1) {
    if (performance.now() > deadline) {
      stoppedBecause = `the ${maxMinutes}-minute time limit was reached`;
      break;
    }
    try {
      rounds.push(await runRound(page, control, listPages));
    } catch (error) {
      stoppedBecause = `round ${round} failed: ${error.message}`;
      break;
    }
    if (round % ROUNDS_PER_DAY === 0) {
      dailyHeap.push(await measureHeapAfterGc(cdp));
      console.error(`day ${round / ROUNDS_PER_DAY}: ${formatMegabytes(dailyHeap.at(-1))} heap after GC, ${formatSeconds(performance.now() - startedAt)} elapsed`);
    }
  }

  const end = { heap: await measureHeapAfterGc(cdp), metrics: await readMetrics(cdp), queries: (await readPageState(page)).queries };
  await context.close();
  return { start, end, dailyHeap, rounds, errors, stoppedBecause, targetRounds };
}

/** Moves both clocks one interval forward, which fires exactly one poll round, and counts its requests. */
async function runRound(page, control, listPages) {
  const before = await readPageState(page);
  await control.clearRequests();
  await control.advanceClock(INTERVAL_MS);
  // fastForward fires each due timer once, as when a machine wakes up. So the due round
  // fires once and schedules the next round a full interval later.
  await page.clock.fastForward(INTERVAL_MS);
  const { log, state } = await waitForRoundToFinish(page, control, { callsBefore: before.callsSent, quietMs: 60, timeoutMs: 60_000, listPages });
  const counts = countRequests(log);
  return { ...counts, queries: state.queries };
}

async function readMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
}

function printSummary({ start, end, dailyHeap, rounds, errors, stoppedBecause, targetRounds }) {
  const calls = rounds.map((round) => round.calls);
  const mean = calls.reduce((sum, value) => sum + value, 0) / Math.max(1, calls.length);
  const simulatedDays = rounds.length / ROUNDS_PER_DAY;
  const growth = end.heap - start.heap;
  const queryTotals = rounds.map((round) => round.queries?.total ?? 0);
  const expectedQueries = profileCount + 1;

  console.log(`Machine: ${describeMachine(browser)}. ${profileCount} watched classic profiles, poll interval ${INTERVAL_SECONDS} s, emulator latency 0 ms.`);
  console.log('');
  console.log(
    `Simulated ${simulatedDays.toFixed(2)} days (${rounds.length} of ${targetRounds} rounds) in ${formatSeconds(performance.now() - startedAt)} of real time` +
      (stoppedBecause === null ? '.' : `; stopped early because ${stoppedBecause}.`),
  );
  console.log('');
  console.log('| Measure | Target | Result |');
  console.log('| --- | --- | --- |');
  console.log(`| Graph calls per interval (min / max / mean) | ${expectedCalls} | ${Math.min(...calls)} / ${Math.max(...calls)} / ${mean.toFixed(2)} |`);
  console.log(`| Rounds with other than ${expectedCalls} calls | 0 | ${calls.filter((value) => value !== expectedCalls).length} of ${rounds.length} |`);
  console.log(`| CORS preflights per interval (min / max) | | ${Math.min(...rounds.map((round) => round.preflights))} / ${Math.max(...rounds.map((round) => round.preflights))} |`);
  console.log(`| Identity requests (token refreshes) over the run | | ${rounds.reduce((sum, round) => sum + round.identity, 0)} |`);
  console.log(`| Query cache entries (start / min / max / end) | ${expectedQueries} | ${start.queries?.total} / ${Math.min(...queryTotals)} / ${Math.max(...queryTotals)} / ${end.queries?.total} |`);
  console.log(`| Polled query cache entries (start / end) | ${expectedQueries} | ${start.queries?.polled} / ${end.queries?.polled} |`);
  console.log(`| JS heap used after GC (start / end) | | ${formatMegabytes(start.heap)} / ${formatMegabytes(end.heap)} |`);
  console.log(`| JS heap growth | under ${formatMegabytes(HEAP_GROWTH_LIMIT_BYTES)} | ${formatMegabytes(growth)} |`);
  console.log(`| DOM nodes (start / end) | | ${start.metrics.Nodes} / ${end.metrics.Nodes} |`);
  console.log(`| JS event listeners (start / end) | | ${start.metrics.JSEventListeners} / ${end.metrics.JSEventListeners} |`);
  console.log(`| Console errors and uncaught exceptions | 0 | ${errors.length} |`);

  if (dailyHeap.length > 0) {
    console.log('');
    console.log(`JS heap after GC at the end of each simulated day: ${dailyHeap.map(formatMegabytes).join(', ')}.`);
  }

  printDeviations(rounds);

  if (errors.length > 0) {
    console.log('');
    console.log('Errors (first 20):');
    for (const error of errors.slice(0, 20)) {
      console.log(`- ${error}`);
    }
  }
}

/** Prints a histogram of the rounds whose call count differs from the target, with the paths they called. */
function printDeviations(rounds) {
  const byCount = new Map();
  rounds.forEach((round, index) => {
    if (round.calls === expectedCalls) {
      return;
    }
    const entry = byCount.get(round.calls) ?? { rounds: [], paths: new Map() };
    entry.rounds.push(index + 1);
    for (const [path, count] of round.paths) {
      entry.paths.set(path, Math.max(entry.paths.get(path) ?? 0, count));
    }
    byCount.set(round.calls, entry);
  });
  if (byCount.size === 0) {
    return;
  }

  console.log('');
  console.log('Rounds that deviated:');
  console.log('');
  console.log('| Calls in the round | Rounds | First rounds (1 = first interval) | Calls by path (most in one round) |');
  console.log('| ---: | ---: | --- | --- |');
  for (const [count, entry] of [...byCount].sort((a, b) => a[0] - b[0])) {
    const paths = [...entry.paths].map(([path, pathCount]) => `${path} ×${pathCount}`).join('; ');
    console.log(`| ${count} | ${entry.rounds.length} | ${entry.rounds.slice(0, 6).join(', ')}${entry.rounds.length > 6 ? ', …' : ''} | ${paths} |`);
  }
}
