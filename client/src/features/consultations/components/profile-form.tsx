import { ApiError } from '../../../lib/api';
import { useState, type FormEvent, type Ref } from 'react';
import {
  AREAS,
  AREA_LABELS,
  COMMITMENTS,
  COMMITMENT_LABELS,
  GRADES,
  RELEASED_CAPACITY_DEFAULT,
  VOLUNTEER_CAPACITY_MAX,
  SUBJECTS,
  SUBJECT_LABELS,
  SUPPORT_KINDS,
  SUPPORT_KIND_HINTS,
  SUPPORT_KIND_LABELS,
  type Area,
  type Commitment,
  type ConsultantProfile,
  type ConsultantProfileBody,
  type Grade,
  type Subject,
  type SupportKind,
} from '@staffroom/shared/schemas/consultations';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { useFieldErrors, type FieldErrors } from '../../../lib/use-field-errors';
import { ChoiceGroup, optionsOf } from './choice-group';
import { SlotGrid } from './slot-grid';

type FieldName =
  | 'displayName'
  | 'kinds'
  | 'grades'
  | 'subjects'
  | 'areas'
  | 'commitment'
  | 'termEndsAt'
  | 'capacity'
  | 'school'
  | 'district';
const ORDER: readonly FieldName[] = [
  'displayName',
  'kinds',
  'grades',
  'subjects',
  'areas',
  'commitment',
  'termEndsAt',
  'capacity',
  'school',
  'district',
];

/** A write-only place: kept as it is, replaced with a new name, or removed. */
type PlaceEdit = { mode: 'keep' } | { mode: 'replace'; value: string } | { mode: 'remove' };

function PlaceField({
  label,
  isSet,
  edit,
  onEdit,
  error,
  inputRef,
}: {
  label: 'School' | 'District';
  isSet: boolean;
  edit: PlaceEdit;
  onEdit: (next: PlaceEdit) => void;
  error?: string;
  inputRef: Ref<HTMLInputElement>;
}) {
  const what = label.toLowerCase();
  const state =
    edit.mode === 'remove'
      ? `Will be removed when you save.`
      : isSet
        ? `Set. Never shown, not even to you. Type a new ${what} to replace it.`
        : `Not set.`;
  return (
    <Field label={label} optional hint={state} error={error}>
      {(control) => (
        <>
          <input
            {...control}
            ref={inputRef}
            className="input"
            name={what}
            autoComplete="off"
            maxLength={120}
            placeholder={isSet && edit.mode !== 'remove' ? '•••••• (set)' : ''}
            value={edit.mode === 'replace' ? edit.value : ''}
            disabled={edit.mode === 'remove'}
            onChange={(e) =>
              onEdit(e.target.value ? { mode: 'replace', value: e.target.value } : { mode: 'keep' })
            }
          />
          {isSet &&
            (edit.mode === 'remove' ? (
              <Button variant="quiet" onClick={() => onEdit({ mode: 'keep' })}>
                Keep it
              </Button>
            ) : (
              <Button
                variant="quiet"
                aria-label={`Remove your ${what}`}
                onClick={() => onEdit({ mode: 'remove' })}
              >
                Remove
              </Button>
            ))}
        </>
      )}
    </Field>
  );
}

const placeBody = (edit: PlaceEdit): string | undefined =>
  edit.mode === 'keep' ? undefined : edit.mode === 'remove' ? '' : edit.value.trim();

/**
 * The consultant's profile: how they appear to teachers, what they have taught, how many teachers they can
 * support, when they are usually free, and a pause switch. School and district are write-only: they exclude
 * requests from the same places and are never shown back, only "set" or "not set".
 */
