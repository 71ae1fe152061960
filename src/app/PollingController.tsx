import { useEffect } from 'react';

import { Banner } from '@/components/Banner';
import { useSessionProblem } from '@/lib/auth/session-context';
import { useOnline } from '@/lib/network/use-online';
import { usePollScheduler } from '@/lib/polling/polling-context';

/**
 * Runs the poll schedule while the dashboard is shown, pauses it while the browser is
 * offline or the admin must sign in again, and resumes at once when either ends.
 */
export function PollingController() {
  const scheduler = usePollScheduler();
  const online = useOnline();
  const sessionProblem = useSessionProblem();
  const paused = !online || sessionProblem !== null;

  useEffect(() => {
    scheduler.start();
    return () => scheduler.stop();
  }, [scheduler]);

  useEffect(() => {
    scheduler.setPaused(paused);
  }, [scheduler, paused]);

  if (online) {
    return null;
  }
  return (
    <Banner tone="warning" title="You are offline">
      <p>Updates are paused while this device has no network connection. They resume as soon as it returns.</p>
    </Banner>
  );
}
