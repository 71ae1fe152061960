import { THEMES, type Theme } from '@/lib/embedding/theme';

import { MIN_POLL_INTERVAL_SECONDS } from './schema';

export const VIEW_MODES = ['full', 'compact', 'kiosk'] as const;

/** Layout of the dashboard: everything, the cards only, or a wall screen without controls. */
export type ViewMode = (typeof VIEW_MODES)[number];

/** Maximum poll interval the URL may set, in seconds, the same limit as in config.json. */
export const MAX_URL_INTERVAL_SECONDS = 86_400;

/** Maximum length of `title` after trimming, in characters (Unicode code points). */
export const MAX_TITLE_LENGTH = 80;

/** Settings for the current view that come from the page's URL; each is undefined when absent or invalid. */
export interface ViewParams {
  /** Item keys from `?profiles=`, duplicates removed, in the order given. */
  profiles?: string[];
  intervalSeconds?: number;
  theme?: Theme;
  view?: ViewMode;
  /** Canonical BCP 47 locale for dates, times and numbers. */
  lang?: string;
  /** Plain-text heading, trimmed, whitespace runs collapsed to one space. */
  title?: string;
}

/** One URL parameter as the embedding guide documents it. */
export interface ViewParamDescription {
  name: string;
  /** The values the parameter accepts, in words. */
  accepted: string;
  /** Effect of the parameter on the dashboard. */
  effect: string;
}

type Parsed<T> = { ok: true; value: T } | { ok: false };

const INVALID = { ok: false } as const;

const PARAMETERS = {
  profiles: {
    accepted: 'comma-separated item keys (`classic:<id>`, `industryData:<id>` or a bare id); duplicates are dropped',
    effect: 'watches these items instead of the choice saved in the browser',
  },
  interval: {
    accepted: `a whole number of seconds from ${MIN_POLL_INTERVAL_SECONDS} to ${MAX_URL_INTERVAL_SECONDS}`,
    effect: 'poll interval, in place of `pollIntervalSeconds` from config.json',
  },
  theme: {
    accepted: THEMES.join(', '),
    effect: 'colour theme; `auto` follows the operating system',
  },
  view: {
    accepted: VIEW_MODES.join(', '),
    effect: 'layout: `full` is the whole dashboard, `compact` the cards only, `kiosk` a wall screen without controls',
  },
  lang: {
    accepted: 'a BCP 47 language tag that the browser supports, such as `en-GB` or `de-CH`',
    effect: 'locale of dates, times and numbers; the interface text stays in English',
  },
  title: {
    accepted: `plain text of at most ${MAX_TITLE_LENGTH} characters after trimming`,
    effect: 'heading shown in place of "SDS Sync Monitor"; markup is shown as typed, never interpreted',
  },
} as const satisfies Record<string, Omit<ViewParamDescription, 'name'>>;

type ParameterName = keyof typeof PARAMETERS;

/** Returns every URL parameter the app reads, in the order of the embedding guide's table. */
export function describeViewParams(): ViewParamDescription[] {
  return (Object.keys(PARAMETERS) as ParameterName[]).map((name) => ({ name, ...PARAMETERS[name] }));
}

export interface ReadViewParamsOptions {
  /** Receives one message per ignored parameter; `console.warn` by default. */
  warn?: (message: string) => void;
}

/**
 * Reads the view parameters from a query string such as `?profiles=a,b&theme=dark`.
 * An invalid value is ignored, and `warn` receives one message that names the parameter,
 * the value and what it accepts. Unknown parameters are left alone, because host pages
 * add their own.
 */
export function readViewParams(search: string, options: ReadViewParamsOptions = {}): ViewParams {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const params = new URLSearchParams(search);
  const result: ViewParams = {};

  const read = <T>(name: ParameterName, parse: (text: string) => Parsed<T>): T | undefined => {
    const text = params.get(name);
    if (text === null) {
      return undefined;
    }
    const parsed = parse(text);
    if (!parsed.ok) {
      warn(
        `URL parameter "${name}" has the invalid value ${quoteValue(text)} and is ignored. ` +
          `Expected ${PARAMETERS[name].accepted}.`,
      );
      return undefined;
    }
    return parsed.value;
  };

  const profilesText = params.get('profiles');
  if (profilesText !== null) {
    result.profiles = uniqueNonEmpty(profilesText.split(','));
  }
  assignDefined(result, 'intervalSeconds', read('interval', parseInterval));
  assignDefined(result, 'theme', read('theme', (text) => parseKeyword(text, THEMES)));
  assignDefined(result, 'view', read('view', (text) => parseKeyword(text, VIEW_MODES)));
  assignDefined(result, 'lang', read('lang', parseLocale));
  assignDefined(result, 'title', read('title', parseTitle));
  return result;
}

/** Returns the URL without the given query parameters, keeping everything else. */
export function withoutParams(href: string, names: string[]): string {
  const url = new URL(href);
  for (const name of names) {
    url.searchParams.delete(name);
  }
  return url.href;
}

/** Returns the URL with the given query parameters set (an empty value removes the parameter). */
export function withParams(href: string, values: Record<string, string>): string {
  const url = new URL(href);
  for (const [name, value] of Object.entries(values)) {
    if (value === '') {
      url.searchParams.delete(name);
    } else {
      url.searchParams.set(name, value);
    }
  }
  return url.href;
}

function assignDefined<K extends keyof ViewParams>(target: ViewParams, key: K, value: ViewParams[K] | undefined): void {
  if (value !== undefined) {
    target[key] = value;
  }
}

function parseInterval(text: string): Parsed<number> {
  const trimmed = text.trim();
  // Digits only: "1e2", "60.5", "-30" and "0x3c" are all rejected rather than guessed at.
  if (!/^\d{1,6}$/.test(trimmed)) {
    return INVALID;
  }
  const seconds = Number(trimmed);
  if (seconds < MIN_POLL_INTERVAL_SECONDS || seconds > MAX_URL_INTERVAL_SECONDS) {
    return INVALID;
  }
  return { ok: true, value: seconds };
}

function parseKeyword<T extends string>(text: string, keywords: readonly T[]): Parsed<T> {
  const normalized = text.trim().toLowerCase();
  const match = keywords.find((keyword) => keyword === normalized);
  return match === undefined ? INVALID : { ok: true, value: match };
}

function parseLocale(text: string): Parsed<string> {
  const trimmed = text.trim();
  try {
    // Returns the canonical form ("en-us" becomes "en-US"), or nothing for a tag the browser lacks.
    const [supported] = Intl.DateTimeFormat.supportedLocalesOf([trimmed]);
    return supported === undefined ? INVALID : { ok: true, value: supported };
  } catch {
    // RangeError: not a well-formed BCP 47 tag (for example "en_US" or an empty value).
    return INVALID;
  }
}

function parseTitle(text: string): Parsed<string> {
  const collapsed = text.replace(/\s+/gu, ' ').trim();
  // Control characters other than whitespace (NUL, escape, DEL…) have no place in a heading.
  if (collapsed === '' || /\p{Cc}/u.test(collapsed) || [...collapsed].length > MAX_TITLE_LENGTH) {
    return INVALID;
  }
  return { ok: true, value: collapsed };
}

/** Quotes a value for a log line, shortened so that a pasted page of text stays one readable line. */
function quoteValue(text: string): string {
  const characters = [...text];
  const shortened = characters.length > 100 ? `${characters.slice(0, 100).join('')}…` : text;
  return JSON.stringify(shortened);
}

function uniqueNonEmpty(values: string[]): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed !== '') {
      seen.add(trimmed);
    }
  }
  return [...seen];
}
