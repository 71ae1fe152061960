import { readFileSync } from 'node:fs';

import { describe, expect, it, vi } from 'vitest';

import { describeViewParams, readViewParams, withoutParams } from './url-params';

function read(search: string) {
  const warn = vi.fn<(message: string) => void>();
  const params = readViewParams(search, { warn });
  return { params, warnings: warn.mock.calls.map(([message]) => message) };
}

describe('readViewParams', () => {
  it('returns nothing for an empty query', () => {
    const { params, warnings } = read('');

    expect(params).toStrictEqual({});
    expect(warnings).toEqual([]);
  });

  it('reads every parameter together', () => {
    const { params, warnings } = read(
      '?profiles=classic:a,industryData:b&interval=90&theme=dark&view=kiosk&lang=de-CH&title=IT%20wall',
    );

    expect(params).toStrictEqual({
      profiles: ['classic:a', 'industryData:b'],
      intervalSeconds: 90,
      theme: 'dark',
      view: 'kiosk',
      lang: 'de-CH',
      title: 'IT wall',
    });
    expect(warnings).toEqual([]);
  });

  it('ignores unknown parameters silently', () => {
    const { params, warnings } = read('?web=1&profiles=a');

    expect(params).toStrictEqual({ profiles: ['a'] });
    expect(warnings).toEqual([]);
  });

  it('uses the first of repeated parameters', () => {
    expect(read('?theme=light&theme=dark').params.theme).toBe('light');
  });
});

describe('profiles parameter', () => {
  it('drops duplicates and empty entries, keeping order', () => {
    expect(read('?profiles=b,%20a%20,,b,a').params.profiles).toEqual(['b', 'a']);
  });

  it('is an empty list when given empty', () => {
    const { params, warnings } = read('?profiles=');

    expect(params.profiles).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('is undefined when absent', () => {
    expect(read('?theme=dark').params.profiles).toBeUndefined();
  });
});

describe('interval parameter', () => {
  it.each([
    ['15', 15],
    ['60', 60],
    ['%2090%20', 90],
    ['86400', 86_400],
  ])('accepts %s', (text, seconds) => {
    const { params, warnings } = read(`?interval=${text}`);

    expect(params.intervalSeconds).toBe(seconds);
    expect(warnings).toEqual([]);
  });

  it.each(['14', '0', '-30', '60.5', '1e2', '0x3c', 'abc', '', '86401', '99999999999'])('ignores %j', (text) => {
    const { params, warnings } = read(`?interval=${text}`);

    expect(params.intervalSeconds).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"interval"');
    expect(warnings[0]).toContain(JSON.stringify(text));
    expect(warnings[0]).toContain('whole number of seconds from 15 to 86400');
  });
});

describe('theme parameter', () => {
  it.each(['light', 'dark', 'auto'])('accepts %s', (theme) => {
    expect(read(`?theme=${theme}`).params.theme).toBe(theme);
  });

  it('accepts any letter case', () => {
    expect(read('?theme=Dark').params.theme).toBe('dark');
  });

  it.each(['blue', '', 'darkness'])('ignores %j', (text) => {
    const { params, warnings } = read(`?theme=${text}`);

    expect(params.theme).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"theme"');
    expect(warnings[0]).toContain(JSON.stringify(text));
    expect(warnings[0]).toContain('light, dark, auto');
  });
});

describe('view parameter', () => {
  it.each(['full', 'compact', 'kiosk'])('accepts %s', (view) => {
    expect(read(`?view=${view}`).params.view).toBe(view);
  });

  it.each(['wall', '', 'kiosk,compact'])('ignores %j', (text) => {
    const { params, warnings } = read(`?view=${encodeURIComponent(text)}`);

    expect(params.view).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"view"');
    expect(warnings[0]).toContain(JSON.stringify(text));
    expect(warnings[0]).toContain('full, compact, kiosk');
  });
});

describe('lang parameter', () => {
  it.each([
    ['de-CH', 'de-CH'],
    ['en-us', 'en-US'],
    ['sr-Latn-RS', 'sr-Latn-RS'],
    ['fr', 'fr'],
  ])('accepts %s as %s', (text, locale) => {
    const { params, warnings } = read(`?lang=${text}`);

    expect(params.lang).toBe(locale);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['a malformed', 'en_US'],
    ['an empty', ''],
    ['a spaced', 'not a locale'],
    ['an unsupported', 'zz'],
  ])('ignores %s tag', (_case, text) => {
    const { params, warnings } = read(`?lang=${encodeURIComponent(text)}`);

    expect(params.lang).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"lang"');
    expect(warnings[0]).toContain(JSON.stringify(text));
    expect(warnings[0]).toContain('BCP 47 language tag');
  });
});

describe('title parameter', () => {
  it('trims and collapses whitespace', () => {
    expect(read(`?title=${encodeURIComponent('  Sync \n\t status  ')}`).params.title).toBe('Sync status');
  });

  it('keeps markup as plain text', () => {
    expect(read(`?title=${encodeURIComponent('<b>IT</b> & more')}`).params.title).toBe('<b>IT</b> & more');
  });

  it('counts characters, not UTF-16 units', () => {
    const eighty = '🏫'.repeat(80);

    expect(read(`?title=${encodeURIComponent(eighty)}`).params.title).toBe(eighty);
  });

  it.each([
    ['too long', 'x'.repeat(81)],
    ['empty', '   '],
    ['with a control character', 'IT\u0000wall'],
  ])('ignores a title %s', (_case, text) => {
    const { params, warnings } = read(`?title=${encodeURIComponent(text)}`);

    expect(params.title).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"title"');
    expect(warnings[0]).toContain('at most 80 characters');
  });

  it('shortens a long value in the warning', () => {
    const { warnings } = read(`?title=${'y'.repeat(500)}`);

    expect(warnings[0]).toContain(`"${'y'.repeat(100)}…"`);
    expect(warnings[0]).not.toContain('y'.repeat(101));
  });
});

describe('warnings', () => {
  it('one per invalid parameter, valid ones kept', () => {
    const { params, warnings } = read('?theme=blue&view=wall&interval=5&lang=de-CH');

    expect(params).toStrictEqual({ lang: 'de-CH' });
    expect(warnings).toHaveLength(3);
  });

  it('go to console.warn by default', () => {
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    readViewParams('?theme=blue');

    expect(consoleWarn).toHaveBeenCalledTimes(1);
    expect(consoleWarn.mock.calls[0]?.[0]).toContain('"theme"');
  });
});

describe('withoutParams', () => {
  it('removes only the named parameters', () => {
    expect(withoutParams('https://school.example/sync/?profiles=a&view=kiosk#top', ['profiles'])).toBe(
      'https://school.example/sync/?view=kiosk#top',
    );
  });
});

describe('describeViewParams', () => {
  it('lists every parameter readViewParams reads', () => {
    expect(describeViewParams().map((parameter) => parameter.name)).toEqual([
      'profiles',
      'interval',
      'theme',
      'view',
      'lang',
      'title',
    ]);
  });

  it('matches the table in docs/embedding.md', () => {
    const guide = readFileSync(new URL('../../docs/embedding.md', import.meta.url), 'utf8');
    const section = guide.split(/^## /m).find((part) => part.startsWith('URL parameters'));
    expect(section, 'docs/embedding.md has no "## URL parameters" section').toBeDefined();

    const rows = (section ?? '').split('\n').filter((line) => line.startsWith('| `'));
    const expected = describeViewParams().map(
      (parameter) => `| \`${parameter.name}\` | ${parameter.accepted} | ${parameter.effect} |`,
    );
    expect(rows).toEqual(expected);
  });
});
