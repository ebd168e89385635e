import type { ReportForm } from '../lib/use-report-form';
import { CharCount } from './char-count';
import { Field } from './field';

/**
 * A report's optional note, in the reporter's own words (`useReportForm`): the same box for a group message and
 * for a one-to-one conversation, which differ only in what they ask for. No maxLength: it would cut a pasted note
 * silently, before the crisis check reads its end; the count says how far over it is.
 */
export function ReportNoteField({
  form,
  label,
  hint,
  rows,
}: {
  form: Pick<ReportForm, 'note' | 'overLimit' | 'changeNote'>;
  label: string;
  hint: string;
  rows: number;
}) {
  return (
    <>
      <Field label={label} optional hint={hint}>
        {(control) => (
          <textarea
            {...control}
            className="input textarea"
            name="note"
            rows={rows}
            value={form.note}
            aria-invalid={form.overLimit.over > 0 || undefined}
            onChange={(e) => form.changeNote(e.target.value)}
          />
        )}
      </Field>
      <CharCount limit={form.overLimit} />
    </>
  );
}
