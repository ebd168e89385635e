import { Link } from 'react-router';
import { paths } from '../../../config/paths';
import type { CalendarEntry } from '../hooks/use-check-in-calendar';
import { useNow } from '../hooks/use-conversation-room';
import { formatClock, formatDayHeading, formatFull } from '../model/format';
import { formatDuration } from '../../../utils/format';
import { reminderFor } from '../model/reminder';
import { SoonTag } from './soon-tag';

/** Upcoming check-ins across conversations, grouped by day, with a reminder as one gets close. */
export function CheckInCalendar({ entries }: { entries: readonly CalendarEntry[] }) {
  const now = useNow(true);
  const upcoming = entries.filter((e) => e.checkIn.startsAt + e.checkIn.durationMinutes * 60_000 > now);
  if (upcoming.length === 0) {
    return (
      <p className="empty">
        Nothing planned. Propose a check-in from a conversation; once accepted, it shows here.
      </p>
    );
  }
  const days: { heading: string; items: CalendarEntry[] }[] = [];
  for (const entry of upcoming) {
    const heading = formatDayHeading(entry.checkIn.startsAt, now);
    const last = days.at(-1);
    if (last?.heading === heading) last.items.push(entry);
    else days.push({ heading, items: [entry] });
  }
  return (
    <div className="calendar">
      {days.map((day) => (
        <section key={day.heading} className="calendar__day" aria-label={day.heading}>
          <h3 className="calendar__heading">{day.heading}</h3>
          <ul className="calendar__list">
            {day.items.map(({ conversationId, peerName, checkIn, needsAnswer }) => {
              const reminder = reminderFor(checkIn, now);
              return (
                <li key={checkIn.id} className="calendar__item">
                  <time
                    className="calendar__time"
                    dateTime={new Date(checkIn.startsAt).toISOString()}
                    title={formatFull(checkIn.startsAt)}
                  >
                    {formatClock(checkIn.startsAt)}
                  </time>
                  <div className="calendar__what">
                    <Link to={paths.conversation.getHref(conversationId)}>Check-in with {peerName}</Link>
                    <span className="calendar__meta">
                      {' '}
                      · {formatDuration(checkIn.durationMinutes)}
                      {checkIn.status === 'proposed' &&
                        (needsAnswer ? ' · waiting for your answer' : ' · waiting for their answer')}
                    </span>
                    {reminder && <SoonTag reminder={reminder} />}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
