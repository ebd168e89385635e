import { useState } from 'react';
import type { Ack } from '@staffroom/shared/protocol/ack';
import { actionErrorText } from '../model/conversation-room';

/**
 * A small form in a conversation's side panels (propose a session, write a session's note, add or update a goal,
 * share a resource): whether it is sending, the problem the answer brought, and `send`, which closes the form
 * (`onDone`) when the answer is ok and otherwise says what went wrong, in the conversation's words.
 */
export function usePanelForm(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const send = async (action: () => Promise<Ack<unknown>>) => {
    setBusy(true);
    const ack = await action();
    setBusy(false);
    if (ack.ok) onDone();
    else setProblem(actionErrorText(ack.error));
  };

  return { busy, problem, setProblem, send };
}
