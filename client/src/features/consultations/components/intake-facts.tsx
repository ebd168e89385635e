import type {
  Area,
  Grade,
  Reason,
  Subject,
  SupportKind,
  WorkStyle,
} from '@staffroom/shared/schemas/consultations';
import {
  areaText,
  gradesText,
  kindText,
  reasonsText,
  slotsText,
  subjectsText,
  workStylesText,
} from '../model/labels';

/** What a teacher's intake says (never their school or district): as an offer shows it and as the conversation pins it. */
export interface IntakeFactsOf {
  grades: readonly Grade[];
  subjects: readonly Subject[];
  reasons: readonly Reason[];
  focus: Area;
  workStyles: readonly WorkStyle[];
  preferredTimes: readonly string[];
}

/** The structured intake as a list of facts, in the order the teacher answered. */
export function IntakeFacts({
  intake,
  kind,
  className,
}: {
  intake: IntakeFactsOf;
  /** The kind of support asked for, where nothing above says it already. */
  kind?: SupportKind;
  className?: string;
}) {
  const facts: [string, string][] = [
    ...(kind ? [['Kind of support', kindText(kind)] as [string, string]] : []),
    ['Grades', gradesText(intake.grades)],
    ['Subjects', subjectsText(intake.subjects)],
    ['Reasons for connecting', reasonsText(intake.reasons)],
    ['Area of focus', areaText(intake.focus)],
    ['Working together', workStylesText(intake.workStyles)],
    ['Times that suit', slotsText(intake.preferredTimes)],
  ];
  return (
    <dl className={className ? `offer__facts ${className}` : 'offer__facts'}>
      {facts.map(([term, text]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{text}</dd>
        </div>
      ))}
    </dl>
  );
}
