import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.mjs', import.meta.url));

/** Starts the CLI and resolves when it prints its ready line. */
function startCli(extraArguments = []) {
  const child = spawn(process.execPath, [MAIN, '--https-port', '0', '--http-port', '0', '--client-id', 'cli-test', '--redirect-uri', 'http://localhost:5173/', ...extraArguments]);
  let output = '';
  child.stdout.setEncoding('utf8');
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /emulator ready https=(\S+) http=(\S+) tenant=(\S+)/.exec(output);
      if (match) resolve({ httpsOrigin: match[1], httpOrigin: match[2], tenantId: match[3] });
    });
    child.on('exit', (code) => reject(new Error(`CLI exited with ${code} before it was ready: ${output}`)));
  });
  return { child, ready, output: () => output };
}

describe('main.mjs', () => {
  it('prints the ready line and stops on SIGTERM', async () => {
    const cli = startCli();
    const { httpOrigin, tenantId } = await cli.ready;
    const info = await (await fetch(`${httpOrigin}/_emulator/info`)).json();

    expect(info.tenantId).toBe(tenantId);
    expect(cli.output()).not.toMatch(/GET \/_emulator/);
    cli.child.kill('SIGTERM');
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(0);
  });

  it('logs requests without query strings when verbose', async () => {
    const cli = startCli(['--verbose']);
    const { httpOrigin, tenantId } = await cli.ready;
    await fetch(`${httpOrigin}/${tenantId}/oauth2/v2.0/authorize?client_id=cli-test&state=secret-state`, { redirect: 'manual' });
    cli.child.kill('SIGTERM');
    await once(cli.child, 'exit');

    expect(cli.output()).toMatch(new RegExp(`http GET /${tenantId}/oauth2/v2.0/authorize 400 \\d+ms`));
    expect(cli.output()).not.toContain('secret-state');
  });

  it('fails with a message when no client is given', async () => {
    const child = spawn(process.execPath, [MAIN, '--https-port', '0', '--http-port', '0']);
    let errorOutput = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => (errorOutput += chunk));
    const [code] = await once(child, 'exit');

    expect(code).toBe(1);
    expect(errorOutput).toContain('--client-id and at least one --redirect-uri are required');
  });
});
