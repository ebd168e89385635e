import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { GroupRemovedReason } from '@staffroom/shared/protocol/server-events';
import { TOPIC_LABELS, type GroupDetail } from '@staffroom/shared/schemas/groups';
import type { Message } from '@staffroom/shared/schemas/messages';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../config/paths';
import { useConnectionState } from '../../../lib/socket';
import { useServerInfo } from '../../../app/server-info';
import { PrivacyDialog, SupportDialog } from '../components/care-dialogs';
import { PeerCareCard } from '../components/peer-care-card';
import { Composer } from '../components/composer';
import { Feed } from '../components/feed';
import type { MessageActions } from '../components/message-item';
import type { OutboxActions } from '../components/outbox-item';
import { Presence, TypingIndicator } from '../components/presence';
import { ReportDialog } from '../components/report-dialog';
import { RetentionNote } from '../components/retention-note';
import { GroupAside } from './group-aside';
import { useGroupRoom } from '../hooks/use-group-room';
import type { Viewer } from '../model/viewer';

const REMOVED_TEXT: Record<GroupRemovedReason, (name: string) => string> = {
  left: (name) => `You left “${name}”. You can join again whenever you like.`,
  kicked: (name) => `A moderator removed you from “${name}”. You can join it again.`,
  banned: (name) => `You can no longer take part in “${name}”.`,
};

