import { useId } from 'react';
import type { DurationChoice, DurationPreset, DurationUnit } from '../model/durations';

/**
 * How long a mute or ban lasts: preset radios and "Custom", which reveals an amount and a unit. A fieldset, so
 * its legend is read with each radio.
 */
export function DurationField({
  legend,
  presets,
  value,
  onChange,
}: {
  legend: string;
  presets: readonly DurationPreset[];
  value: DurationChoice;
  onChange: (next: DurationChoice) => void;
}) {
  const id = useId();
  const custom = value.choice === 'custom';
  return (
    <fieldset className="mod-choices">
      <legend className="field__label">{legend}</legend>
      <div className="mod-choices__options">
        {[...presets, { id: 'custom', label: 'Custom', minutes: 0 }].map((p) => (
          <label key={p.id} className="mod-choice">
            <input
              type="radio"
              name={`${id}-duration`}
              value={p.id}
              checked={value.choice === p.id}
              onChange={() => onChange({ ...value, choice: p.id })}
            />
            {p.label}
          </label>
        ))}
      </div>
      {custom && (
        <div className="mod-choices__custom">
          <label htmlFor={`${id}-amount`} className="visually-hidden">
            Custom length
          </label>
          <input
            id={`${id}-amount`}
            className="input input--short"
            type="number"
            inputMode="numeric"
            min={1}
            value={value.amount}
            onChange={(e) => onChange({ ...value, amount: e.target.value })}
          />
          <label htmlFor={`${id}-unit`} className="visually-hidden">
            Unit
          </label>
          <select
            id={`${id}-unit`}
            className="input input--short"
            value={value.unit}
            onChange={(e) => onChange({ ...value, unit: e.target.value as DurationUnit })}
          >
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
            <option value="days">days</option>
          </select>
        </div>
      )}
    </fieldset>
  );
}
