// `npm run bench:batching`: measures what `$batch` saves. It watches N classic profiles
// with `batchRequests` on and off. For each case it records the Graph requests that reach
// the emulator in one poll interval in steady state, and the time from page load (already
// signed in) until every card shows data. Prints Markdown for docs/benchmarks.md.
// Run `npm run build` first, because the script serves the build in `--dist`.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import {
  collectPageErrors,
  countRequests,
  describeMachine,
  formatSeconds,
  launchChromium,
  readPageState,
  recordProtocols,
  signIn,
  startBenchEnvironment,
  saveWatchSelection,
  waitForRoundToFinish,
} from './harness.mjs';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4780' },
    sizes: { type: 'string', default: '1,20,21,100,500' },
    rounds: { type: 'string', default: '3' },
    loads: { type: 'string', default: '3' },
    'latency-ms': { type: 'string', default: '100' },
  },
});

const appPort = Number(values.port);
const sizes = values.sizes.split(',').map(Number);
const roundCount = Number(values.rounds);
const loadCount = Number(values.loads);
const latencyMs = Number(values['latency-ms']);
if ([...sizes, roundCount, loadCount].some((number) => !Number.isInteger(number) || number < 1)) {
  console.error(
    `Invalid --sizes "${values.sizes}", --rounds "${values.rounds}" or --loads "${values.loads}"; ` +
      'use whole numbers of 1 or more, such as --sizes 1,20 --rounds 3 --loads 3.',
  );
  process.exit(2);
}

/** The smallest poll interval config.json accepts, in seconds. */
const INTERVAL_SECONDS = 15;
const LOAD_TIMEOUT_MS = 180_000;

const startedAt = performance.now();
const environment = await startBenchEnvironment({ name: 'batching', appPort, dist: values.dist });
const browser = await launchChromium();

try {
  const account = await environment.control.adminAccount();
  // The tenant grows with N (its 6 own profiles plus N generated ones), so the profile
  // list the dashboard pages through is as long as a school with N profiles would have.
  const profileIds = [];
  const results = [];
  for (const size of [...sizes].sort((a, b) => a - b)) {
    if (profileIds.length < size) {
      profileIds.push(...(await environment.control.addProfiles(size - profileIds.length)));
    }
    for (const batched of [true, false]) {
      const measureStarted = performance.now();
      const result = await measure(profileIds.slice(0, size), batched, account);
      results.push(result);
      console.error(
        `N=${size} batching ${batched ? 'on' : 'off'}: ${formatSeconds(result.timeToDataMs)} until data, ` +
          `calls per round ${result.rounds.map((round) => round.calls).join('/')}, measured in ${formatSeconds(performance.now() - measureStarted)}`,
      );
    }
  }
  printReport(results);
} finally {
  await browser.close();
  await environment.close();
}

/**
 * Measures one configuration in a fresh browser context. It signs in, saves the watched
 * profiles as the admin's choice, and times page loads until every card has a state
 * badge. Then it moves the page's clock and the emulator's forward one interval at a
 * time and counts the requests of each round.
 */
async function measure(profileIds, batched, account) {
  const { control, appUrl, emulator } = environment;
  environment.writeConfig({ pollIntervalSeconds: INTERVAL_SECONDS, batchRequests: batched });
  await control.setLatency(0);

  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  try {
    // The page's timers run in real time until a round is fast-forwarded below.
    await page.clock.install();
    await control.clearRequests();
    await signIn(page, appUrl);
    // After sign-in the dashboard loads the profile list. Let it finish, so that the
    // emulator responds to none of its requests after the log is cleared for the timed load.
    await waitForRoundToFinish(page, control, { callsBefore: 0, quietMs: 300, timeoutMs: 120_000 });

    await control.setLatency(latencyMs);
    await saveWatchSelection(page, account, profileIds);
    const loadTimes = [];
    for (let load = 0; load < loadCount; load += 1) {
      // The emulator still responds to (and logs) requests cut off by leaving the page,
      // after its latency. Let them land before the log is cleared for this load.
      await page.goto('about:blank');
      await sleep(latencyMs + 500);
      await control.clearRequests();
      loadTimes.push(await timeLoad(page, appUrl, profileIds.length));
    }

    // The profile list may still be paging, so the rounds start once the page is quiet.
    const load = await waitForRoundToFinish(page, control, { callsBefore: 0, quietMs: latencyMs + 400, timeoutMs: LOAD_TIMEOUT_MS });
    // Recording starts after the timed load, so the DevTools protocol does not slow it.
    const protocols = await recordProtocols(await context.newCDPSession(page), emulator.httpsOrigin);

    const rounds = [];
    for (let round = 0; round < roundCount; round += 1) {
      const before = await readPageState(page);
      await control.clearRequests();
      await control.advanceClock(INTERVAL_SECONDS * 1000);
      await page.clock.fastForward(INTERVAL_SECONDS * 1000);
      const { log } = await waitForRoundToFinish(page, control, { callsBefore: before.callsSent, quietMs: latencyMs + 300, timeoutMs: 60_000 });
      rounds.push(countRequests(log));
    }

    return { size: profileIds.length, batched, timeToDataMs: median(loadTimes), loadTimes, load: countRequests(load.log), rounds, protocols: [...protocols], errors };
  } finally {
    await context.close();
  }
}

