import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { describeFindings } from '@staffroom/shared/guards/privacy';
import {
  AREAS,
  AREA_LABELS,
  GRADES,
  REASONS,
  REASON_LABELS,
  SUBJECTS,
  SUBJECT_LABELS,
  SUPPORT_KINDS,
  SUPPORT_KIND_HINTS,
  SUPPORT_KIND_LABELS,
  WORK_STYLES,
  WORK_STYLE_LABELS,
  type Area,
  type Grade,
  type IntakeBody,
  type Reason,
  type Subject,
  type SupportKind,
  type WorkStyle,
} from '@staffroom/shared/schemas/consultations';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { paths } from '../../../config/paths';
import { useIdentifyingFindings } from '../../../lib/use-identifying';
import { useFieldErrors, type FieldErrors } from '../../../lib/use-field-errors';
import { useOverLimit } from '../../../lib/use-over-limit';
import { CharCount } from '../../../components/char-count';
import { ChoiceGroup, optionsOf } from './choice-group';
import { SlotGrid } from './slot-grid';

const NOTE_MAX = 500;
const PLACE_MAX = 120;

type FieldName = 'grades' | 'subjects' | 'reasons' | 'focus' | 'workStyles' | 'note' | 'school' | 'district';
const ORDER: readonly FieldName[] = [
  'grades',
  'subjects',
  'reasons',
  'focus',
  'workStyles',
  'note',
  'school',
  'district',
];

const placeError = (value: string, what: string) =>
  value.trim() && value.trim().length < 2 ? `Write the ${what} in full, or leave it empty.` : undefined;

/**
 * The teacher's intake: the questions the peer-support service asks before it starts (reasons for connecting,
 * area of focus, how best to work together), plus grades, subjects and times for matching. School and district
 * are optional and only exclude consultants from the same places.
 */
export type IntakeInput = Omit<IntakeBody, 'hasNote'> & { note: string };

