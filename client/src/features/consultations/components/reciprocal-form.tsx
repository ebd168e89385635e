import '../pairing.css';
import { useRef, useState, type FormEvent } from 'react';
import {
  RECIPROCAL_AREAS,
  RECIPROCAL_AREA_LABELS,
  type ReciprocalArea,
  type ReciprocalBody,
} from '@staffroom/shared/schemas/consultations';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { ChoiceGroup, optionsOf } from './choice-group';

const MAX = 3;
const OPTIONS = optionsOf(RECIPROCAL_AREAS, RECIPROCAL_AREA_LABELS);

/**
 * Reciprocal mentorship: a teacher says what they can offer and would like to learn, from a fixed list (no free
 * text), and is paired with a teacher from another school whose offers and needs cross theirs.
 */
export function ReciprocalForm({ onSubmit }: { onSubmit: (body: ReciprocalBody) => Promise<void> }) {
  const [offers, setOffers] = useState<ReciprocalArea[]>([]);
  const [wants, setWants] = useState<ReciprocalArea[]>([]);
  const [school, setSchool] = useState('');
  const [district, setDistrict] = useState('');
  const [errors, setErrors] = useState<{ offers?: string; wants?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const offersRef = useRef<HTMLFieldSetElement>(null);
  const wantsRef = useRef<HTMLFieldSetElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = {
      ...(offers.length >= 1 && offers.length <= MAX
        ? {}
        : { offers: `Choose one to ${MAX} areas you could share.` }),
      ...(wants.length >= 1 && wants.length <= MAX
        ? offers.some((a) => wants.includes(a))
          ? { wants: 'An area cannot be both one you offer and one you would like to learn.' }
          : {}
        : { wants: `Choose one to ${MAX} areas you would like to learn.` }),
    };
    setErrors(found);
    if (found.offers || found.wants) {
      (found.offers ? offersRef : wantsRef).current?.querySelector('input')?.focus();
      return;
    }
    setBusy(true);
    try {
      await onSubmit({
        offers,
        wants,
        ...(school.trim().length >= 2 ? { school: school.trim() } : {}),
        ...(district.trim().length >= 2 ? { district: district.trim() } : {}),
      });
    } catch (err) {
      setErrors({ form: err instanceof Error ? err.message : 'That did not work. Try again.' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form reciprocal-form" noValidate onSubmit={submit} aria-label="Reciprocal mentorship">
      {errors.form && <Alert title="Not sent">{errors.form}</Alert>}
      <ChoiceGroup
        multiple
        legend="I can offer"
        name="reciprocal-offers"
        hint={`Up to ${MAX}: what you are confident with and glad to share.`}
        options={OPTIONS}
        value={offers}
        onChange={(next) => {
          setOffers(next);
          setErrors(({ offers: _o, ...rest }) => rest);
        }}
        error={errors.offers}
        groupRef={offersRef}
      />
      <ChoiceGroup
        multiple
        legend="I’d like to learn"
        name="reciprocal-wants"
        hint={`Up to ${MAX}.`}
        options={OPTIONS}
        value={wants}
        onChange={(next) => {
          setWants(next);
          setErrors(({ wants: _w, ...rest }) => rest);
        }}
        error={errors.wants}
        groupRef={wantsRef}
      />
      <p className="field__hint">
        Your school and district (optional) are used only so you are never paired with a colleague from them;
        Staffroom keeps an unreadable fingerprint, never the name.
      </p>
      <div className="form__row">
        <Field label="School" optional>
          {(control) => (
            <input
              {...control}
              className="input"
              name="reciprocal-school"
              autoComplete="off"
              maxLength={120}
              value={school}
              onChange={(e) => setSchool(e.target.value)}
            />
          )}
        </Field>
        <Field label="District" optional>
          {(control) => (
            <input
              {...control}
              className="input"
              name="reciprocal-district"
              autoComplete="off"
              maxLength={120}
              value={district}
              onChange={(e) => setDistrict(e.target.value)}
            />
          )}
        </Field>
      </div>
      <Button type="submit" busy={busy} busyLabel="Sending…">
        Find a reciprocal partner
      </Button>
    </form>
  );
}
