#!/usr/bin/env node
// Command line entry of the emulator. Prints one "emulator ready" line when both listeners are up
// and stops cleanly on SIGINT or SIGTERM.
import { parseArgs } from 'node:util';
import { startEmulator } from './server.mjs';

const USAGE = `Usage: node emulator/main.mjs --client-id <id> --redirect-uri <uri> [--redirect-uri <uri>...] [options]

Emulates the Microsoft identity platform and the Graph beta School Data Sync endpoints on loopback.

Options:
  --client-id <id>             application (client) id of the single-page app to register (required)
  --redirect-uri <uri>         exact redirect URI of that app; repeat for several (at least one)
  --https-port <port>          port of the HTTPS listener (HTTP/2 and HTTP/1.1); default 4381
  --http-port <port>           port of the plain HTTP listener; default 4382
  --host <address>             address both listeners bind to; default 127.0.0.1
  --latency-ms <ms>            delay added to every Graph request, in milliseconds; default 0
  --access-token-lifetime <s>  access token lifetime in seconds, 300 or more; default 3600
  --refresh-token-lifetime <s> refresh token lifetime in seconds; default 86400
  --verbose                    log one line per request to stdout (no tokens, codes or cookies)
  --help                       show this text`;

function parsePort(text, name) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new RangeError(`--${name} must be a port number from 0 to 65535, got "${text}".`);
  }
  return value;
}

function parseSeconds(text, name) {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`--${name} must be a number, 0 or more, got "${text}".`);
  }
  return value;
}

async function main() {
  const { values } = parseArgs({
    options: {
      'client-id': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'https-port': { type: 'string', default: '4381' },
      'http-port': { type: 'string', default: '4382' },
      host: { type: 'string', default: '127.0.0.1' },
      'latency-ms': { type: 'string', default: '0' },
      'access-token-lifetime': { type: 'string', default: '3600' },
      'refresh-token-lifetime': { type: 'string', default: '86400' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values['client-id'] || !values['redirect-uri']?.length) {
    throw new RangeError(`--client-id and at least one --redirect-uri are required.\n\n${USAGE}`);
  }

  const emulator = await startEmulator({
    httpsPort: parsePort(values['https-port'], 'https-port'),
    httpPort: parsePort(values['http-port'], 'http-port'),
    host: values.host,
    clients: [{ clientId: values['client-id'], redirectUris: values['redirect-uri'] }],
    latencyMs: parseSeconds(values['latency-ms'], 'latency-ms'),
    accessTokenLifetimeSeconds: parseSeconds(values['access-token-lifetime'], 'access-token-lifetime'),
    refreshTokenLifetimeSeconds: parseSeconds(values['refresh-token-lifetime'], 'refresh-token-lifetime'),
    log: values.verbose ? (line) => console.log(line) : undefined,
  });
  console.log(`emulator ready https=${emulator.httpsOrigin} http=${emulator.httpOrigin} tenant=${emulator.tenantId}`);

  const stop = async (signal) => {
    console.log(`emulator stopping on ${signal}`);
    await emulator.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`emulator failed to start: ${error.message}`);
  process.exit(1);
});