/** The group page for a member: the live conversation, who is here, and the group's sessions and guidelines. */
export function RoomView({
  group,
  viewer,
  onGroupChange,
  refresh,
  justJoined = false,
}: {
  group: GroupDetail;
  viewer: Viewer;
  onGroupChange: (group: GroupDetail) => void;
  refresh: () => void;
  /** Joined from this page a moment ago: the join form is gone, so the composer takes the focus. */
  justJoined?: boolean;
}) {
  const navigate = useNavigate();
  const { room, snapshot } = useGroupRoom(group.id);
  const connected = useConnectionState() === 'connected';
  const [text, setText] = useState(() => room.loadDraft());
  const [reporting, setReporting] = useState<Message | null>(null);
  const [deleting, setDeleting] = useState<Message | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  // A deleted message loses its actions menu, which opened the dialog: the focus goes to the composer instead.
  const deleted = useRef(false);
  const [leaving, setLeaving] = useState(false);
  const [leaveBusy, setLeaveBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const myName = snapshot.me?.name ?? viewer.pseudonym;
  const crisisResources = useServerInfo()?.crisisResources ?? [];
  // Phone sizes: the group's sessions, guidelines and membership open in place of the conversation.
  const [infoOpen, setInfoOpen] = useState(false);
  const asideId = useId();

  // The room fills the screen: the message list scrolls, the composer stays at the bottom (groups.css).
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.view = 'room';
    return () => {
      delete root.dataset.view;
    };
  }, []);

  useEffect(() => {
    if (justJoined) input.current?.focus();
  }, [justJoined]);

  // Left here or in another tab, kicked or banned: go back to the list and say why.
  useEffect(() => {
    if (snapshot.status !== 'removed' || !snapshot.removed) return;
    navigate(paths.groups.getHref(), {
      replace: true,
      state: { notice: REMOVED_TEXT[snapshot.removed](group.name) },
    });
  }, [snapshot.status, snapshot.removed, navigate, group.name]);

  const changeText = (next: string) => {
    setText(next);
    room.saveDraft(next);
    if (next.trim()) room.typed();
  };

  const send = (message: string) => {
    room.send(message);
    changeText('');
    input.current?.focus();
  };

  /** A message comes back into the composer (privacy "Edit", or a refused one). */
  const edit = (clientId: string) => {
    const back = room.takeBack(clientId);
    const merged = text.trim() ? `${back}\n${text}` : back;
    setText(merged);
    room.saveDraft(merged);
    requestAnimationFrame(() => input.current?.focus());
  };

  const actions = useMemo<MessageActions>(
    () => ({
      onReact: (m, kind) => void room.react(m.seq, kind),
      onReport: setReporting,
      onDelete: (m) => {
        deleted.current = false;
        setDeleting(m);
      },
    }),
    [room],
  );
  const outboxActions: OutboxActions = {
    onRetry: (id) => room.retry(id),
    onEdit: edit,
    onDiscard: (id) => void room.takeBack(id),
  };

  const remove = async (m: Message) => {
    setDeleteBusy(true);
    const ack = await room.remove(m.seq);
    deleted.current = ack.ok;
    setDeleteBusy(false);
    setDeleting(null);
    setProblem(ack.ok ? null : 'The message could not be deleted. Check your connection and try again.');
  };

  const leave = async () => {
    setLeaveBusy(true);
    const ack = await room.leave();
    setLeaveBusy(false);
    if (ack.ok) {
      navigate(paths.groups.getHref(), { replace: true, state: { notice: REMOVED_TEXT.left(group.name) } });
    } else {
      setLeaving(false);
      setProblem('You are still a member: leaving did not work. Check your connection and try again.');
    }
  };

  const confirming = snapshot.outbox.find((e) => e.state === 'confirm');
  const notice = problem ?? snapshot.notice?.text ?? null;

  return (
    <>
      <header className="room-head room-head--compact">
        <div className="room-head__text">
          <p className="room-head__topic">{TOPIC_LABELS[group.topic]}</p>
          <PageTitle documentTitle={group.name}>{group.name}</PageTitle>
          {group.description && (
            <p className="room-head__description" title={group.description}>
              {group.description}
            </p>
          )}
        </div>
        <Button
          variant="secondary"
          className="room-head__info"
          aria-expanded={infoOpen}
          aria-controls={asideId}
          onClick={() => setInfoOpen((open) => !open)}
        >
          {infoOpen ? 'Back to the conversation' : 'Group info'}
        </Button>
      </header>

      <div className="room-layout" data-info={infoOpen ? 'open' : 'closed'}>
        <section className="room" aria-label="Conversation">
          {snapshot.careCard && <PeerCareCard resources={crisisResources} />}
          <Presence present={snapshot.present} me={snapshot.me} />
          {snapshot.status === 'unavailable' ? (
            <Alert title="This group cannot be shown">{snapshot.error}</Alert>
          ) : (
            <Feed
              room={room}
              snapshot={snapshot}
              groupName={group.name}
              myName={myName}
              connected={connected}
              actions={actions}
              outboxActions={outboxActions}
            />
          )}
          <TypingIndicator typing={snapshot.typing} />
          {notice && (
            <p key={snapshot.notice?.id ?? 'problem'} className="room__notice" role="alert">
              {notice}
            </p>
          )}
          <Composer
            inputRef={input}
            text={text}
            onTextChange={changeText}
            onSend={send}
            onTooLong={(long) => void room.refuseTooLong(long, crisisResources)}
            groupName={group.name}
            locked={snapshot.locked}
            slowSeconds={snapshot.slowSeconds}
            mutedUntil={snapshot.mutedUntil}
          />
        </section>

        <GroupAside
          id={asideId}
          group={group}
          viewer={viewer}
          onGroupChange={onGroupChange}
          refresh={refresh}
        >
          {group.description && (
            <section className="side-section room-aside__about" aria-labelledby="about-title">
              <h2 id="about-title" className="side-section__title">
                About
              </h2>
              <p>{group.description}</p>
            </section>
          )}
          <section className="side-section" aria-labelledby="membership-title">
            <h2 id="membership-title" className="side-section__title">
              Your membership
            </h2>
            <p>
              Here you appear as <strong>{myName}</strong>.
            </p>
            <Button variant="secondary" onClick={() => setLeaving(true)}>
              Leave group
            </Button>
          </section>
          <RetentionNote groupId={group.id} />
        </GroupAside>
      </div>

      {/* New messages, announced politely: who wrote, not what (the log itself is not live). */}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {snapshot.announcement && <p key={snapshot.announcement.id}>{snapshot.announcement.text}</p>}
      </div>

      {reporting && (
        <ReportDialog
          message={reporting}
          onSubmit={(reason, note, confirm) => room.report(reporting.seq, reason, note, confirm)}
          onClose={() => setReporting(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete your message?"
          confirmLabel="Delete message"
          busy={deleteBusy}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
          returnFocus={() => (deleted.current ? input.current : null)}
        >
          <p>It disappears for everyone. A note in its place says that you removed it.</p>
        </ConfirmDialog>
      )}
      {leaving && (
        <ConfirmDialog
          title={`Leave “${group.name}”?`}
          confirmLabel="Leave group"
          busy={leaveBusy}
          onConfirm={() => void leave()}
          onCancel={() => setLeaving(false)}
        >
          <p>
            You stop receiving its messages, on every device. What you wrote stays in the group. You can join
            again later.
          </p>
        </ConfirmDialog>
      )}
      {confirming && (
        <PrivacyDialog
          entry={confirming}
          onEdit={() => edit(confirming.clientId)}
          onSendAnyway={() => room.confirmSend(confirming.clientId)}
        />
      )}
      {!confirming && snapshot.support && (
        <SupportDialog
          resources={snapshot.support}
          posted={!snapshot.supportRefused}
          refusedCode={snapshot.supportRefusedCode}
          held={snapshot.supportHeld}
          onClose={() => room.dismissSupport()}
        />
      )}
    </>
  );
}