export function IntakeForm({
  onSubmit,
  noteSealed,
  initialReasons = [],
  onNoteWriting,
  onNotSent,
}: {
  onSubmit: (body: IntakeInput) => Promise<void>;
  /**
   * The form was not sent (a field missing, the note too long) and the note has text: the page checks it for risk
   * as it would at sending, so a teacher who stops here is not left without the contacts.
   */
  onNotSent?: (note: string) => void;
  /** Called when the note stops being empty: the page loads what it will need at sending (the crisis guard). */
  onNoteWriting?: () => void;
  /** The private key is unlocked here, so the note can be encrypted before it is sent. */
  noteSealed: boolean;
  /** Reasons suggested by a referral link (`model/referral.ts`): ticked to start with, the teacher changes them freely. */
  initialReasons?: readonly Reason[];
}) {
  const [kind, setKind] = useState<SupportKind>('peer-support');
  const [grades, setGrades] = useState<Grade[]>([]);
  const [subjects, setSubjects] = useState<Subject[]>([]);
  const [reasons, setReasons] = useState<Reason[]>(() => [...initialReasons]);
  const [focus, setFocus] = useState<Area | null>(null);
  const [workStyles, setWorkStyles] = useState<WorkStyle[]>([]);
  const [times, setTimes] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [school, setSchool] = useState('');
  const [district, setDistrict] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, setErrors, clear, show, focusRef } = useFieldErrors(ORDER);

  const findings = useIdentifyingFindings(note);
  // The page checks the whole note for risk whenever the form is not sent (`onNotSent`), over its limit or not.
  const overLimit = useOverLimit(note, NOTE_MAX, false);
  const writingNote = note.trim() !== '';
  useEffect(() => {
    if (writingNote) onNoteWriting?.();
  }, [writingNote, onNoteWriting]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const noteRefused = overLimit.refuse('the note');
    const found: FieldErrors<FieldName> = {
      ...(grades.length ? {} : { grades: 'Choose at least one grade.' }),
      ...(subjects.length ? {} : { subjects: 'Choose at least one subject.' }),
      ...(reasons.length ? {} : { reasons: 'Choose at least one reason, or “Something else”.' }),
      ...(focus ? {} : { focus: 'Choose the area you would most like to work on.' }),
      ...(workStyles.length ? {} : { workStyles: 'Choose at least one way of working together.' }),
      ...(noteRefused ? { note: noteRefused } : {}),
    };
    const schoolError = placeError(school, 'school name');
    const districtError = placeError(district, 'district name');
    if (schoolError) found.school = schoolError;
    if (districtError) found.district = districtError;
    if (show(found) || !focus) {
      if (note.trim()) onNotSent?.(note);
      return;
    }
    setBusy(true);
    try {
      await onSubmit({
        kind,
        grades,
        subjects,
        reasons,
        focus,
        workStyles,
        preferredTimes: times,
        note: note.trim(),
        ...(school.trim() ? { school: school.trim() } : {}),
        ...(district.trim() ? { district: district.trim() } : {}),
      });
    } catch (err) {
      setBusy(false);
      setErrors({ form: err instanceof Error ? err.message : 'Your request could not be sent. Try again.' });
    }
  };

  return (
    <form className="form panel intake" noValidate onSubmit={submit}>
      {errors.form && <Alert title="Your request was not sent">{errors.form}</Alert>}
      <p className="field__hint">All fields are required unless marked optional.</p>

      <section className="intake__part" aria-labelledby="intake-kind">
        <h2 id="intake-kind" className="intake__title">
          The kind of support
        </h2>
        <ChoiceGroup
          legend="What would you like?"
          name="kind"
          required
          hint={SUPPORT_KIND_HINTS[kind]}
          options={optionsOf(SUPPORT_KINDS, SUPPORT_KIND_LABELS)}
          value={kind}
          onChange={setKind}
        />
      </section>

      <section className="intake__part" aria-labelledby="intake-teach">
        <h2 id="intake-teach" className="intake__title">
          What you teach
        </h2>
        <ChoiceGroup
          multiple
          compact
          legend="Grades"
          name="grades"
          required
          hint="All the grades you teach this year."
          options={optionsOf(GRADES)}
          value={grades}
          onChange={(next) => {
            setGrades(next);
            clear('grades');
          }}
          error={errors.grades}
          groupRef={focusRef('grades')}
        />
        <ChoiceGroup
          multiple
          legend="Subjects"
          name="subjects"
          required
          options={optionsOf(SUBJECTS, SUBJECT_LABELS)}
          value={subjects}
          onChange={(next) => {
            setSubjects(next);
            clear('subjects');
          }}
          error={errors.subjects}
          groupRef={focusRef('subjects')}
        />
      </section>

      <section className="intake__part" aria-labelledby="intake-why">
        <h2 id="intake-why" className="intake__title">
          What you would like help with
        </h2>
        <ChoiceGroup
          multiple
          legend="What brings you here?"
          name="reasons"
          required
          hint="Choose all that fit. There is no wrong reason to ask."
          options={optionsOf(REASONS, REASON_LABELS)}
          value={reasons}
          onChange={(next) => {
            setReasons(next);
            clear('reasons');
          }}
          error={errors.reasons}
          groupRef={focusRef('reasons')}
        />
        <ChoiceGroup
          legend="Area of focus"
          name="focus"
          required
          hint="The one you would most like to start with. You can change course together later."
          options={optionsOf(AREAS, AREA_LABELS)}
          value={focus}
          onChange={(next) => {
            setFocus(next);
            clear('focus');
          }}
          error={errors.focus}
          groupRef={focusRef('focus')}
        />
      </section>

      <section className="intake__part" aria-labelledby="intake-how">
        <h2 id="intake-how" className="intake__title">
          How you would like to work together
        </h2>
        <ChoiceGroup
          multiple
          legend="Ways of working"
          name="workStyles"
          required
          options={optionsOf(WORK_STYLES, WORK_STYLE_LABELS)}
          value={workStyles}
          onChange={(next) => {
            setWorkStyles(next);
            clear('workStyles');
          }}
          error={errors.workStyles}
          groupRef={focusRef('workStyles')}
        />
        <SlotGrid
          legend="Times that usually suit you"
          name="preferredTimes"
          optional
          hint="It helps find a consultant who is free when you are."
          value={times}
          onChange={setTimes}
        />
        <Field
          label="A note for your consultant"
          optional
          hint={
            <>
              <strong>No names, schools or places, please</strong> — not yours, your students’ or your
              colleagues’. Describe the situation instead: “a class of 30 with no aide”.{' '}
              {noteSealed
                ? 'It is encrypted on this device: only the consultant your request is offered to can read it.'
                : 'To add a note, unlock your private key above: it is encrypted with it on this device.'}
            </>
          }
          feedback={
            findings.length
              ? {
                  tone: 'warn',
                  text: `This may identify someone: ${describeFindings(findings)}. Consider rewording it.`,
                }
              : null
          }
          error={errors.note}
        >
          {(control) => (
            <textarea
              {...control}
              ref={focusRef('note')}
              className="input textarea"
              name="note"
              rows={4}
              // No maxLength: it would cut a pasted note silently, before the crisis check reads its end. The note
              // keeps its limit: the count says how far over it is, and the form is not sent until it is shortened.
              value={note}
              onChange={(e) => {
                setNote(e.target.value);
                clear('note');
              }}
            />
          )}
        </Field>
        <CharCount limit={overLimit} />
      </section>

      <section className="intake__part intake__part--quiet" aria-labelledby="intake-places">
        <h2 id="intake-places" className="intake__title">
          Your school and district <span className="field__optional">(optional)</span>
        </h2>
        <p className="field__hint" id="places-why">
          Used only so you are never matched with a consultant from your own school or district. Staffroom
          never stores them as written: it keeps only keyed fingerprints (made with a server secret, they
          cannot be read back), and deletes them when your request ends: matched or withdrawn. Nobody sees
          them, not even your consultant. <Link to={paths.privacy.getHref()}>What Staffroom stores</Link>
        </p>
        <div className="form__row">
          <Field label="School" optional error={errors.school}>
            {(control) => (
              <input
                {...control}
                ref={focusRef('school')}
                className="input"
                name="school"
                autoComplete="off"
                maxLength={PLACE_MAX}
                value={school}
                onChange={(e) => {
                  setSchool(e.target.value);
                  clear('school');
                }}
              />
            )}
          </Field>
          <Field label="District" optional error={errors.district}>
            {(control) => (
              <input
                {...control}
                ref={focusRef('district')}
                className="input"
                name="district"
                autoComplete="off"
                maxLength={PLACE_MAX}
                value={district}
                onChange={(e) => {
                  setDistrict(e.target.value);
                  clear('district');
                }}
              />
            )}
          </Field>
        </div>
      </section>

      <Button type="submit" busy={busy} busyLabel="Sending your request…">
        Ask for support
      </Button>
    </form>
  );
}
