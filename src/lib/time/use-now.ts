import { useEffect, useState } from 'react';

/**
 * Returns the current time and re-renders every `tickMs` and whenever the page becomes
 * visible again. Browsers throttle timers in hidden pages, so anything shown relative to
 * now is computed from this value at render time, never by counting ticks.
 */
export function useNow(tickMs = 10_000): Date {
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    const update = () => setNow(new Date());
    const timer = window.setInterval(update, tickMs);
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        update();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);

    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [tickMs]);

  return now;
}
