import { useState } from 'react';
import type { SessionInfo } from '@staffroom/shared/schemas/accounts';
import { Alert, Status } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { PageTitle } from '../../../components/page-title';
import { useResource } from '../../../lib/use-resource';
import { formatDate } from '../../../utils/format';
import { accountsApi } from '../api/accounts-api';
import { useAuth, useMe } from '../auth/auth-context';
import { ChangePassphrase } from '../components/change-passphrase';
import { SessionsList } from '../components/sessions-list';
import { ROLE_TEXT } from '../roles';
import { DeleteAccount } from '../../privacy-actions/components/delete-account';
import { ExportData } from '../../privacy-actions/components/export-data';

const loadSessions = () => accountsApi.sessions().then((r) => r.sessions);

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : 'Something went wrong. Try again.';
}

export function SettingsPage() {
  const me = useMe();
  const { logOut, logOutEverywhere, accountErased } = useAuth();
  const { data: sessions, error: loadError, reload } = useResource(loadSessions);
  const [ending, setEnding] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'here' | 'everywhere' | null>(null);

  const endSession = async (session: SessionInfo) => {
    setEnding(session.id);
    setMessage(null);
    try {
      await accountsApi.endSession(session.id);
      setMessage({ tone: 'success', text: `The session on ${session.device} has ended.` });
      reload();
    } catch (err) {
      setMessage({ tone: 'error', text: errorText(err) });
    } finally {
      setEnding(null);
    }
  };

  const run = async (which: 'here' | 'everywhere') => {
    setBusy(which);
    setMessage(null);
    try {
      await (which === 'here' ? logOut() : logOutEverywhere());
    } catch (err) {
      setBusy(null);
      setConfirming(false);
      setMessage({ tone: 'error', text: errorText(err) });
    }
  };

  const count = sessions?.length ?? 0;

  return (
    <>
      <PageTitle documentTitle="Settings">Settings</PageTitle>

      <section className="section panel" aria-labelledby="account-title">
        <h2 id="account-title">Your account</h2>
        <dl className="facts">
          <div>
            <dt>Pseudonym</dt>
            <dd>{me.pseudonym}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{ROLE_TEXT[me.role].name}</dd>
          </div>
          <div>
            <dt>Member since</dt>
            <dd>{formatDate(me.createdAt)}</dd>
          </div>
        </dl>
      </section>

      <section className="section panel" aria-labelledby="passphrase-title">
        <h2 id="passphrase-title">Change passphrase</h2>
        <p>
          Your passphrase never leaves this device: it protects your log-in and your private key. Changing it
          keeps your private conversations readable and logs you out everywhere else.
        </p>
        <ChangePassphrase me={me} />
      </section>

      <section className="section" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Where you are logged in</h2>
        <p>Each browser you log in from is a session. If you see one you do not recognise, end it.</p>
        {message &&
          (message.tone === 'error' ? (
            <Alert>{message.text}</Alert>
          ) : (
            <Status tone="success">{message.text}</Status>
          ))}
        {loadError && (
          <Alert title="Sessions could not be loaded">
            {loadError}{' '}
            <Button variant="quiet" onClick={reload}>
              Try again
            </Button>
          </Alert>
        )}
        {sessions ? (
          <SessionsList sessions={sessions} ending={ending} onEnd={(s) => void endSession(s)} />
        ) : (
          !loadError && <p role="status">Loading sessions…</p>
        )}
      </section>

      <section className="section panel" aria-labelledby="logout-title">
        <h2 id="logout-title">Log out</h2>
        <p>
          Log out of this browser only, or of every device at once, for example after using a shared computer.
        </p>
        <div className="actions">
          <Button
            variant="secondary"
            busy={busy === 'here'}
            busyLabel="Logging out…"
            onClick={() => void run('here')}
          >
            Log out on this device
          </Button>
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Log out everywhere
          </Button>
        </div>
      </section>

      <section className="section panel" aria-labelledby="export-title">
        <h2 id="export-title">Export my data</h2>
        <p>
          A copy of everything Staffroom keeps that is yours: your account, groups, messages, reactions,
          reports, pulse trend and one-to-one conversations. Other members’ group messages are not part of it.
        </p>
        <ExportData me={me} />
      </section>

      <section className="section panel" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete my account</h2>
        <p>
          Erases your account and everything that is yours, on every server, within a minute, and from the
          server’s files too. Reports you filed stay, without your name. This cannot be undone.
        </p>
        <DeleteAccount me={me} onErased={accountErased} />
      </section>

      {confirming && (
        <ConfirmDialog
          title="Log out everywhere?"
          confirmLabel="Log out everywhere"
          busy={busy === 'everywhere'}
          onConfirm={() => void run('everywhere')}
          onCancel={() => setConfirming(false)}
        >
          <p>
            This ends {count > 1 ? `all ${count} of your sessions` : 'your session'}, including this one. You
            will need your pseudonym and passphrase to log in again.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
