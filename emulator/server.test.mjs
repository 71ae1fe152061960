import http2 from 'node:http2';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './server.mjs';
import { authorizeParameters, createPkce, TEST_CLIENTS } from './testing/identity-client.mjs';

let emulator;

beforeAll(async () => {
  emulator = await startEmulator({ clients: TEST_CLIENTS });
});

afterAll(async () => {
  await emulator?.close();
});

/** Sends an HTTP/1.1 request over TLS that trusts the emulator's certificate. */
function httpsRequest(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method, headers, ca: emulator.certificatePem }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Sends a GET over HTTP/2 that trusts the emulator's certificate. */
function http2Get(origin, path) {
  return new Promise((resolve, reject) => {
    const session = http2.connect(origin, { ca: emulator.certificatePem });
    session.on('error', reject);
    const stream = session.request({ ':path': path });
    let text = '';
    let status;
    stream.setEncoding('utf8');
    stream.on('response', (headers) => (status = headers[':status']));
    stream.on('data', (chunk) => (text += chunk));
    stream.on('end', () => {
      const protocol = session.alpnProtocol;
      session.close();
      resolve({ status, text, protocol });
    });
    stream.on('error', reject);
  });
}

describe('HTTPS listener', () => {
  it('speaks HTTP/2 and advertises the https origin', async () => {
    const response = await http2Get(emulator.httpsOrigin, `/${emulator.tenantId}/v2.0/.well-known/openid-configuration`);

    expect(response.protocol).toBe('h2');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).issuer).toBe(`${emulator.httpsOrigin}/${emulator.tenantId}/v2.0`);
  });

  it('speaks HTTP/1.1 with the name localhost', async () => {
    const localhostOrigin = emulator.httpsOrigin.replace('127.0.0.1', 'localhost');
    const response = await httpsRequest(`${localhostOrigin}/${emulator.tenantId}/v2.0/.well-known/openid-configuration`);

    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).token_endpoint).toBe(`${localhostOrigin}/${emulator.tenantId}/oauth2/v2.0/token`);
  });

  it('sets a Secure SameSite=None session cookie', async () => {
    const form = new URLSearchParams(authorizeParameters({ challenge: createPkce().challenge }));
    form.set('account', '5b1e9c3d-2f4a-4e8b-a7c6-0d9e8f1a2b3c');
    const response = await httpsRequest(`${emulator.httpsOrigin}/${emulator.tenantId}/oauth2/v2.0/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });

    expect(response.status).toBe(302);
    expect(response.headers['set-cookie'][0]).toMatch(/; Secure; SameSite=None$/);
  });
});

describe('startEmulator', () => {
  it('rejects an access token lifetime under 300 seconds', async () => {
    await expect(startEmulator({ clients: TEST_CLIENTS, accessTokenLifetimeSeconds: 299 })).rejects.toThrow(/300 or more/);
  });

  it('rejects a missing client list', async () => {
    await expect(startEmulator({})).rejects.toThrow(/clients/);
  });

  it('rejects a redirect URI with a fragment', async () => {
    const clients = [{ clientId: 'a', redirectUris: ['http://localhost:5173/#/done'] }];
    await expect(startEmulator({ clients })).rejects.toThrow(/fragment/);
  });

  it('stops listening on close', async () => {
    const other = await startEmulator({ clients: TEST_CLIENTS });
    await other.close();
    await expect(fetch(`${other.httpOrigin}/_emulator/info`)).rejects.toThrow();
  });
});
