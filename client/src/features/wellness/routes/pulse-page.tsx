import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { HistoryEntry, PulseBody } from '@staffroom/shared/schemas/wellness';
import { Alert, Status } from '../../../components/alert';
import { Button } from '../../../components/button';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../config/paths';
import type { Identity } from '../../../lib/e2e-crypto';
import { useFocusBack } from '../../../lib/use-focus-back';
import { useResource } from '../../../lib/use-resource';
import { wellnessApi } from '../api/wellness-api';
import { OwnTrend } from '../components/own-trend';
import { PulseForm } from '../components/pulse-form';
import { openHistory, sealHistory, withEntry } from '../model/history';
import { skippedWeek, skipWeek } from '../model/skip';
import '../wellness.css';

const loadStatus = () => wellnessApi.status();

type HistoryState =
  | { kind: 'loading' }
  | { kind: 'ready'; entries: HistoryEntry[] }
  /** Sealed under an earlier key (after a key reset): unreadable, can be started over. */
  | { kind: 'unreadable' }
  | { kind: 'no-key' }
  | { kind: 'error'; message: string };

/**
 * The teacher's weekly pulse and their own trend. The identity comes from the app (features do not import
 * each other): without an unlocked key the pulse still counts, but the private trend needs the key.
 */
export function PulsePage({ identity, keyStatus }: { identity: Identity | null; keyStatus: string }) {
  const status = useResource(loadStatus);
  const [loaded, setHistory] = useState<HistoryState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [skipped, setSkipped] = useState<string | null>(skippedWeek);
  /** "Take it anyway" brought the form back: the focus goes to its first answer. */
  const [takeAnyway, setTakeAnyway] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  // The form (or the delete confirmation) that had the focus is about to go: the notice that replaces it takes it.
  const noticeBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeBox.current?.focus();
  }, [notice]);
  // Skipping the week replaces the form (and the button just pressed) with a line that says so: it takes the focus.
  const [skippedNote, focusSkippedNote] = useFocusBack<HTMLParagraphElement>();

  useEffect(() => {
    if (!identity) return;
    let current = true;
    const read = async (): Promise<HistoryState> => {
      try {
        const { history: sealed } = await wellnessApi.history();
        if (!sealed) return { kind: 'ready', entries: [] };
        return await openHistory(identity, sealed).then(
          (entries): HistoryState => ({ kind: 'ready', entries }),
          (): HistoryState => ({ kind: 'unreadable' }),
        );
      } catch (err) {
        return { kind: 'error', message: err instanceof Error ? err.message : 'Could not load your trend.' };
      }
    };
    void read().then((next) => {
      if (current) setHistory(next);
    });
    return () => {
      current = false;
    };
  }, [identity]);
  const history: HistoryState = !identity
    ? { kind: keyStatus === 'checking' || keyStatus === 'idle' ? 'loading' : 'no-key' }
    : (loaded ?? { kind: 'loading' });

  const week = status.data?.week ?? null;

  const send = async (body: PulseBody) => {
    if (!week) return;
    setBusy(true);
    setError(null);
    try {
      await wellnessApi.answer(body);
      let message = 'Thank you. Your pulse is counted for this week.';
      if (identity && history.kind !== 'unreadable') {
        const base = history.kind === 'ready' ? history.entries : [];
        const entries = withEntry(base, { week, answers: body.answers });
        try {
          await wellnessApi.saveHistory(await sealHistory(identity, entries));
          setHistory({ kind: 'ready', entries });
        } catch {
          message += ' Your own copy could not be saved this time.';
        }
      }
      setNotice(message);
      status.reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not send. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const deleteHistory = async () => {
    setError(null);
    try {
      await wellnessApi.deleteHistory();
      setHistory({ kind: 'ready', entries: [] });
      setConfirmDelete(false);
      setNotice('Your pulse history is deleted.');
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not delete. Try again.');
    }
  };

  return (
    <>
      <PageTitle documentTitle="Weekly pulse">Weekly pulse</PageTitle>
      <p className="lead">
        One minute a week, to see how you are doing over time and to help the programme learn what helps.{' '}
        <Link to={paths.pulseAbout.getHref()}>About the pulse</Link>
      </p>
      {notice && (
        <div ref={noticeBox} tabIndex={-1}>
          <Status tone="success">{notice}</Status>
        </div>
      )}
      {error && <Alert>{error}</Alert>}
      {status.error && <Alert>{status.error}</Alert>}

      <section className="section panel" aria-labelledby="this-week">
        <h2 id="this-week">This week</h2>
        {status.loading && !status.data ? (
          <p role="status">Loading…</p>
        ) : status.data?.answered ? (
          <p>You have taken this week’s pulse. The next one opens at the start of next week.</p>
        ) : skipped === week && week ? (
          <p ref={skippedNote} tabIndex={-1}>
            You skipped this week.{' '}
            <Button
              variant="quiet"
              onClick={() => {
                setSkipped(null);
                setTakeAnyway(true);
              }}
            >
              Take it anyway
            </Button>
          </p>
        ) : week ? (
          <PulseForm
            focusFirst={takeAnyway}
            busy={busy}
            onSubmit={(body) => void send(body)}
            onSkipWeek={() => {
              skipWeek(week);
              setSkipped(week);
              focusSkippedNote();
            }}
          />
        ) : null}
      </section>

      <section className="section panel" aria-labelledby="my-trend">
        <h2 id="my-trend">Your trend</h2>
        <p>
          Only you can read this: it is sealed in your browser with your personal key before it is stored.
        </p>
        {history.kind === 'loading' && <p role="status">Loading your trend…</p>}
        {history.kind === 'no-key' && (
          <p>
            Your trend is sealed with your personal key, which is not unlocked in this browser.{' '}
            <Link to={paths.support.getHref()}>Unlock it on the Support page</Link> (it asks for your
            passphrase once), then come back.
          </p>
        )}
        {history.kind === 'error' && <Alert>{history.message}</Alert>}
        {history.kind === 'unreadable' && (
          <p>
            Your earlier trend was sealed with a key you have since replaced, so it cannot be read. Delete it
            to start a new one.
          </p>
        )}
        {history.kind === 'ready' && <OwnTrend entries={history.entries} />}
        {(history.kind === 'ready' && history.entries.length > 0) || history.kind === 'unreadable' ? (
          confirmDelete ? (
            <div className="pulse-form__actions" role="group" aria-label="Confirm deletion">
              <span>
                Delete your whole pulse history? Weekly totals already counted stay, without your name.
              </span>
              <Button variant="danger" onClick={() => void deleteHistory()}>
                Yes, delete it
              </Button>
              <Button variant="secondary" onClick={() => setConfirmDelete(false)}>
                Keep it
              </Button>
            </div>
          ) : (
            <Button variant="secondary" onClick={() => setConfirmDelete(true)}>
              Delete my pulse history
            </Button>
          )
        ) : null}
      </section>
    </>
  );
}
