// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';

import { createThemeController, isTheme, resolveTheme } from './theme';

/** Creates a stand-in for the `prefers-color-scheme: dark` media query list, which jsdom lacks. */
function createSystemScheme(initiallyDark: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    matches: initiallyDark,
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  };
  const win = {
    document,
    matchMedia: (text: string) => {
      expect(text).toBe('(prefers-color-scheme: dark)');
      return query;
    },
  } as unknown as Window;

  return {
    win,
    listenerCount: () => listeners.size,
    switchTo(dark: boolean) {
      query.matches = dark;
      for (const listener of listeners) {
        listener();
      }
    },
  };
}

afterEach(() => {
  delete document.documentElement.dataset.theme;
});

describe('resolveTheme', () => {
  it.each([
    ['light', false, 'light'],
    ['light', true, 'light'],
    ['dark', false, 'dark'],
    ['dark', true, 'dark'],
    ['auto', false, 'light'],
    ['auto', true, 'dark'],
  ] as const)('%s with system dark %s is %s', (theme, prefersDark, expected) => {
    expect(resolveTheme(theme, prefersDark)).toBe(expected);
  });
});

describe('isTheme', () => {
  it('accepts the three themes', () => {
    expect(['light', 'dark', 'auto'].every(isTheme)).toBe(true);
  });

  it.each(['Dark', '', 'blue', null, 1])('rejects %j', (value) => {
    expect(isTheme(value)).toBe(false);
  });
});

describe('createThemeController', () => {
  it('writes nothing before the first choice', () => {
    const system = createSystemScheme(true);
    createThemeController(system.win);

    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('sets light and dark as given', () => {
    const system = createSystemScheme(true);
    const controller = createThemeController(system.win);

    controller.setTheme('light');
    expect(document.documentElement.dataset.theme).toBe('light');
    controller.setTheme('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(controller.theme).toBe('dark');
  });

  it('auto follows the system preference', () => {
    const system = createSystemScheme(false);
    const controller = createThemeController(system.win);

    controller.setTheme('auto');
    expect(document.documentElement.dataset.theme).toBe('light');
    system.switchTo(true);
    expect(document.documentElement.dataset.theme).toBe('dark');
    system.switchTo(false);
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('fixed theme ignores system changes', () => {
    const system = createSystemScheme(false);
    const controller = createThemeController(system.win);

    controller.setTheme('light');
    system.switchTo(true);
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('dispose stops following the system', () => {
    const system = createSystemScheme(false);
    const controller = createThemeController(system.win);
    controller.setTheme('auto');

    controller.dispose();
    system.switchTo(true);

    expect(system.listenerCount()).toBe(0);
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('auto without matchMedia is light', () => {
    const controller = createThemeController({ document } as unknown as Window);

    controller.setTheme('auto');

    expect(document.documentElement.dataset.theme).toBe('light');
  });
});
