import { describe, expect, it } from 'vitest';

import { secureContextProblem } from './secure-context';

function page(href: string, isSecureContext: boolean): Window {
  const url = new URL(href);
  return {
    isSecureContext,
    location: { href: url.href, protocol: url.protocol, host: url.host, origin: url.origin },
  } as unknown as Window;
}

describe('secureContextProblem', () => {
  it.each(['https://school.example/sync/', 'http://localhost:4280/', 'http://127.0.0.1:8080/'])(
    'is null for the secure page %s',
    (href) => {
      expect(secureContextProblem(page(href, true))).toBeNull();
    },
  );

  it('explains plain http and suggests the https address', () => {
    const problem = secureContextProblem(page('http://school.example:8080/sites/it/sync/?view=kiosk#top', false));

    expect(problem).toContain('HTTPS');
    expect(problem).toContain('PKCE');
    expect(problem).toContain('Web Crypto API');
    expect(problem).toContain('localhost');
    expect(problem).toContain('plain http:// from school.example:8080');
    expect(problem).toContain('https://school.example/sites/it/sync/');
    expect(problem).not.toContain('?view=kiosk');
  });

  it('blames the framing page when itself on https', () => {
    const problem = secureContextProblem(page('https://school.example/sync/', false));

    expect(problem).toContain('shown inside a page loaded over plain http://');
    expect(problem).toContain('Serve the page that embeds the dashboard over https://');
  });

  it('gives general advice for other schemes', () => {
    const problem = secureContextProblem(page('ftp://school.example/sync/', false));

    expect(problem).toContain('PKCE');
    expect(problem).toMatch(/Serve the dashboard over https:\/\/ and open it there\.$/);
  });
});
