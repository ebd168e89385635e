import { useEffect, useState } from 'react';
import { Button } from '../../../components/button';
import { safetyCode } from '../../../lib/e2e-crypto';
import { Modal } from '../../../components/modal';

/**
 * The conversation's safety code: 30 digits from both public keys and the conversation id. Both people see the
 * same code when their messages are encrypted for each other and nobody in between.
 */
export function SafetyCodeDialog({
  conversationId,
  myPublicKey,
  peerPublicKey,
  peerName,
  onClose,
}: {
  conversationId: string;
  myPublicKey: string;
  peerPublicKey: string | null;
  peerName: string;
  onClose: () => void;
}) {
  const [code, setCode] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!peerPublicKey) return;
    let current = true;
    safetyCode(conversationId, myPublicKey, peerPublicKey).then(
      (c) => current && setCode(c),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [conversationId, myPublicKey, peerPublicKey]);

  const groups = code?.split(' ') ?? [];
  return (
    <Modal
      title="Safety code"
      wide
      onClose={onClose}
      description={
        <p>
          Compare this code with {peerName}’s: read it aloud at a check-in, on a call or in person — not by
          message here. If you both see the same 30 digits, your conversation is encrypted for the two of you
          and nobody in between.
        </p>
      }
      actions={
        <Button data-autofocus="" onClick={onClose}>
          Close
        </Button>
      }
    >
      {!peerPublicKey ? (
        <p className="empty">{peerName} has not set up their key yet, so there is no code to compare.</p>
      ) : failed ? (
        <p className="empty">The code could not be worked out on this device.</p>
      ) : code ? (
        <p className="safety-code" data-code={code}>
          {groups.map((g, i) => (
            <span key={i} className="safety-code__group">
              {g}
            </span>
          ))}
        </p>
      ) : (
        <p className="loading">Working out the code…</p>
      )}
      <details className="support-details" open>
        <summary className="support-details__summary">What does comparing protect against?</summary>
        <p>
          Staffroom’s server passes your messages along without being able to read them. But it is also the
          one that tells your device which key belongs to {peerName}. A server that was broken into, or run by
          someone dishonest, could hand each of you a false key and quietly read and pass on everything in
          between, without either of you noticing.
        </p>
        <p>
          This code is worked out on your own device from the two keys actually in use. If {peerName} sees the
          same digits, the keys are really yours and theirs and nobody sits in the middle. Your device also
          remembers {peerName}’s key and warns you if it ever changes.
        </p>
      </details>
      <details className="support-details">
        <summary className="support-details__summary">What if the codes differ?</summary>
        <p>
          Then something is wrong: do not share anything sensitive here until you have spoken with a
          coordinator. The code also changes if either of you creates new keys, so ask {peerName} whether they
          did.
        </p>
      </details>
    </Modal>
  );
}
