import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { LIMITS } from '@staffroom/shared/limits';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../config/paths';
import { liveConnection } from '../../../lib/live-connection';
import { JoinForm, type Joined } from '../components/join-form';
import '../groups.css';

/**
 * `/groups/join?code=…`: invite-only groups are joined with their code. A member who already accepted the
 * group's guidelines goes straight in; anyone else gets the acceptance step first.
 */
export function JoinByCodePage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [accepting, setAccepting] = useState<{ code: string; name: string; guidelines: string } | null>(null);

  const joined = (result: Joined) => navigate(paths.group.getHref(result.group.id), { replace: true });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = code.trim();
    if (!trimmed) {
      setError('Enter the code you were given.');
      return;
    }
    setError(null);
    setBusy(true);
    const ack = await liveConnection.request('group:join', { code: trimmed, acceptGuidelines: false });
    setBusy(false);
    if (ack.ok) return joined(ack.data);
    if (ack.error.code === 'GUIDELINES_REQUIRED') {
      // The code is the secret that lets you read the guidelines before accepting them.
      const preview = await liveConnection.request('group:preview', { code: trimmed });
      if (preview.ok)
        setAccepting({ code: trimmed, name: preview.data.name, guidelines: preview.data.guidelines });
      else setError(preview.error.message);
    } else if (ack.error.code === 'NOT_FOUND' || ack.error.code === 'INVALID_PAYLOAD') {
      setError('This code does not open a group. Check it with the person who gave it to you.');
    } else if (ack.error.code === 'BANNED') setError('You cannot join this group.');
    else setError(ack.error.message);
  };

  return (
    <div className="narrow">
      <PageTitle documentTitle="Join with a code">Join a group with a code</PageTitle>
      <p className="lead">Some groups are invite only: their coordinator shares a code or a link with you.</p>
      <section className="panel" aria-label="Join">
        {accepting ? (
          <>
            <h2>{accepting.name}: the group’s guidelines</h2>
            <p>Read them before you join; they keep the group safe and kind. You can leave at any time.</p>
            <blockquote className="guidelines">{accepting.guidelines}</blockquote>
            <JoinForm target={{ code: accepting.code }} mustAccept onJoined={joined} />
          </>
        ) : (
          <form className="form" noValidate onSubmit={submit}>
            <Field label="Group code" error={error}>
              {(control) => (
                <input
                  {...control}
                  className="input input--code"
                  name="code"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={LIMITS.inviteCodeMax}
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                />
              )}
            </Field>
            <Button type="submit" busy={busy} busyLabel="Checking…">
              Continue
            </Button>
          </form>
        )}
      </section>
    </div>
  );
}
