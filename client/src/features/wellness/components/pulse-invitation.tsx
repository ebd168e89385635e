import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/button';
import { paths } from '../../../config/paths';
import { useFocusBack } from '../../../lib/use-focus-back';
import { useResource } from '../../../lib/use-resource';
import { wellnessApi } from '../api/wellness-api';
import { skippedWeek, skipWeek } from '../model/skip';

const loadStatus = () => wellnessApi.status();

/** The weekly invitation on the home page: shown until this week's pulse is taken or skipped. */
export function PulseInvitation() {
  const status = useResource(loadStatus);
  const [skipped, setSkipped] = useState(skippedWeek);
  const [justSkipped, focusSkipped] = useFocusBack<HTMLParagraphElement>();
  const [saidSkipped, setSaidSkipped] = useState(false);
  const week = status.data?.week;
  // Skipped here and now: a line says so and takes the focus (the buttons are gone); on the next visit, nothing.
  if (saidSkipped)
    return (
      <p ref={justSkipped} tabIndex={-1} className="section">
        Skipped for this week. The pulse is still open under{' '}
        <Link to={paths.pulse.getHref()}>Weekly pulse</Link> if you change your mind.
      </p>
    );
  if (!week || status.data?.answered || skipped === week) return null;
  return (
    <section className="section panel" aria-labelledby="pulse-invite-title">
      <h2 id="pulse-invite-title">This week’s pulse</h2>
      <p>One minute, six optional questions: see your own trend, and help the programme learn what helps.</p>
      <div className="pulse-form__actions">
        <Link className="button button--primary" to={paths.pulse.getHref()}>
          Take the pulse
        </Link>
        <Button
          variant="secondary"
          onClick={() => {
            skipWeek(week);
            setSkipped(week);
            setSaidSkipped(true);
            focusSkipped();
          }}
        >
          Not this week
        </Button>
      </div>
    </section>
  );
}