export function ProfileForm({
  profile,
  onSave,
}: {
  profile: ConsultantProfile | null;
  onSave: (body: ConsultantProfileBody) => Promise<ConsultantProfile>;
}) {
  const [displayName, setDisplayName] = useState(profile?.displayName ?? '');
  const [grades, setGrades] = useState<Grade[]>(profile?.grades ?? []);
  const [subjects, setSubjects] = useState<Subject[]>(profile?.subjects ?? []);
  const [areas, setAreas] = useState<Area[]>(profile?.areas ?? []);
  const [kinds, setKinds] = useState<SupportKind[]>(profile?.kinds ?? ['peer-support']);
  const [capacity, setCapacity] = useState(String(profile?.capacity ?? 3));
  const [commitment, setCommitment] = useState<Commitment | null>(profile?.commitment ?? null);
  const [termEndsAt, setTermEndsAt] = useState(profile?.termEndsAt ?? '');
  const [availability, setAvailability] = useState<string[]>(profile?.availability ?? []);
  const [paused, setPaused] = useState(profile?.paused ?? false);
  const [school, setSchool] = useState<PlaceEdit>({ mode: 'keep' });
  const [district, setDistrict] = useState<PlaceEdit>({ mode: 'keep' });
  const [hasSchool, setHasSchool] = useState(profile?.hasSchool ?? false);
  const [hasDistrict, setHasDistrict] = useState(profile?.hasDistrict ?? false);
  /** The display name the privacy guard asked about: saving it unchanged confirms it. */
  const [confirmName, setConfirmName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const { errors, setErrors, clear: clearError, show, focusRef } = useFieldErrors(ORDER);

  const clear = (field: FieldName) => {
    setSaved(null);
    clearError(field);
  };

  const capMax = commitment === 'volunteer' ? VOLUNTEER_CAPACITY_MAX : 30;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const cap = Number(capacity);
    const name = displayName.trim();
    const found: FieldErrors<FieldName> = {
      ...(name.length >= 2 && name.length <= 40
        ? {}
        : { displayName: 'Choose a name of 2 to 40 characters. It need not be your real name.' }),
      ...(grades.length ? {} : { grades: 'Choose at least one grade you have taught.' }),
      ...(subjects.length ? {} : { subjects: 'Choose at least one subject.' }),
      ...(areas.length ? {} : { areas: 'Choose at least one area.' }),
      ...(kinds.length ? {} : { kinds: 'Choose at least one kind of support.' }),
      ...(commitment !== 'released' || /^\d{4}-\d{2}-\d{2}$/.test(termEndsAt)
        ? {}
        : { termEndsAt: 'Give the last day of your release.' }),
      ...(Number.isInteger(cap) && cap >= 1 && cap <= capMax
        ? {}
        : {
            capacity:
              commitment === 'volunteer'
                ? `A volunteer supports a few teachers: a whole number from 1 to ${VOLUNTEER_CAPACITY_MAX}.`
                : 'A whole number of teachers, from 1 to 30.',
          }),
    };
    const s = placeBody(school);
    const d = placeBody(district);
    if (s !== undefined && s !== '' && s.length < 2) found.school = 'Write the school name in full.';
    if (d !== undefined && d !== '' && d.length < 2) found.district = 'Write the district name in full.';
    setSaved(null);
    if (show(found)) return;
    setBusy(true);
    try {
      const next = await onSave({
        displayName: name,
        grades,
        subjects,
        areas,
        kinds,
        ...(commitment ? { commitment } : {}),
        ...(commitment === 'released' ? { termEndsAt } : {}),
        capacity: cap,
        availability,
        paused,
        ...(s !== undefined ? { school: s } : {}),
        ...(d !== undefined ? { district: d } : {}),
        ...(confirmName === name ? { confirmIdentifying: true } : {}),
      });
      setConfirmName(null);
      setHasSchool(next.hasSchool);
      setHasDistrict(next.hasDistrict);
      setSchool({ mode: 'keep' });
      setDistrict({ mode: 'keep' });
      setSaved(
        next.paused
          ? 'Profile saved. You are paused: no new requests reach you until you switch it back on.'
          : 'Profile saved. Requests that fit what you have taught can now reach you.',
      );
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PRIVACY_CONFIRM_REQUIRED') {
        // Teachers read the display name: saving it unchanged again keeps it anyway.
        setConfirmName(name);
        setErrors({ form: `${err.message} Change your display name, or save again to keep it.` });
        return;
      }
      setErrors({ form: err instanceof Error ? err.message : 'Your profile could not be saved. Try again.' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form panel profile-form" noValidate onSubmit={submit}>
      {errors.form && <Alert title="Not saved">{errors.form}</Alert>}

      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          className="switch__input"
          checked={!paused}
          onChange={(e) => {
            setPaused(!e.target.checked);
            setSaved(null);
          }}
        />
        <span className="switch__track" aria-hidden="true" />
        <span className="switch__text">
          <span className="switch__label">Taking new requests</span>
          <span className="switch__hint">
            Switch off to pause: teachers you already support are not affected.
          </span>
        </span>
      </label>

      <Field
        label="Display name"
        hint="How teachers you support see you. It need not be your real name."
        error={errors.displayName}
      >
        {(control) => (
          <input
            {...control}
            ref={focusRef('displayName')}
            className="input"
            name="displayName"
            autoComplete="off"
            maxLength={60}
            value={displayName}
            onChange={(e) => {
              setDisplayName(e.target.value);
              clear('displayName');
            }}
          />
        )}
      </Field>

      <ChoiceGroup
        multiple
        compact
        legend="Grades you have taught"
        name="grades"
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
        options={optionsOf(SUBJECTS, SUBJECT_LABELS)}
        value={subjects}
        onChange={(next) => {
          setSubjects(next);
          clear('subjects');
        }}
        error={errors.subjects}
        groupRef={focusRef('subjects')}
      />
      <ChoiceGroup
        multiple
        legend="Areas of expertise"
        name="areas"
        options={optionsOf(AREAS, AREA_LABELS)}
        value={areas}
        onChange={(next) => {
          setAreas(next);
          clear('areas');
        }}
        error={errors.areas}
        groupRef={focusRef('areas')}
      />
      <ChoiceGroup
        multiple
        legend="Kinds of support you offer"
        name="kinds"
        hint={`${SUPPORT_KIND_LABELS.mentorship}: ${SUPPORT_KIND_HINTS.mentorship}`}
        options={optionsOf(SUPPORT_KINDS, SUPPORT_KIND_LABELS)}
        value={kinds}
        onChange={(next) => {
          setKinds(next);
          clear('kinds');
        }}
        error={errors.kinds}
        groupRef={focusRef('kinds')}
      />
      <ChoiceGroup
        legend="How you give your time"
        name="commitment"
        hint={`A volunteer supports a few teachers (up to ${VOLUNTEER_CAPACITY_MAX}) in their own time; a consultant released full-time for a term supports more, and gets a caseload with reminders to taper off before the term ends.`}
        options={optionsOf(COMMITMENTS, COMMITMENT_LABELS)}
        value={commitment}
        onChange={(next) => {
          setCommitment(next);
          const cap = Number(capacity);
          if (next === 'volunteer' && cap > VOLUNTEER_CAPACITY_MAX)
            setCapacity(String(VOLUNTEER_CAPACITY_MAX));
          if (next === 'released' && cap <= VOLUNTEER_CAPACITY_MAX)
            setCapacity(String(RELEASED_CAPACITY_DEFAULT));
          clear('commitment');
          clear('capacity');
        }}
        error={errors.commitment}
        groupRef={focusRef('commitment')}
      />
      {commitment === 'released' && (
        <Field
          label="Last day of your release"
          hint="No new requests reach you after it; your caseload reminds you to taper off as it nears."
          error={errors.termEndsAt}
        >
          {(control) => (
            <input
              {...control}
              ref={focusRef('termEndsAt')}
              className="input input--short"
              type="date"
              name="termEndsAt"
              value={termEndsAt}
              onChange={(e) => {
                setTermEndsAt(e.target.value);
                clear('termEndsAt');
              }}
            />
          )}
        </Field>
      )}
      <Field
        label="Capacity"
        hint={`How many teachers you can support at once${commitment === 'volunteer' ? ` (a volunteer: up to ${VOLUNTEER_CAPACITY_MAX})` : ''}.${profile ? ` You support ${profile.active} now.` : ''}`}
        error={errors.capacity}
      >
        {(control) => (
          <input
            {...control}
            ref={focusRef('capacity')}
            className="input input--short"
            type="number"
            inputMode="numeric"
            name="capacity"
            min={1}
            max={capMax}
            value={capacity}
            onChange={(e) => {
              setCapacity(e.target.value);
              clear('capacity');
            }}
          />
        )}
      </Field>
      <SlotGrid
        legend="Weekly availability"
        name="availability"
        hint="When you are usually free for check-ins. It helps match you with teachers free at the same times."
        value={availability}
        onChange={(next) => {
          setAvailability(next);
          setSaved(null);
        }}
      />

      <section className="intake__part intake__part--quiet" aria-labelledby="places-title">
        <h2 id="places-title" className="intake__title">
          Your school and district
        </h2>
        <p className="field__hint">
          Used only so that you are never offered a request from a teacher at your own school or in your own
          district. Staffroom keeps an unreadable fingerprint of each, never the name, and never shows them
          back.
        </p>
        <div className="form__row">
          <PlaceField
            label="School"
            isSet={hasSchool}
            edit={school}
            onEdit={(next) => {
              setSchool(next);
              clear('school');
            }}
            error={errors.school}
            inputRef={focusRef('school')}
          />
          <PlaceField
            label="District"
            isSet={hasDistrict}
            edit={district}
            onEdit={(next) => {
              setDistrict(next);
              clear('district');
            }}
            error={errors.district}
            inputRef={focusRef('district')}
          />
        </div>
      </section>

      <div role="status" className="profile-form__saved">
        {saved && <p className="notice notice--success">{saved}</p>}
      </div>
      <Button type="submit" busy={busy} busyLabel="Saving…">
        Save profile
      </Button>
    </form>
  );
}
