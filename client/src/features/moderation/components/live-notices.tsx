import type { Announcer, Notice } from '../hooks/use-announcer';

function Text({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  return (
    <p key={notice.n} className={`notice mod-notice mod-notice--${notice.tone}`}>
      {notice.text}
    </p>
  );
}

/**
 * Two live regions that are always in the page (so screen readers hear what is put in them) and show their
 * text too: a polite one for outcomes and updates, an assertive one for errors and urgent reports.
 */
export function LiveNotices({ announcer }: { announcer: Pick<Announcer, 'polite' | 'assertive'> }) {
  return (
    <div className="mod-live">
      <div role="status" aria-live="polite" aria-atomic="true">
        <Text notice={announcer.polite} />
      </div>
      <div role="alert" aria-atomic="true">
        <Text notice={announcer.assertive} />
      </div>
    </div>
  );
}
