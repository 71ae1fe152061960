// `npm run demo`: builds the app, starts the emulator and a static server for the build,
// and prints the address to open. The app is configured as for a real tenant, except that
// its sign-in endpoints and Graph point at the emulator. Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { startEmulator } from '../emulator/server.mjs';
import { startStaticServer } from './serve-static.mjs';

const CLIENT_ID = '3f6c2b8e-9a41-4d7c-b5e2-1c8a7d9f0e64';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.DEMO_PORT ?? '4280' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const appPort = Number(values.port);
const appUrl = `http://localhost:${appPort}/`;

if (!values['skip-build']) {
  console.log('Building the app…');
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; see the output above.');
    process.exit(build.status ?? 1);
  }
}

const emulator = await startEmulator({
  httpsPort: appPort + 1,
  httpPort: appPort + 2,
  clients: [{ clientId: CLIENT_ID, redirectUris: [`${appUrl}redirect.html`, appUrl] }],
});

// MSAL accepts only an https authority. The authority text stays https, and the endpoints
// MSAL really calls come from authorityMetadata on the emulator's plain-http listener, so
// the visitor's browser never meets the emulator's self-signed certificate.
const authority = `${emulator.httpsOrigin.replace('127.0.0.1', 'localhost')}/${emulator.tenantId}`;
const identityRoot = `${emulator.httpOrigin}/${emulator.tenantId}`;
const config = {
  clientId: CLIENT_ID,
  authority,
  knownAuthorities: [new URL(authority).host],
  authorityMetadata: JSON.stringify({
    issuer: `${identityRoot}/v2.0`,
    authorization_endpoint: `${identityRoot}/oauth2/v2.0/authorize`,
    token_endpoint: `${identityRoot}/oauth2/v2.0/token`,
    end_session_endpoint: `${identityRoot}/oauth2/v2.0/logout`,
    jwks_uri: `${identityRoot}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
  }),
  graphBaseUrl: emulator.httpOrigin,
  pollIntervalSeconds: 15,
};
mkdirSync('.emulator', { recursive: true });
writeFileSync('.emulator/demo-config.json', JSON.stringify(config, null, 2));

const server = await startStaticServer({ root: 'dist', port: appPort, configPath: '.emulator/demo-config.json' });

console.log(`
SDS Sync Monitor demo is running.

  Open ${appUrl} and sign in as Avery Howard (the demo SDS admin).
  Cards change state within a few minutes as the emulated tenant syncs.

  Emulator: ${emulator.httpOrigin} (control endpoint under /_emulator/)
  Press Ctrl-C to stop.
`);

let stopping = false;
async function stop() {
  if (stopping) {
    return;
  }
  stopping = true;
  await Promise.allSettled([server.close(), emulator.close()]);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
