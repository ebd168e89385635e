import { useState, type FormEvent } from 'react';
import type { Ack } from '@staffroom/shared/protocol/ack';
import type { ErrorInfo } from '@staffroom/shared/protocol/errors';
import type { ReportReason } from '@staffroom/shared/schemas/moderation';
import type { SupportResource } from '@staffroom/shared/schemas/messages';
import { useServerInfo } from '../app/server-info';
import { useOverLimit, type OverLimit } from './use-over-limit';

/** How long a report's own note may be. */
export const REPORT_NOTE_MAX = 500;

export type SendReport = (
  reason: ReportReason,
  note: string,
  confirmIdentifying: boolean,
) => Promise<Ack<{ support?: SupportResource[] | undefined }>>;

export interface ReportForm {
  reason: ReportReason | null;
  note: string;
  error: string | null;
  busy: boolean;
  done: boolean;
  /** The privacy guard asked about the note: the next send goes anyway, unless the note changes. */
  confirming: boolean;
  /** The contacts: those an answer brought, or for a note refused over its limit that suggests someone is at risk. */
  shownSupport: SupportResource[] | null;
  overLimit: OverLimit;
  chooseReason(reason: ReportReason): void;
  changeNote(note: string): void;
  submit(event: FormEvent): Promise<void>;
}

/**
 * The state of a report dialog (a reason, an optional note of the reporter's own): the same for a group message
 * and for a one-to-one conversation. `failureText` words an error the answer brought.
 */
export function useReportForm(send: SendReport, failureText: (error: ErrorInfo) => string): ReportForm {
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [support, setSupport] = useState<SupportResource[] | null>(null);
  const crisisResources = useServerInfo()?.crisisResources;
  const overLimit = useOverLimit(note, REPORT_NOTE_MAX);
  const found = overLimit.found;
  const shownSupport =
    support ?? (found && (found.risk || found.concernForOther) ? (crisisResources ?? []) : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!reason) {
      setError('Choose what is wrong, so the moderators know where to start.');
      return;
    }
    // Not sent until shortened, and the server will not read it: the crisis guard reads all of it here.
    const refused = overLimit.refuse('the note');
    if (refused) {
      setError(refused);
      return;
    }
    setBusy(true);
    const ack = await send(reason, note.trim(), confirming);
    setBusy(false);
    if (ack.ok) {
      setSupport(ack.data.support?.length ? ack.data.support : null);
      setDone(true);
      return;
    }
    // The privacy question must not hide the resources a note that suggests risk brings.
    setSupport(ack.error.support?.length ? ack.error.support : null);
    setConfirming(ack.error.code === 'PRIVACY_CONFIRM_REQUIRED');
    setError(
      ack.error.code === 'PRIVACY_CONFIRM_REQUIRED'
        ? `${ack.error.message} Edit the note, or send the report anyway.`
        : failureText(ack.error),
    );
  };

  return {
    reason,
    note,
    error,
    busy,
    done,
    confirming,
    shownSupport,
    overLimit,
    chooseReason: (chosen) => {
      setReason(chosen);
      setError(null);
    },
    changeNote: (text) => {
      setNote(text);
      setConfirming(false);
    },
    submit,
  };
}
