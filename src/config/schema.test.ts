import { describe, expect, it } from 'vitest';

import { parseConfig } from './schema';

const CLIENT_ID = '3f6c2b8e-9a41-4d7c-b5e2-1c8a7d9f0e64';
const TENANT_ID = '7d3f1c2a-58e4-4b6a-9c1d-2e8f5a0b6c43';

function issuesOf(input: unknown): Record<string, string> {
  const result = parseConfig(input);
  if (result.ok) {
    throw new Error('Expected the config to be invalid.');
  }
  return Object.fromEntries(result.issues.map((issue) => [issue.key, issue.message]));
}

describe('parseConfig', () => {
  it('applies defaults to a minimal config', () => {
    const result = parseConfig({ clientId: CLIENT_ID, tenantId: TENANT_ID });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.authority).toBe(`https://login.microsoftonline.com/${TENANT_ID}`);
    expect(result.config.knownAuthorities).toEqual([]);
    expect(result.config.graphBaseUrl).toBe('https://graph.microsoft.com');
    expect(result.config.pollIntervalSeconds).toBe(60);
    expect(result.config.requestTimeoutSeconds).toBe(30);
    expect(result.config.sources).toEqual(['classic', 'industryData']);
    expect(result.config.batchRequests).toBe(true);
  });

  it('trusts a custom authority host', () => {
    const result = parseConfig({ clientId: CLIENT_ID, authority: 'https://127.0.0.1:4381/tenant/' });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.authority).toBe('https://127.0.0.1:4381/tenant');
    expect(result.config.knownAuthorities).toEqual(['127.0.0.1:4381']);
  });

  it('lists every missing key of an empty file', () => {
    const issues = issuesOf({});

    expect(issues.clientId).toMatch(/^Missing/);
    expect(issues.tenantId).toMatch(/^Missing/);
  });

  it('names a misspelt key as unknown', () => {
    const issues = issuesOf({ clientID: CLIENT_ID, tenantId: TENANT_ID });

    expect(issues.clientID).toMatch(/^Unknown setting/);
    expect(issues.clientId).toMatch(/^Missing/);
  });

  it('rejects a poll interval below 15 seconds', () => {
    const issues = issuesOf({ clientId: CLIENT_ID, tenantId: TENANT_ID, pollIntervalSeconds: 10 });

    expect(issues.pollIntervalSeconds).toBe('Expected at least 15 seconds.');
  });

  it('rejects values of the wrong kind', () => {
    const issues = issuesOf({
      clientId: 'not-a-guid',
      tenantId: TENANT_ID,
      graphBaseUrl: 'http://graph.example.org',
      sources: ['classic', 'rostering'],
      authorityMetadata: '{not json',
    });

    expect(issues.clientId).toMatch(/GUID/);
    expect(issues.graphBaseUrl).toMatch(/https/);
    expect(issues['sources.1']).toMatch(/classic, industryData/);
    expect(issues.authorityMetadata).toMatch(/JSON/);
  });

  it('rejects a file that is not an object', () => {
    const issues = issuesOf([]);

    expect(Object.keys(issues)).toContain('(file)');
  });
});
