import '../pairing.css';
import {
  RECIPROCAL_AREA_LABELS,
  type ConversationView,
  type ReciprocalArea,
} from '@staffroom/shared/schemas/consultations';

const areas = (list: readonly ReciprocalArea[]) => list.map((a) => RECIPROCAL_AREA_LABELS[a]).join(', ');

/**
 * Reciprocal mentorship, pinned at the top for both: what each offers and would like to learn, so both know where
 * the other can help and both set goals. From the fixed list each chose when opting in: nothing identifying.
 */
export function ReciprocalPair({
  pair,
  peer,
}: {
  pair: NonNullable<ConversationView['reciprocal']>;
  peer: string;
}) {
  return (
    <details className="pinned-intake panel reciprocal-pair" open>
      <summary className="pinned-intake__summary">Reciprocal mentorship: both of you learn</summary>
      <div className="reciprocal-pair__sides">
        <dl className="offer__facts pinned-intake__facts" aria-label="You">
          <div>
            <dt>You offer</dt>
            <dd>{areas(pair.mine.offers)}</dd>
          </div>
          <div>
            <dt>You would like to learn</dt>
            <dd>{areas(pair.mine.wants)}</dd>
          </div>
        </dl>
        <dl className="offer__facts pinned-intake__facts" aria-label={peer}>
          <div>
            <dt>{peer} offers</dt>
            <dd>{areas(pair.theirs.offers)}</dd>
          </div>
          <div>
            <dt>{peer} would like to learn</dt>
            <dd>{areas(pair.theirs.wants)}</dd>
          </div>
        </dl>
      </div>
      <p className="reciprocal-pair__hint">
        Each of you can set goals below, for what you would like to learn; the other helps with them.
      </p>
    </details>
  );
}
