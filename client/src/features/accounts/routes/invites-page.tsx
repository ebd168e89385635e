import { useState } from 'react';
import type { CreateInviteBody, CreatedInvite, InviteInfo } from '@staffroom/shared/schemas/accounts';
import { Alert, Status } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { PageTitle } from '../../../components/page-title';
import { useResource } from '../../../lib/use-resource';
import { invitesApi } from '../api/invites-api';
import { CreatedInvitePanel } from '../components/created-invite';
import { InviteForm } from '../components/invite-form';
import { InviteList } from '../components/invite-list';
import { ROLE_TEXT } from '../roles';

/** The list and the moment it was read, so "expired" is judged against one clock for the whole list. */
const loadInvites = () => invitesApi.list().then((r) => ({ invites: r.invites, at: Date.now() }));

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : 'Something went wrong. Try again.';
}

export function InvitesPage() {
  const { data: list, error: loadError, reload } = useResource(loadInvites);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [revoking, setRevoking] = useState<InviteInfo | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  const create = async (body: CreateInviteBody) => {
    const { invite } = await invitesApi.create(body);
    setCreated(invite);
    setMessage(null);
    reload();
  };

  const revoke = async (invite: InviteInfo) => {
    setRevokeBusy(true);
    try {
      await invitesApi.revoke(invite.id);
      setMessage({
        tone: 'success',
        text: `The ${ROLE_TEXT[invite.role].name.toLowerCase()} invite was revoked.`,
      });
      reload();
    } catch (err) {
      setMessage({ tone: 'error', text: errorText(err) });
    } finally {
      setRevokeBusy(false);
      setRevoking(null);
    }
  };

  return (
    <>
      <PageTitle documentTitle="Invites">Invites</PageTitle>
      <p className="lead">
        Only people with an invite code can join. Each code grants one role, works a set number of times and
        expires. Share codes privately, one colleague at a time where you can.
      </p>

      <section className="section panel" aria-labelledby="create-title">
        <h2 id="create-title">Create an invite</h2>
        {created ? (
          <CreatedInvitePanel invite={created} onDone={() => setCreated(null)} />
        ) : (
          <InviteForm onCreate={create} />
        )}
      </section>

      <section className="section" aria-labelledby="list-title">
        <h2 id="list-title">All invites</h2>
        {message &&
          (message.tone === 'error' ? (
            <Alert>{message.text}</Alert>
          ) : (
            <Status tone="success">{message.text}</Status>
          ))}
        {loadError && (
          <Alert title="Invites could not be loaded">
            {loadError}{' '}
            <Button variant="quiet" onClick={reload}>
              Try again
            </Button>
          </Alert>
        )}
        {list ? (
          <InviteList invites={list.invites} now={list.at} onRevoke={setRevoking} />
        ) : (
          !loadError && <p role="status">Loading invites…</p>
        )}
      </section>

      {revoking && (
        <ConfirmDialog
          title="Revoke this invite?"
          confirmLabel="Revoke invite"
          busy={revokeBusy}
          onConfirm={() => void revoke(revoking)}
          onCancel={() => setRevoking(null)}
        >
          <p>
            Nobody will be able to join with this {ROLE_TEXT[revoking.role].name.toLowerCase()} invite any
            more. People who already joined with it keep their accounts.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
