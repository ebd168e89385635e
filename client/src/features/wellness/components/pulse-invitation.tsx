import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/button';
import { paths } from '../../../config/paths';
import { useResource } from '../../../lib/use-resource';
import { wellnessApi } from '../api/wellness-api';
import { skippedWeek, skipWeek } from '../model/skip';

const loadStatus = () => wellnessApi.status();

/** The weekly invitation on the home page: shown until this week's pulse is taken or skipped. */
export function PulseInvitation() {
  const status = useResource(loadStatus);
  const [skipped, setSkipped] = useState(skippedWeek);
  const week = status.data?.week;
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
          }}
        >
          Not this week
        </Button>
      </div>
    </section>
  );
}
