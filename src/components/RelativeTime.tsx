import { formatAbsoluteDateTime, formatRelativeTime } from '@/lib/time/relative-time';

/**
 * "5 minutes ago", with the exact date and time in the user's locale and time zone shown
 * on hover (title) and on keyboard focus (a tooltip drawn by CSS from `data-tooltip`).
 */
export function RelativeTime({ date, now }: { date: Date; now: Date }) {
  const relative = formatRelativeTime(date, now);
  const absolute = formatAbsoluteDateTime(date);

  return (
    <time
      className="relative-time"
      dateTime={date.toISOString()}
      title={absolute}
      data-tooltip={absolute}
      tabIndex={0}
      aria-label={`${relative} (${absolute})`}
    >
      {relative}
    </time>
  );
}
