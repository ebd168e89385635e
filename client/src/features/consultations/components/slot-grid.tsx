import { useId, type ReactNode } from 'react';
import { DAYS, PARTS } from '@staffroom/shared/schemas/consultations';
import { DAY_LABELS, DAY_SHORT, PART_LABELS, slotOf } from '../model/labels';

/**
 * The week as a grid of day parts (morning, afternoon, evening), each a checkbox named in full ("Tuesday
 * evening") for screen readers. The grid is a real table, so its headers are read while moving through it.
 */
export function SlotGrid({
  legend,
  hint,
  value,
  onChange,
  name,
  optional,
}: {
  legend: string;
  optional?: boolean;
  hint?: ReactNode;
  value: readonly string[];
  onChange: (next: string[]) => void;
  name: string;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const toggle = (slot: string) =>
    onChange(value.includes(slot) ? value.filter((s) => s !== slot) : [...value, slot]);
  const setDay = (day: (typeof DAYS)[number], on: boolean) => {
    const daySlots = PARTS.map((p) => slotOf(day, p));
    const rest = value.filter((s) => !daySlots.includes(s));
    onChange(on ? [...rest, ...daySlots] : rest);
  };
  return (
    <fieldset className="picks" aria-describedby={hint ? hintId : undefined}>
      <legend className="field__label">
        {legend}
        {optional && <span className="field__optional"> (optional)</span>}
      </legend>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {/* On the narrowest screens (320 px, or 400 % zoom) the table scrolls inside its box, not the page. */}
      <div className="slots__scroll">
        <table className="slots">
          <thead>
            <tr>
              <td />
              {PARTS.map((p) => (
                <th key={p} scope="col">
                  {PART_LABELS[p]}
                </th>
              ))}
              <td />
            </tr>
          </thead>
          <tbody>
            {DAYS.map((d) => {
              const all = PARTS.every((p) => value.includes(slotOf(d, p)));
              return (
                <tr key={d}>
                  <th scope="row">
                    <span aria-hidden="true">{DAY_SHORT[d]}</span>
                    <span className="visually-hidden">{DAY_LABELS[d]}</span>
                  </th>
                  {PARTS.map((p) => {
                    const slot = slotOf(d, p);
                    return (
                      <td key={p} className="slots__cell">
                        <label className="slots__pick">
                          <input
                            type="checkbox"
                            name={name}
                            value={slot}
                            checked={value.includes(slot)}
                            onChange={() => toggle(slot)}
                            aria-label={`${DAY_LABELS[d]} ${PART_LABELS[p].toLowerCase()}`}
                          />
                        </label>
                      </td>
                    );
                  })}
                  <td className="slots__all">
                    <button
                      type="button"
                      className="slots__day"
                      aria-label={all ? `Clear ${DAY_LABELS[d]}` : `All day ${DAY_LABELS[d]}`}
                      onClick={() => setDay(d, !all)}
                    >
                      {all ? 'Clear' : 'All day'}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