/** Opens the app and returns the ms until the board shows `count` cards, each with a state badge. */
async function timeLoad(page, appUrl, count) {
  const started = performance.now();
  await page.goto(appUrl, { waitUntil: 'commit' });
  await page.waitForFunction(
    (expected) => {
      const cards = document.querySelectorAll('.status-board > article');
      return cards.length === expected && [...cards].every((card) => card.querySelector('.state-badge') !== null);
    },
    count,
    { polling: 25, timeout: LOAD_TIMEOUT_MS },
  );
  return performance.now() - started;
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function sleep(milliseconds) {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, milliseconds));
}

/** "3", or "3–5" when the rounds differ. */
function formatRange(numbers) {
  const low = Math.min(...numbers);
  const high = Math.max(...numbers);
  return low === high ? String(low) : `${low}–${high}`;
}

/** Graph calls per round, with the CORS preflights that preceded them in brackets. */
function formatRequests(rounds) {
  const calls = formatRange(rounds.map((round) => round.calls));
  const preflights = formatRange(rounds.map((round) => round.preflights));
  if (preflights === '0') {
    return calls;
  }
  return `${calls} (+${preflights} ${preflights === '1' ? 'preflight' : 'preflights'})`;
}

function printReport(results) {
  const bySize = new Map();
  for (const result of results) {
    bySize.set(result.size, { ...bySize.get(result.size), [result.batched ? 'batched' : 'unbatched']: result });
  }

  console.log(`Machine: ${describeMachine(browser)}. Emulator latency ${latencyMs} ms per Graph request, poll interval ${INTERVAL_SECONDS} s, ${roundCount} rounds per configuration.`);
  console.log('');
  console.log('| N | Batched: requests per interval | One request per item: requests per interval | Batched: time until every card shows data | One request per item: time until every card shows data |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  for (const [size, { batched, unbatched }] of bySize) {
    console.log(
      `| ${size} | ${formatRequests(batched.rounds)} | ${formatRequests(unbatched.rounds)} ` +
        `| ${formatSeconds(batched.timeToDataMs)} | ${formatSeconds(unbatched.timeToDataMs)} |`,
    );
  }

  console.log('');
  console.log('Details per configuration. Items are Graph requests inside and outside batches; a preflight is a CORS OPTIONS request.');
  console.log('');
  console.log('| N | Batching | Each timed load | Items polled per round | Last load: calls / preflights / items | Graph protocol | Page errors |');
  console.log('| ---: | --- | --- | ---: | ---: | --- | ---: |');
  for (const result of results) {
    console.log(
      `| ${result.size} | ${result.batched ? 'on' : 'off'} | ${result.loadTimes.map(formatSeconds).join(', ')} ` +
        `| ${formatRange(result.rounds.map((round) => round.items))} ` +
        `| ${result.load.calls} / ${result.load.preflights} / ${result.load.items} ` +
        `| ${result.protocols.join(', ')} | ${result.errors.length} |`,
    );
  }

  const errors = results.flatMap((result) => result.errors.map((error) => `N=${result.size} batching ${result.batched ? 'on' : 'off'}: ${error}`));
  for (const error of errors.slice(0, 20)) {
    console.log(`- ${error}`);
  }

  const misses = results.filter((result) => result.batched && result.rounds.some((round) => round.calls !== Math.ceil(result.size / 20)));
  console.log('');
  console.log(
    misses.length === 0
      ? 'Every batched round used ceil(N/20) requests.'
      : `Target missed: batched rounds used other than ceil(N/20) requests for N = ${misses.map((result) => result.size).join(', ')}.`,
  );
  console.log(`Whole run: ${formatSeconds(performance.now() - startedAt)}.`);
}
