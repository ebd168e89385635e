import type { CreateGroupBody } from '@staffroom/shared/schemas/groups';

/** Guidelines every starter group begins with (the seeds: safe, non-judgmental spaces with confidentiality rules). */
const BASE_GUIDELINES = [
  'What is shared here stays here: do not repeat it elsewhere, and do not screenshot it.',
  'No names: not of students, colleagues, schools or yourself. Say “a student”, “my principal”.',
  'Be kind and non-judgmental. Offer your experience, not verdicts.',
  'Ask before giving advice: sometimes listening is the help.',
  'If you are worried about someone’s safety, report the message: the moderators will reach out. In an emergency, use the crisis contacts the app shows.',
];

const guidelines = (extra?: string) =>
  [...BASE_GUIDELINES, ...(extra ? [extra] : [])].map((line, i) => `${i + 1}. ${line}`).join('\n');

/**
 * Groups a new programme can start with, from the topics and formats the seeds describe (peer support for new
 * assignments, challenging classes, workload; problem-solving workshops and emotional wellness focus groups).
 * A coordinator picks which to create; each can be edited afterwards.
 */
export const STARTER_GROUPS: readonly (CreateGroupBody & { name: string })[] = [
  {
    name: 'First years together',
    topic: 'first-year-evaluation',
    description:
      'For teachers in their first years: evaluations, planning, and the questions you would rather not ask in the staffroom.',
    guidelines: guidelines('There are no silly questions here.'),
  },
  {
    name: 'A challenging class',
    topic: 'challenging-class',
    description:
      'When one class takes everything you have: strategies that worked, and somewhere to put the day down.',
    guidelines: guidelines('Describe behaviour, not children: nothing that could identify a student.'),
  },
  {
    name: 'Teaching outside my subject',
    topic: 'outside-subject',
    description:
      'Assigned a subject you did not train for? Resources, lesson ideas and colleagues who have been there.',
    guidelines: guidelines(),
  },
  {
    name: 'Workload and stress',
    topic: 'workload-stress',
    description:
      'Marking, planning, meetings, and the evenings they take. Practical ways to cope, shared by peers.',
    guidelines: guidelines(),
  },
  {
    name: 'Problem-solving workshop',
    topic: 'problem-solving',
    description:
      'Bring a concrete problem from your classroom; the group works through options together at each session.',
    guidelines: guidelines('One problem at a time; the person who brought it decides what to try.'),
  },
  {
    name: 'Emotional wellness focus group',
    topic: 'wellness-focus',
    description:
      'A calm space to talk about how teaching feels, not only what it takes. Sessions are hosted.',
    guidelines: guidelines(),
  },
];
