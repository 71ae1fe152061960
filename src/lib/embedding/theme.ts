/** Colour themes a viewer or a host page can choose; `auto` follows the operating system. */
export const THEMES = ['light', 'dark', 'auto'] as const;

export type Theme = (typeof THEMES)[number];

/** The palette actually shown, after `auto` has been resolved. */
export type ResolvedTheme = 'light' | 'dark';

const DARK_SCHEME_QUERY = '(prefers-color-scheme: dark)';

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

/** Resolves `auto` to the scheme the operating system prefers. */
export function resolveTheme(theme: Theme, prefersDark: boolean): ResolvedTheme {
  if (theme === 'auto') {
    return prefersDark ? 'dark' : 'light';
  }
  return theme;
}

export interface ThemeController {
  /** Shows `theme` now; with `auto`, later changes of the system preference apply as well. */
  setTheme(theme: Theme): void;
  /** The theme last passed to `setTheme`, `auto` before the first call. */
  readonly theme: Theme;
  /** Stops following the system preference; `data-theme` keeps its last value. */
  dispose(): void;
}

/**
 * Creates the controller that writes the resolved theme to `data-theme` on the root
 * element, where the stylesheet picks the palette. Nothing is written before the first
 * `setTheme` call, so the light palette applies until then.
 */
export function createThemeController(win: Window = window): ThemeController {
  const root = win.document.documentElement;
  // matchMedia is missing in some test environments and very old browsers; `auto` then means light.
  const darkQuery = typeof win.matchMedia === 'function' ? win.matchMedia(DARK_SCHEME_QUERY) : null;
  let current: Theme = 'auto';
  let applied = false;

  const apply = () => {
    root.dataset.theme = resolveTheme(current, darkQuery?.matches ?? false);
    applied = true;
  };
  const onSystemChange = () => {
    if (applied && current === 'auto') {
      apply();
    }
  };
  darkQuery?.addEventListener('change', onSystemChange);

  return {
    setTheme(theme) {
      current = theme;
      apply();
    },
    get theme() {
      return current;
    },
    dispose() {
      darkQuery?.removeEventListener('change', onSystemChange);
    },
  };
}
