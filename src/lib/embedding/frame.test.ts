// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';

import { isFramed, originOf, parentOrigin } from './frame';

interface FakeFrameOptions {
  framed: boolean;
  ancestorOrigins?: string[];
  referrer?: string;
}

/** Creates a window-shaped object, because jsdom's own windows cannot fake ancestorOrigins or a throwing `top`. */
function fakeWindow({ framed, ancestorOrigins, referrer = '' }: FakeFrameOptions): Window {
  const win: Record<string, unknown> = {
    location: {
      ancestorOrigins:
        ancestorOrigins === undefined
          ? undefined
          : { length: ancestorOrigins.length, item: (index: number) => ancestorOrigins[index] ?? null },
    },
    document: { referrer },
  };
  win.self = win;
  win.top = framed ? {} : win;
  return win as unknown as Window;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('isFramed', () => {
  it('is false for a top-level page', () => {
    expect(isFramed(window)).toBe(false);
  });

  it('is true inside an iframe', () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);

    expect(frame.contentWindow).not.toBeNull();
    expect(isFramed(frame.contentWindow as Window)).toBe(true);
  });

  it('is true when reading top throws', () => {
    const win = {
      get top(): Window {
        throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
      },
    };

    expect(isFramed(win as unknown as Window)).toBe(true);
  });
});

describe('parentOrigin', () => {
  it('is null when not framed', () => {
    expect(parentOrigin(fakeWindow({ framed: false, referrer: 'https://intranet.example/' }))).toBeNull();
  });

  it('prefers ancestorOrigins over the referrer', () => {
    const win = fakeWindow({
      framed: true,
      ancestorOrigins: ['https://intranet.example', 'https://portal.example'],
      referrer: 'https://elsewhere.example/page',
    });

    expect(parentOrigin(win)).toEqual({ origin: 'https://intranet.example', source: 'ancestorOrigins' });
  });

  it('falls back to the referrer without ancestorOrigins', () => {
    const win = fakeWindow({ framed: true, referrer: 'https://intranet.example/sites/it/Home.aspx?x=1' });

    expect(parentOrigin(win)).toEqual({ origin: 'https://intranet.example', source: 'referrer' });
  });

  it('falls back to the referrer for an opaque parent', () => {
    const win = fakeWindow({ framed: true, ancestorOrigins: ['null'], referrer: 'https://intranet.example/' });

    expect(parentOrigin(win)?.source).toBe('referrer');
  });

  it('is null when nothing is known', () => {
    expect(parentOrigin(fakeWindow({ framed: true, ancestorOrigins: [], referrer: '' }))).toBeNull();
  });
});

describe('originOf', () => {
  it.each([
    ['https://intranet.example:8443/a/b?c#d', 'https://intranet.example:8443'],
    ['http://localhost:4280/', 'http://localhost:4280'],
    ['HTTPS://Intranet.Example:443/', 'https://intranet.example'],
  ])('reads %s', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });

  it.each(['', 'not a url', 'about:blank', 'file:///home/page.html', 'data:text/html,x'])('rejects %j', (url) => {
    expect(originOf(url)).toBeNull();
  });
});
