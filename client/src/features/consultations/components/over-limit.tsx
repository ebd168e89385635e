import type { ReactNode, Ref } from 'react';
import type { WholeTextCrisis } from '../../../lib/crisis-guard';
import type { OverLimit } from '../../../lib/use-over-limit';
import { useServerInfo } from '../../../app/server-info';
import { CharCount } from '../../../components/char-count';
import { CrisisResources } from '../../../components/crisis-resources';
import { Field, type FieldFeedback } from '../../../components/field';

/**
 * The contacts under a sealed note's box that was refused over its limit (`useOverLimit`) and whose whole text
 * suggests risk, or worry for someone else: shown at once, as the conversation's notice does for a note that was
 * saved. Only the writer's browser sees this.
 */
export function OverLimitSupport({ found }: { found: WholeTextCrisis | null }) {
  const crisisResources = useServerInfo()?.crisisResources;
  if (!found || !(found.risk || found.concernForOther)) return null;
  return (
    <div className="over-limit-support" role="status">
      <p>
        What you wrote suggests you may be going through something very hard, or worried about someone. You
        can reach these people, day and night:
      </p>
      <CrisisResources resources={crisisResources ?? []} />
    </div>
  );
}

/**
 * A sealed note's box (a check-in's, a session's, a goal's progress): the text area, how much of its limit it uses,
 * and the contacts when a refused note suggests risk (`OverLimitSupport`).
 */
export function SealedNoteField({
  label,
  optional,
  hint,
  feedback,
  name,
  rows,
  value,
  onChange,
  overLimit,
  textareaRef,
}: {
  label: string;
  optional?: boolean;
  hint: ReactNode;
  feedback: FieldFeedback | null;
  name: string;
  rows: number;
  value: string;
  onChange: (text: string) => void;
  overLimit: OverLimit;
  textareaRef?: Ref<HTMLTextAreaElement>;
}) {
  return (
    <>
      <Field label={label} optional={optional} hint={hint} feedback={feedback}>
        {(control) => (
          <textarea
            {...control}
            ref={textareaRef}
            className="input textarea"
            name={name}
            rows={rows}
            // No maxLength: it would cut a pasted note silently, before the crisis check reads its end.
            value={value}
            aria-invalid={overLimit.over > 0 || undefined}
            onChange={(e) => onChange(e.target.value)}
          />
        )}
      </Field>
      <CharCount limit={overLimit} />
      <OverLimitSupport found={overLimit.found} />
    </>
  );
}
