/**
 * Crisis guard: flags messages that suggest a risk of suicide or self-harm, so the server can privately show the
 * sender crisis resources and raise an urgent item for moderators. The message is never blocked.
 *
 * Recall matters more than precision: a false alarm costs a moderator a minute and shows someone a helpline; a miss
 * can cost far more. So:
 * - Strong cues flag on their own ("I want to die", "better off without me", "end it all", "hurt myself").
 * - Weak cues ("hopeless", "can't do this anymore", "I'm a burden") flag when two or more appear together.
 * - Negation is handled only where it stays safe: a negated strong cue ("I'm not suicidal", "I would never hurt
 *   myself") becomes a weak cue, so it still flags together with any other sign of distress.
 * - Quotation is handled only with a literary context: a cue inside quotation marks in a message about a text
 *   ("the poem's line 'I want to die'") is ignored. Quoted words without such a context still flag.
 * - Bare words used professionally ("suicide prevention training", "a unit on self-harm awareness", "a student
 *   disclosed self-harm") are ignored when the sentence is clearly about a policy, a lesson, a text or a third person,
 *   unless the writer speaks about themself next to the word ("my self-harm").
 * - Idioms teachers use every day are not cues: "this marking is killing me", "I could kill for a coffee", "dead
 *   tired", "I'm dying to try this", "the lesson died", "I'd die of embarrassment", "killing myself trying to finish
 *   reports", "kill me now". Goodbye-style cues ("goodbye everyone", "my last message") are ignored when the message
 *   says why ("retiring", "new job", "off on holiday").
 *
 * Linear time: bounded patterns over a normalised copy of the text.
 */
import { scoreNormalised, type ModelShape } from './crisis-model.js';
import { DIALECT_FIRST, DIALECT_LAST, DIALECT_SECOND, type Unify } from './dialect.js';
import { foldLookalikes } from './lookalikes.js';
import { prepare } from './normalize.js';
import {
  compileFilter,
  FilterIndex,
  mayMatchIds,
  requiredWords,
  wordIdsOf,
  type CompiledPrefilter,
  type Prefilter,
  type WordIds,
} from './prefilter.js';

/**
 * - `plan`: first-person risk with a plan, a means, a date or an act in progress (pills counted out, a rope, "took
 *   them an hour ago", "how many would it take").
 * - `passive`: first-person risk without one ("I want to die", "everyone would be better off", self-harm).
 * - `third-person`: the writer is worried about someone else ("a colleague told me she has a plan"): the flow raises a
 *   moderator item and shows the sender how to help someone, not crisis resources for themself.
 * - `none`: nothing of the above (including hyperbole, venting, grief, recovery milestones, negation).
 */
export type CrisisKind = 'plan' | 'passive' | 'third-person' | 'none';

export interface CrisisResult {
  /** The writer themself may be at risk (kind `plan` or `passive`). */
  risk: boolean;
  kind: CrisisKind;
  /** The writer is worried about someone else; may be true together with `risk`. */
  concernForOther: boolean;
  /** The phrases that raised the flag (normalised, lower case), for the moderator's urgent item. */
  matches: string[];
  /** The learned model's probabilities (crisis-model.ts), rounded to two decimals. */
  score: { self: number; third: number };
}

type Strength = 'strong' | 'weak';

interface Cue {
  re: RegExp;
  strength: Strength;
  /** A negation just before ("not", "never", "don't") turns it into a weak cue. */
  negatable?: boolean;
  /** Goodbye-style: ignored when the message gives an ordinary reason for leaving. */
  goodbye?: boolean;
  /** Ignored when its subject is clearly someone else ("she wants to die" is a safeguarding report, not the writer). */
  firstPerson?: boolean;
  /** A bare word ("suicide", "self-harm", "overdose") ignored in a professional, literary or third-person sentence. */
  professional?: boolean;
  /** Per-match decision from the text after (and the clause before) the match: a strength, or null to ignore it. */
  after?: (following: string, before: string, match: string) => Strength | null;
  /** In a language the model cannot read (it reads English): the model never vetoes its strong flag. */
  modelBlind?: boolean;
  /**
   * Self-harm told as going on now (model round 13): the model never vetoes it, as ONGOING_HARM, unless the message
   * says it has ended (HARM_ENDED) or speaks of the past (HARM_IN_THE_PAST: "in my first year… it's been three years").
   */
  ongoing?: boolean;
  /**
   * The cue's own words hold a negation by construction ("I'm not moving", "no intention of seeing", "never get up
   * again"; model round 15): its words are not the negation or past context that lowers the model's veto bar
   * (VETO_CONTEXT); the rest of its sentence still is.
   */
  ownNegation?: boolean;
  /**
   * An act under way now, told with the body's signs, a place or the next try ("heart's racing from what i took", "did
   * it. didnt work. going to try again before it gets light", "im on the roof rn"; model round 16): the model never
   * vetoes it, as ONGOING_HARM. The fold models read such lines at 0.02–0.4 and vetoed them beside a "not".
   */
  acute?: boolean;
  /**
   * The cue's own words make the writer its subject ("told her I'm going travelling. I'm not going travelling"; model
   * round 17): read as the writer's even after a third-person noun in the clause before ("rehomed the dog with my
   * neighbour, told her…").
   */
  namesWriter?: boolean;
  /**
   * Round 17F: a strong cue of the formal, understated register (FORMAL_REGISTER_CUES). The model, trained mostly on
   * social-media and forum text, reads those dignified words as ordinary talk (0.00–0.07 on "I have set a date", "I
   * have wished to be dead", "my decision is made and the preparations are complete"), so it does not veto this
   * cue's flag OUTSIDE a context (vetoOutside); a negation, the past or a joke in the cue's own sentence (VETO_CONTEXT)
   * still lets it veto, as for every cue.
   */
  understated?: boolean;
}

const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
};
const CENSORED_WORDS = [
  'suicide',
  'suicidal',
  'kill',
  'killing',
  'die',
  'dead',
  'death',
  'overdose',
  'harm',
  'cut',
  'cutting',
  'myself',
  'life',
];

/** The leet characters (all ASCII), as a table by character code. */
const LEET_CODES = new Uint8Array(128);
for (const c of Object.keys(LEET)) LEET_CODES[c.charCodeAt(0)] = 1;
const LETTER = /\p{L}/u;
const TOKEN_CHAR = /[\p{L}\p{N}]/u;

/**
 * `t.replace(/[\p{L}\p{N}@$!|]+/gu, …)` mapping the leet characters of every token that also has a letter and no two
 * digits in a row, as one pass over the characters: most messages have no such token and are returned as they are.
 * A word in disguise has its digits one by one ("d1e", "k1ll", "b3"); two in a row are a number or a code
 * ("t1733580000123", "c12n345", "rm14", "500mg"), which read as letters made words out of nothing (model round 14:
 * a timestamp became "titees8oi2e").
 */
function deLeet(t: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < t.length) {
    const start = i;
    let leet = false;
    let letter = false;
    let number = false;
    let digitBefore = false;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c < 128) {
        const isLetter = c >= 97 && c <= 122;
        const isLeet = LEET_CODES[c] === 1;
        const isDigit = c >= 48 && c <= 57;
        if (!isLetter && !isLeet && !isDigit) break;
        letter ||= isLetter;
        leet ||= isLeet;
        number ||= isDigit && digitBefore;
        digitBefore = isDigit;
        i++;
        continue;
      }
      const cp = t.codePointAt(i) ?? c;
      const ch = String.fromCodePoint(cp);
      if (!TOKEN_CHAR.test(ch)) break;
      letter ||= LETTER.test(ch);
      digitBefore = false;
      i += ch.length;
    }
    if (i === start) {
      i += (t.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
      continue;
    }
    if (leet && letter && !number) {
      out += t.slice(copied, start);
      for (let k = start; k < i; k++) out += LEET[t[k] as string] ?? t[k];
      copied = i;
    }
  }
  return copied === 0 ? t : out + t.slice(copied);
}

/** Three equal characters in a row: the only texts the letter-run squeeze can change. */
function hasTriple(t: string): boolean {
  for (let i = 2; i < t.length; i++)
    if (t.charCodeAt(i) === t.charCodeAt(i - 1) && t[i] === t[i - 2]) return true;
  return false;
}

const isLetterCode = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
/** The separators of spaced letters: space . * _ - */
const isSeparatorCode = (c: number) => c === 32 || c === 46 || c === 42 || c === 95 || c === 45;

/**
 * Could the spaced-letter pattern of `normalise` match? It needs four letters, each after one separator ("s u i c").
 * Only ASCII text is read; any other character may be a letter, so the answer is then yes.
 */
function maySpaceLetters(t: string): boolean {
  /** Letters so far in a run of single letters joined by single separators. */
  let chain = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 128) return true;
    if (!isLetterCode(c)) continue;
    chain =
      i >= 2 && isSeparatorCode(t.charCodeAt(i - 1)) && isLetterCode(t.charCodeAt(i - 2)) ? chain + 1 : 1;
    if (chain >= 4) return true;
  }
  return false;
}

/**
 * Contractions and spellings unified, in this order (each replacement sees the text the one before left): dialect,
 * regional and texting spellings first (dialect.ts), then the standard contractions, then the two dialect steps that read
 * their output (double negation, Creole "dead").
 */
const UNIFY: readonly Unify[] = [
  ...DIALECT_FIRST,
  ...DIALECT_SECOND,
  [/\bi am\b/g, "i'm"],
  [/\bim\b/g, "i'm"],
  [/\bi ?m (?=not\b|so\b|just\b|really\b|done\b|tired\b|a\b)/g, "i'm "],
  [/\b(?:dont|do not|dnt)\b/g, "don't"],
  [/\b(?:cant|cannot|can not|cnt)\b/g, "can't"],
  [/\b(?:wont|will not)\b/g, "won't"],
  [/\b(?:didnt|did not)\b/g, "didn't"],
  [/\b(?:wouldnt|would not)\b/g, "wouldn't"],
  [/\b(?:isnt|is not)\b/g, "isn't"],
  [/\b(?:doesnt|does not)\b/g, "doesn't"],
  [/\bive\b/g, "i've"],
  [/\bi ll\b/g, "i'll"],
  [/\bi'?d\b(?= (?:rather|be|like|love|prefer|die|never|just|sooner))/g, "i'd"],
  [/\bwanna\b/g, 'want to'],
  [/\bgonna\b/g, 'going to'],
  [/\bgotta\b/g, 'got to'],
  [/\bwhats\b/g, "what's"],
  [/\bthats\b/g, "that's"],
  [/\bu\b/g, 'you'],
  [/\bno ?one\b|\bno-one\b/g, 'no one'],
  [
    /\bmy self\b(?![- ]?(?:harm|injur|destruct|mutilat|esteem|worth|care|doubt|confidence))|\bmeself\b/g,
    'myself',
  ],
  ...DIALECT_LAST,
];
/** The words each replacement needs (prefilter.ts): most messages need none of them. */
const UNIFY_FILTERS: readonly CompiledPrefilter[] = UNIFY.map(([re]) => compileFilter(requiredWords(re)));
/** The same filters in one index: until a step changes the text, one pass over its words answers them all. */
const UNIFY_INDEX = new FilterIndex(UNIFY_FILTERS);

/**
 * For the property tests only: `enabled: false` runs every normalisation step on every text and tests every cue's
 * prefilter one by one, instead of skipping what cannot change or match (the verdicts must not change).
 */
export const crisisShortcuts = { enabled: true };

/** Lower case, folded, de-obfuscated, contractions unified, one space between words. */
export function normaliseForCrisis(raw: string): string {
  return normalise(raw).text;
}

/** `normaliseForCrisis`, and the text's words (prefilter.ts), maybe with some the unifying replaced. */
function normalise(raw: string): { text: string; words: WordIds } {
  const all = !crisisShortcuts.enabled;
  // Look-alike letters of other scripts read as Latin ("kіll" with a Cyrillic і), as the blocked terms read them.
  let t = foldLookalikes(prepare(raw).text).toLowerCase();
  // Leetspeak inside words that also have letters: "d1e", "t0", "$uicide", "k1ll".
  t = deLeet(t);
  // "s u i c i d e", "k.i.l.l", "s-e-l-f"
  if (all || maySpaceLetters(t))
    t = t.replace(/(?<![\p{L}])(?:\p{L}[ .*_-]){3,40}\p{L}(?![\p{L}])/gu, (m) =>
      /^(?:\p{L}[.*_-]){3,}\p{L}$/u.test(m) || /^(?:\p{L} ){3,}\p{L}$/u.test(m)
        ? m.replace(/[ .*_-]/g, '')
        : m,
    );
  // "su*cide", "k*ll": one asterisk per hidden letter.
  if (t.includes('*'))
    t = t.replace(/[\p{L}*]{0,20}\*[\p{L}*]{0,20}/gu, (tok) => {
      for (const w of CENSORED_WORDS) {
        if (w.length !== tok.length) continue;
        let ok = true;
        for (let i = 0; i < w.length && ok; i++) ok = tok[i] === '*' || tok[i] === w[i];
        if (ok) return w;
      }
      return tok;
    });
  // "killlll", "diiiie", "sooo"
  if (hasTriple(t)) t = t.replace(/(\p{L})\1{2,}/gu, '$1');
  // Only a run of two or a character other than a plain space changes.
  if (all || /[^\S ]|\s\s/.test(t)) t = t.replace(/[\s]+/g, ' ');
  const words = wordIdsOf(t);
  /** Which steps may match the text as it came (null once a step changed it: each is then asked on its own). */
  let hold: Uint8Array | null = all ? null : UNIFY_INDEX.holding(words);
  for (let k = 0; k < UNIFY.length; k++) {
    const [re, to] = UNIFY[k] as Unify;
    if (!all && (hold ? hold[k] !== 1 : !mayMatchIds(UNIFY_FILTERS[k] as CompiledPrefilter, words))) continue;
    let added = '';
    const next =
      typeof to === 'string'
        ? t.replace(re, to)
        : t.replace(re, (_m, key: string) => {
            const out = to[key] as string;
            added += ` ${out}`;
            return out;
          });
    if (next === t) continue;
    t = next;
    hold = null;
    // Every pattern above matches between word boundaries, so the new text's words are the old ones and these.
    words.add(typeof to === 'string' ? to : added);
  }
  return { text: t, words };
}

// Optional fillers between the words of a phrase: "I (just) (really) want to die".
const F =
  '(?:(?:just|really|honestly|seriously|genuinely|actually|sometimes|literally|truly|simply|kinda|basically|quietly|secretly|still|even|often|always|constantly|so|very|desperately|badly|kind of|sort of|almost|probably|definitely|totally|completely|all|do|did) ){0,3}';
const INTENT =
  "(?:want(?:ed|s)? to|going to|thinking (?:of|about)|thought (?:of|about)|plan(?:ning)? to|ready to|decided to|might|could|should|i'll|i will|about to|tempted to|urge to|urges to|how to|way to|wish i could|need to|have to|i'm|i've|feel like|felt like|started|start|keep|kept|been|again|try to|tried to)";

const rx = (source: string) => new RegExp(source, 'g');

/** The place a feeling is scoped to, right after it: the job, not the writer's life. */
const WORK_SCOPE =
  /^ (?:at (?:work|school|the school|my school|this school|the moment at work)|in (?:this|my|the) (?:job|role|department|school|staffroom|meetings?|team)|in (?:meetings|staff meetings|lessons|class|the classroom)|as a (?:teacher|tutor|head of \w+|form tutor|ta|manager))\b/;

/** The rest of the clause makes it permanent: "I don't want to wake up on Monday, or ever". */
const PERMANENCE =
  /^[^.!?;]{0,40}\b(?:or ever|ever again|forever|for ever|for good|permanently|never again)\b/;

/** Everyday things a tired teacher wants to be over. */
const ORDINARY_REFERENT =
  /\b(?:term|week|year|day|lesson|meeting|meetings|inset|parents' evening|parents evening|observation|inspection|ofsted|marking|exams?|exam season|half term|holidays?|noise|alarm|timetable|duty|training|course|shift|semester|quarter|month|monday|tuesday|wednesday|thursday|friday|weekend|report|reports|deadline|strike|renovation|building work|drilling)\b/;

/**
 * An ordinary time or event right after "be here" (model round 7): "at 7pm", "for parents evening", "on Monday", "for
 * the staff meeting", "until 6", "at INSET", "for the trip". Read only after CLAUSE_END and PERMANENCE, so "for much
 * longer" and "at 7pm or ever again" stay cues.
 */
const ORDINARY_OCCASION =
  /^ (?:at|for|on|until|till|til|during|before) (?:the |this |my |our |a |an |tomorrow's |today's |next |every |another |one more )?(?:\d\w*|[\dioeast]{1,2}(?:[:.][\dioeast]{1,2})? ?(?:am|pm)|noon|midday|lunch(?:time)?|break(?:time)?|registration|assembly|briefing|staff (?:meeting|briefing|training|party|do)|(?:parents'?|open|options|prize|awards?|information) (?:evening|day|night)|inset|(?:school )?trip|residential|detention|(?:bus |gate |lunch |break |playground )?duty|cover|meetings?|observation|inspection|ofsted|mocks?|exams?|moderation|training|cpd|sports day|disco|concert|nativity|rehearsal|fayre|fair|fete|christmas (?:party|fair|concert|dinner|do)|leavers'? (?:assembly|do|party)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekends?|mornings?|afternoons?|evenings?|half term|end of (?:the )?(?:day|term|lesson)|(?:first|second|third|fourth|fifth|last) (?:period|lesson)|p\d|period \d|lessons? \d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?: o'clock| ?(?:am|pm))?)\b/;

/**
 * "nobody would notice if" with a subject other than the writer right after it (model round 8): "if we moved the staff
 * meeting", "if the printer broke". "if I was gone", "if I stopped", "if I'm not here" stay cues.
 */
const NOTICE_IF_OTHER =
  /^ (?:if|whether) (?:we|they|you|he|she|it|the|our|their|his|her|your|this|that|someone|somebody|anyone|anybody|everyone|slt|year \d+|y\d+)\b/;

/** A time word right after a feeling, before ORDINARY_REFERENT names the time: "after this week", "over half term". */
/** Waking "early" or "late" (model round 15), alone or before an ordinary occasion; not "early or ever". */
const EARLY_OR_LATE = /^ (?:so |this |that |really |too )?(?:early|late)\b(?! or\b)/;
const ORDINARY_TIME_AFTER = /^ (?:after|over|at|on|during|once|when|until|till|this|next|for)\b/;

/** The text right after a match must be an end of clause or a clearly personal continuation. */
const CLAUSE_END =
  /^(?:$|[ ]?[.,!?;:)\]"'-]|[ ](?:anymore|any more|much longer|any longer|for much longer|like this|like that anymore|in this world|in this body|another day|without|because|but|and|or|i|tbh|honestly|either|at all|now|right now|tonight|some days|sometimes|lately|these days|most days|this way|with this|with myself|with me|if this is|on this earth|forever|for good|alive)\b)/;

const ACCIDENT =
  /^ (?:on (?!purpose)|at |during |playing|lifting|running|doing |falling|while|carrying|moving|shaving|cooking|ironing|gardening|by accident|accidentally|slack|some slack|off\b|short|a (?:slice|piece|break)|free|loose|out of|up\b|in the (?:foot|kitchen|garden|classroom|lab)|by (?:not|working|staying|skipping|doing|taking|being|trying|overworking|saying))/;
const INTENT_BEFORE = new RegExp(`${INTENT} ${F}$`);
/** An accident told after an act on the body: "burned my arm on the oven tray", "cut my leg while gardening". */
const BODY_ACCIDENT =
  /^ (?:on (?!purpose)|playing|lifting|running|falling|tripping|slipping|while|carrying|moving|shaving|cooking|ironing|gardening|reaching|taking|getting|by accident|accidentally|in the (?:kitchen|garden|lab|workshop))/;
/** The clause before an act of self-harm puts it in the past: "I used to cut my thighs", "years ago I burned my arms". */
const HARM_IN_THE_PAST =
  /\b(?:used to|when i was|when i (?:first )?started|back when|back then|ago|years|in my (?:twenties|teens|first year)|as a (?:teen|teenager|student))\b/;

/** Medicines and poisons by name: a question about how much of one it takes is a question about a method. */
const DRUG =
  'pills|tablets|paracetamol|sleeping pills|sleeping tablets|painkillers|of my (?:meds|pills|tablets)|co-?codamol|codeine|ibuprofen|aspirin|tylenol|advil|antidepressants|sertraline|citalopram|fluoxetine|amitriptyline|mirtazapine|diazepam|valium|zopiclone|tramadol|oxycodone|morphine|insulin|lithium|quetiapine|propranolol|antifreeze|bleach|weedkiller|meds|medication';

/** A statement in another language (below) is ignored after that language's "not" ("no quiero morir"). */
const notNegatedAbroad = (_following: string, before: string): Strength | null =>
  /\b(?:no|ne|pas|nicht|nao|non|nie|hindi|sitaki|nahi|nahin)\s*$/.test(before) ? null : 'strong';

/** Model round 17: the last tasks, affairs done, a time alone (weak cues, one pattern each so the word prefilter skips each apart; below). */
const LAST_TASKS: readonly string[] = [
  String.raw`\b(?:the |my )?last (?:loose end|thing (?:on|to do on|off) (?:the|my) list|job on (?:the|my) list)\b`,
  String.raw`\bso (?:nobody|no one|noone|no-one|someone else|they) (?:has|have|will have|won't have|doesn't have|don't have) to (?:do|sort|finish|clear|deal with|pick up|mark|write) (?:them|it|this|that|those|my \w+)(?: \w+)? (?:for me|after me|after i'm gone|when i'm gone)\b`,
  String.raw`\bafter (?:that|then|friday|this week|this term),? (?:they|you|nobody|no one|the school|the department|he|she) (?:won't|will not|wouldn't) need (?:any|anything|anymore|me)(?: (?:from|of) me)?(?= ?[.,!?]|$)`,
  String.raw`\b(?:because|cos|cause|since|as) i (?:won't|will not) be (?:there|here|around)(?= ?[.,!?]|$|\s*[^\x00-\x7f])`,
  String.raw`\b(?:pension|insurance|life insurance|will|affairs|paperwork|finances|accounts) (?:\w+ )?(?:is|are|'s|all) (?:done|sorted|in order|signed|finished)\b`,
  String.raw`\b(?:got|put|getting|putting|have|had) (?:all )?my affairs (?:sorted|in order)\b`,
  String.raw`\bcleared (?:all )?(?:my|the) (?:debts?|credit cards?|overdraft|loans?)\b`,
  String.raw`\b(?:passed|gave|given|handed|sent|left) (?:my |all my )?(?:insurance|passwords|pin|bank details|policy|policies|will)\b[^.!?]{0,30}\bto (?:my|her|his) (?:brother|sister|son|daughter|wife|husband|partner|mum|mom|dad|best friend|niece|nephew|kids)\b`,
  String.raw`\bwhen (?:the |my )?(?:wife|husband|partner|kids|family|flatmate|housemate|mum|mom|dad)(?:'s| is| are)? (?:at|away|out|gone)\b`,
  String.raw`\bwho gets what\b`,
];

/** Model round 17: working up to it at an edge (weak cues, one pattern each; below). */
const WORKING_UP_TO_IT: readonly string[] = [
  String.raw`\bworking (?:myself )?up (?:to it|the (?:courage|nerve|guts|bottle))(?= ?[.,!?]|$)`,
  String.raw`\b(?:standing|stood|sitting|sat|stand|sit) (?:at|on|by) the (?:edge|ledge|parapet|railings?)\b(?! of (?:the |a |my )?(?:pitch|field|playground|court|pool|stage|class|group|room|bed|desk|seat|sofa|chair|table|bath|road|pavement|car park|football|rugby|netball|track)\b)`,
  String.raw`\b(?:got|get|getting|put|swung) (?:one|a|my) (?:leg|foot) over(?: the (?:rail|railing|railings|parapet|barrier|edge|side))?(?= ?[.,!?]|$| the (?:rail|railing|railings|parapet|barrier|edge|side)\b)`,
  String.raw`\b(?:won't|will not|wouldn't|not going to|didn't) (?:climb|step|come) back(?: over| down| in)?(?= ?[.,!?]|$)`,
  String.raw`\b(?:bridge|river|quarry|reservoir|cliff|cliffs|tracks|railway|elevator|tower|sea|lake|water|motorway|rope|pills|tablets|gun|edge)\b[^.!?]{0,50}\b(?:has been|'s been|keeps|is|are|been) calling (?:my name|to me|me)\b`,
];

/**
 * Who keeps it back (model round 17): the writer, or no one named at the start of a sentence ("kept back a week of my
 * diazepam"); not "the pharmacy kept back my prescription".
 */
const HOARDER = String.raw`(?:^|[.!?,;] |\bi(?:'ve|'d|'m| have| had| am)? )(?:(?:been|still|just|also|now|so|quietly|secretly) )*`;
/** How much of a medicine is kept back (model round 17): "a fortnight's worth of", "half of", "my". */
const HOARD_AMOUNT =
  "(?:(?:a|one|two|three|four|a few) (?:fortnight|week|month|weeks|months|days)(?:'s|s')? (?:worth )?of |half (?:of )?|some of |part of |most of |all )?(?:my |the |of my )?";
/** …not kept for an ordinary use ("saving my insulin for the trip", "keeping back the tablets in the first aid box"). */
const hoardAfter = (f: string): Strength | null =>
  /^ (?:for (?:the|my|a) (?:trip|holiday|residential|journey|flight|kids|class|weekend away)|in (?:the|a) (?:first aid|cupboard|fridge)|until (?:i|the) (?:see|get|pharmacy))/.test(
    f,
  )
    ? null
    : 'strong';

/**
 * An ordinary reason for going given to others, then denied (model round 15): the telling, then the story's subject
 * (`subject`), then the story and its denial. Model round 17: the writer as the story's subject ("told her I'm going
 * travelling. I'm not going travelling.") names the writer, whoever the clause before speaks of (`Cue.namesWriter`).
 */
const coverStory = (subject: string) =>
  String.raw`\b(?:told|tell|telling|said|saying) (?!me\b|us\b)(?:(?:to )?(?:the |my |our |all the |everyone |everybody |people |folks |them |him |her )?(?:\w+ ){0,2})?(?:that )?(?:${subject}) (?:moving|retiring|leaving|emigrating|relocating|going (?:away|abroad|travelling)|(?:a |for a |for an |an )?(?:hospital |doctor's |dentist |medical )?(?:appointment|operation|procedure|new job)|(?:off|taking|having) [^.!?]{0,30}?\b(?:appointment|operation|procedure|leave|days? off|time off|holiday|break|course))\b[^.!?]{0,30}[.!?,;]+ (?:but )?(?:(?:(?:i'm|i am) not(?: (?:moving|retiring|leaving|going|emigrating|relocating)\b[^.!?,;]{0,20}| coming back(?: from (?:it|that|this))?(?: at all| ever)?)?|it (?:isn't|is not|wasn't|was not|'s not)|that's not true|that isn't true|there (?:is|are) no \w+(?: \w+)?|there (?:isn't|is not|wasn't|was not) (?:one|any))(?= ?[.,!?;]|$)|the only (?:place|where) i'm going is\b)`;

// --- round 17F: the formal, understated register (issue 11) ---------------------------------------------------------
// Formal and reserved writers (older teachers, heads of department, teachers writing English as a second language)
// tell risk in dignified, even bureaucratic words and rarely name suicide: a wish "to be dead" in the infinitive, no
// wish "to continue", God asked to "call me soon", a date "chosen", arrangements "complete", a method "decided on", a
// farewell worded as thanks. Written from the register, not from any one author's words; each has its nearest
// negatives in the same register in crisis.test.ts ("round 17F (formal register)"). Kept in this block so that the
// lead can merge it beside other rounds' cues; CUES spreads it at its end.

/** The clause ends after a formal phrase, or goes on only with words that make it permanent or personal. */
const FORMAL_END = String.raw`(?= ?[.,;:!?)]|$| (?:any (?:longer|more|further)|anymore|at all|like this|in this (?:world|life)|on this earth|for (?:very )?(?:much|many more) (?:longer|years)|much longer|now|either|and|but|or|nor|so|though|although|because)\b)`;
/** A means named (medicines, poisons, a rope, a gun): what a plan told in formal words keeps or collects. */
const FORMAL_MEANS = String.raw`(?:tablets|pills|medication|medicines?|meds|prescriptions?|insecticide|pesticide|poison|weedkiller|rat poison|paraquat|rope|gun|shotgun|rifle|charcoal|blades?)`;
/** A question made about the writer ("I ask for myself", "I'm asking about myself", "the question is for me"). */
const ASKING_FOR_MYSELF = String.raw`\b(?:i(?:'m)? ask(?:ing)?|i've asked|i have asked) (?:this )?(?:for|about) (?:myself|me)\b|\bthe question is (?:for|about) (?:me|myself)\b`;
/** School work as the reason for a question about heights or doses ("for a physics lesson", "for the risk assessment"). */
const SCHOOL_REASON =
  /\b(?:lessons?|class|pupils|students|project|physics|homework|experiment|unit|science|safety|risk assessment|trip|coursework|curriculum|syllabus|assembly|first aid)\b/;

const FORMAL_REGISTER_CUES: readonly Cue[] = [
  {
    // The wish to be dead in the infinitive or as a noun: "for several months now I have wished to be dead", "the
    // persistent wish to be dead", "a longing for death", "I pray for a quick death". "No wish to die" and "the wish
    // to die has faded" are recovery phrases, blanked before the cues run (RECOVERY_OR_LOSS).
    re: rx(
      String.raw`\b(?:wish|wished|wishes|wishing|desire|desired|long|longed|longing|want|wanted|prefer|preferred) to ${F}(?:be dead|no longer (?:be alive|live|exist)|cease (?:to exist|to be|living))\b|\b(?:the|a|my|this|that|one) (?:\w+ )?(?:wish|desire|longing|yearning) (?:to be dead|to die|for death|to cease to exist|not to exist|to not exist|not to (?:be alive|wake|live))\b|\b(?:pray|prayed|praying|prays|long|longing|longed|hope|hoping) for (?:a |an |my )?(?:quick |swift |early |peaceful |merciful |gentle )?death\b`,
    ),
    strength: 'strong',
    understated: true,
    firstPerson: true,
    negatable: true,
  },
  {
    // No wish, will or reason left to go on: "I have no wish to continue", "I have lost the will to carry on", "no
    // desire to go on living"; not "no wish to continue with the course", "no reason to continue the meeting".
    re: rx(
      String.raw`\b(?:no|little|not much|not any|lost (?:the|my|all)|without (?:any|the)) (?:further |real |longer |great )?(?:wish|desire|will|reason|motivation|strength) (?:left )?to (?:continue|go on|carry on|live|keep living|keep going|go on living|carry on living|continue living|be alive|remain alive|stay alive|exist)${FORMAL_END}`,
    ),
    ownNegation: true,
    strength: 'strong',
    understated: true,
    firstPerson: true,
  },
  {
    // Continuing told with a formal span of time: "I do not see a reason to continue for many more years".
    re: rx(
      String.raw`\b(?:don't|no longer|not|never) ${F}(?:see (?:a|any|the) (?:reason|point|purpose)|wish|want) (?:to |in |of |for )?(?:continue|continuing|go on|going on|carry on|carrying on|live|living|keep going) for (?:very )?(?:many|much) (?:more |longer )?(?:years?|longer)\b`,
    ),
    ownNegation: true,
    strength: 'strong',
    understated: true,
    firstPerson: true,
  },
  {
    // God asked to take the writer soon: "I pray each night that He calls me soon", "I am ready to go to God", "ready
    // to meet my maker"; not "I pray that God calls me to the ministry" or "I'm ready to meet God and lodge a complaint".
    re: rx(
      String.raw`\b(?:pray|prayed|praying|prays|hope|hoping|ask|asking)\b[^.!?]{0,25}\b(?:that |for )?(?:god|he|him|the lord|allah|jesus|the almighty) (?:will |would |might |may |to )?(?:calls?|takes?|brings?|gathers?) me (?:home|soon|early|away|now|tonight|in my sleep|to (?:him|himself|heaven))\b|\bready to (?:go to|be with|meet|return to) (?:god|him|the lord|allah|jesus|heaven|my maker|my creator|the almighty)\b(?! and\b)|\bready for (?:death|the grave|the end)(?= ?[.,;!]|$)`,
    ),
    strength: 'strong',
    understated: true,
    firstPerson: true,
  },
  {
    // Death told as a relief or a door: "death feels like a door I would gladly walk through", "death would be a
    // mercy"; not another's death ("his death was a release", "for Gran, death would be a mercy").
    re: rx(
      String.raw`\bdeath (?:would be|will be|would come as|feels like|feel like|seems like|seems|looks like|sounds like|'d be) (?:a |an )?(?:\w+ )?(?:relief|release|mercy|rest|blessing|kindness|door|escape|gift|solution|way out|friend)\b`,
    ),
    strength: 'strong',
    understated: true,
    firstPerson: true,
    negatable: true,
    after: (_f, before) =>
      /(?:\b(?:his|her|their|its|whose)|'s) $|\bfor (?:him|her|them|the \w+|my (?:\w+ )?(?:mother|father|mum|mom|dad|gran\w*|grand\w*|nan|aunt|uncle|husband|wife|partner|dog|cat|patient|friend)),? $/.test(
        before,
      )
        ? null
        : 'strong',
  },
  {
    // Envying the dead one knew: "Sometimes I envy my late colleague"; not "I envy my late colleague's handwriting".
    re: rx(
      String.raw`\benvy (?:my|our|the) (?:late|departed|deceased) \w+\b(?!'s)|\benvy (?:him|her|them)\b[^.!?]{0,15}\b(?:that|because|now that|since) (?:he's|she's|they're|he is|she is|they are) (?:dead|gone|at (?:peace|rest)|in (?:the ground|heaven))\b`,
    ),
    strength: 'strong',
    understated: true,
    firstPerson: true,
  },
  {
    // Not caring whether the traffic stopped: "I had not cared whether the car stopped".
    re: rx(
      String.raw`\b(?:didn't|had not|hadn't|don't|wouldn't|no longer|not) (?:really |much |even )?(?:care|cared|mind|minded) (?:whether|if) (?:the|a|that|any) (?:car|bus|lorry|truck|train|van|tram|driver|jeepney|taxi|motorbike|traffic) (?:stopped|would stop|stops|hit me|would hit me|hits me|ran me over|saw me|braked)\b`,
    ),
    ownNegation: true,
    strength: 'strong',
    understated: true,
    firstPerson: true,
  },
  {
    // A burden in formal words: "I have become a burden to my colleagues", "I am only a burden now", "nothing but a
    // burden upon my family"; not a future feared ("I do not wish to become a burden to my children in old age").
    re: rx(
      String.raw`\b(?:i'm|i have become|i've become|i have been|i've been|i feel i'm|i feel i have become|i feel i've become) (?:now )?(?:only |merely |nothing but |simply |no more than |little more than |just )?(?:a |an )?(?:burden|encumbrance) (?:to|on|for|upon) (?:everyone|everybody|others|all of (?:them|you)|those (?:around|close to) me|the people (?:i love|around me)|my (?:\w+ )?(?:family|families|wife|husband|children|kids|son|daughter|colleagues|department|school|partner|parents|mother|father|relatives|loved ones|friends|household|team))\b|\b(?:i'm|i have become|i've become|i feel i'm) (?:now )?(?:only|merely|nothing but|simply|no more than|little more than) (?:a |an )?burden(?= ?[.,;!]|$| now\b)`,
    ),
    strength: 'strong',
    understated: true,
    firstPerson: true,
    negatable: true,
  },
  {
    // Not wishing to continue in this way: "I do not wish to continue in this way", "I no longer wish to go on as I
    // am"; not "continue this way with the timetable".
    re: rx(
      String.raw`\b(?:don't|no longer|not|never) ${F}(?:wish|want|desire|care|intend) to (?:continue|go on|carry on)(?: (?:living|existing))? (?:in this way|this way|like this|as i am|in this manner|with (?:this|my) life|with life)(?= ?[.,;!]|$| (?:any (?:longer|more)|anymore)\b)`,
    ),
    ownNegation: true,
    strength: 'strong',
    understated: true,
    firstPerson: true,
  },
  {
    // Leaving this world or ready to go, said plainly: "I am ready to leave this world" (strong); "I think I am ready
    // to go now." (weak: "ready to go" is everyday).
    re: rx(
      String.raw`\b(?:ready|prepared|willing|wish|want|would like) to (?:leave|depart|quit) (?:this (?:world|life|earth)|the world|this mortal)\b`,
    ),
    strength: 'strong',
    understated: true,
    firstPerson: true,
    negatable: true,
  },
  {
    re: rx(
      String.raw`\b(?:i'm|i feel|i think i'm|i believe i'm) (?:quite |now |truly |finally |simply )?ready to (?:go|depart|rest|let go)(?: now)?(?= ?[.;!]|$)`,
    ),
    strength: 'weak',
    firstPerson: true,
  },
  {
    // No future imagined: "I find it difficult to imagine any future at all"; another term or year alone is weak
    // ("imagine another term. Or another year.") and a future in a job is not one ("a future in teaching").
    re: rx(
      String.raw`\b(?:can't|couldn't|find it (?:difficult|hard|impossible) to|unable to|struggle to|no longer able to) (?:imagine|picture|envisage|envision|see) (?:any|a|my (?:own )?) ?(?:future|tomorrow|later life|old age)(?= ?[.,;!?]|$| at all\b| of any kind\b| for myself\b| for me\b)|\bany future at all\b`,
    ),
    ownNegation: true,
    strength: 'strong',
    understated: true,
    firstPerson: true,
    negatable: true,
  },
  {
    re: rx(
      String.raw`\b(?:can't|couldn't|find it (?:difficult|hard|impossible) to|unable to|struggle to) (?:imagine|picture|envisage|face) (?:another|one more) (?:term|year|school year|academic year|winter|christmas|birthday|summer)(?= ?[.;!?]|$)`,
    ),
    strength: 'weak',
    firstPerson: true,
  },
  {
    // Unnoticed if gone, and alone at that: "If I vanished it would be weeks before anyone noticed", weak alone; "some
    // part of me wants that", weak alone.
    re: rx(
      String.raw`\bif i (?:vanished|disappeared|died|was gone|were gone|went missing)\b[^.!?]{0,40}\b(?:weeks|days|months|a long time|some time) (?:before|until) (?:anyone|anybody|someone|somebody) (?:noticed|would notice|found me|missed me|came looking)\b|\b(?:some |a )?part of me (?:wants|wishes for|would welcome|hopes for|longs for) (?:that|it|this)(?= ?[.,;!]|$)`,
    ),
    strength: 'weak',
  },
  {
    // Japanese and Korean, romanised: "shinitai" (I want to die), "kietai" (I want to vanish), "jukgo sipda"; the
    // model reads English only.
    re: rx(String.raw`\b(?:shinitai|kietai|jisatsu shitai|shinitai desu|jukgo sip(?:da|eo|eoyo|ta))\b`),
    strength: 'strong',
    after: notNegatedAbroad,
    modelBlind: true,
  },
  // Plans told as arrangements.
  {
    // A day chosen as the last: "I have decided Sunday night will be my last."; not "Friday will be my last day".
    re: rx(
      String.raw`\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tonight|(?:\w+ )?night|the weekend|the \d+(?:st|nd|rd|th)?) (?:will|shall|is going to|is to) be (?:my|the) last(?= ?[.!;]|$)`,
    ),
    strength: 'strong',
    understated: true,
    goodbye: true,
  },
  {
    // A date set with no event named: "I have set a date for after the Christmas concert", "I have chosen the last
    // day of term as the date"; not "set a date for the trip" (ORDINARY_ARRANGEMENT), "as the date of the trip".
    re: rx(
      String.raw`\bi(?:'ve| have)? (?:now |finally |already )?(?:set|chosen|picked|fixed|decided on|settled on) (?:a|the|my) (?:date|day)(?= ?[.;!]|$| (?:for (?:after|before|when|once|it)|now|already)\b)|\bi(?:'ve| have)? (?:now |finally |already )?(?:chosen|picked|set|fixed|decided on) [^.!?]{1,40} as (?:the|my) (?:date|day)(?= ?[.,;!]|$| and\b)`,
    ),
    strength: 'strong',
    understated: true,
  },
  {
    // Arrangements or preparations complete, with nothing named they are for: "the preparations are complete", "the
    // arrangements I mentioned last week are complete", "I have made my arrangements"; weak alone (a holiday's are
    // complete too), and not "arrangements for the school trip".
    re: rx(
      String.raw`\b(?:my|the|all (?:my|the)|final|my final|the final|all) (?:own )?(?:arrangements|preparations)(?: (?:i|that i) [^.!?]{1,40}?)? (?:are|have been|were) (?:now |all |already )?(?:made|complete|completed|in place|finished|done|ready|settled|in order)(?= ?[.,;!]|$| (?:now|and|so)\b)|\bi(?:'ve| have) (?:now |already )?(?:made|completed|finished|put in place) (?:my|all (?:my|the)|the|final|the final|my final) (?:own )?(?:arrangements|preparations)(?= ?[.;!]|$| (?:now|and|so)\b)|\bmy (?:decision|mind) is (?:made(?: up)?|final|taken)(?= ?[.,;!]|$| (?:now|and|so)\b)`,
    ),
    strength: 'weak',
    firstPerson: true,
  },
  {
    // A cover story believed by others, and no return: "She believes I am going on leave. I will not be coming back
    // at all.", "They think I am only retiring early. I shall not be coming back after half term."
    re: rx(
      String.raw`\b(?:think|thinks|thought|believe|believes|believed|assume|assumes|assumed|imagine|imagines|imagined) (?:that )?(?:i'm|i was|i'll be|i will be) (?:only |just |merely |simply )?(?:going on (?:leave|holiday|a trip|sabbatical|a course|a break)|on leave|retiring(?: early)?|moving(?: away| house| abroad)?|leaving|going away|taking (?:a )?(?:break|leave|time off)|having (?:an operation|a break|a rest))\b[^.!?]{0,30}[.!?]+ (?:but |in truth,? |in fact,? |actually,? )?i(?:'m| shall| will|'ll)? (?:not|never|won't)? ?(?:be )?(?:coming back|come back|returning|return|be back)\b`,
    ),
    strength: 'strong',
    understated: true,
    ownNegation: true,
  },
  {
    // No return, ever: "I will not be in on Monday, nor after", "I shall not be coming back at all".
    re: rx(
      String.raw`\b(?:won't|shan't|shall not|not) be (?:in|here|back|at school|at work|around)(?: (?:on \w+|tomorrow|next week))?,? (?:nor|or|and not) (?:after|afterwards|after that|again|ever|any day after)(?= ?[.,!;]|$)|\b(?:won't|shan't|shall not|i'm not) (?:be )?(?:coming back|returning)(?: here)? (?:at all|ever|again)(?= ?[.!;]|$)`,
    ),
    strength: 'strong',
    understated: true,
    goodbye: true,
    firstPerson: true,
    ownNegation: true,
  },
  {
    // A journey that does not return: "as is proper before a long journey from which one does not come back".
    re: rx(
      String.raw`\bjourney (?:from which|that) (?:one|i|you|nobody|no one|people) (?:don't|doesn't|won't|will not|shall not|can't|cannot|never|does not|do not) (?:come back|return)\b|\bone[- ]way journey\b(?! (?:to|from|by|across|home|abroad)\b)`,
    ),
    ownNegation: true,
    strength: 'strong',
    understated: true,
  },
  {
    // A farewell's care for those left: "please do not let them blame themselves", weak alone.
    re: rx(
      String.raw`\b(?:don't|never) let (?:them|him|her|anyone|the (?:children|kids|pupils|students|class)|year \d+|my \w+) blame (?:themselves|himself|herself|yourselves|yourself)(?= ?[.,!;]|$)`,
    ),
    ownNegation: true,
    strength: 'weak',
  },
  {
    // A method or the means decided on: "I have decided on a method and a place", "Method: hanging"; not "a method
    // for teaching fractions".
    re: rx(
      String.raw`\b(?:decided on|chosen|chose|settled on|picked|found|identified|researched) (?:a|the|my) (?:method|means)(?: and (?:a|the) (?:place|time|date|day|location))?(?= ?[.;!]|$)|\bmethod ?[:-] ?(?:hanging|overdose|an overdose|pills|tablets|jumping|a jump|drowning|gas|carbon monoxide|the car|a train|the train|insulin|poison|rope|a rope|firearm|gun|knife|cutting)\b`,
    ),
    strength: 'strong',
    understated: true,
    firstPerson: true,
  },
  {
    // A means kept, with its use known: "I have collected three months of my tablets and I know what I will do with
    // them"; kept until the family is away: "the insecticide … is kept under the bed until the children travel".
    re: rx(
      String.raw`\b${FORMAL_MEANS}\b[^.!?]{0,80}\bi know (?:exactly |already )?what i(?:'ll| will| shall|'m going to) do with (?:them|it)\b|\b${FORMAL_MEANS}\b[^.!?]{0,60}\b(?:kept|hidden|waiting|ready|stored)\b[^.!?]{0,40}\b(?:until|till) (?:the (?:children|kids|house|family)|my (?:wife|husband|family|children|kids|partner|son|daughter|parents)|everyone|they)\b[^.!?]{0,30}\b(?:travel|leave|go|are (?:away|gone|out|asleep)|is (?:empty|away))`,
    ),
    strength: 'strong',
    understated: true,
  },
  {
    // A supply collected, weak alone (a long prescription before travel is ordinary): "collected three months of my
    // blood pressure tablets".
    re: rx(
      String.raw`\b(?:collected|saved|kept|gathered|put aside|set aside|been keeping|stored|hoarded|stockpiled) (?:up )?(?:\w+ ){0,2}(?:months?|weeks?|boxes|packets|strips|bottles)(?:'s?)? (?:of|worth of|supply of) (?:my |the )?(?:\w+ ){0,2}${FORMAL_MEANS}\b`,
    ),
    strength: 'weak',
    firstPerson: true,
  },
  {
    // A question whether a fall or a dose is certain, from a height, told as the writer's: "Would a fall from the
    // fourth floor be certain?", "what height from a building is sufficient that a person does not survive?"; not
    // for a lesson, a trip or a risk assessment.
    re: rx(
      String.raw`\b(?:would|will|is|does|could) (?:a )?(?:fall|jump|drop) from (?:the |a |an )?[^.!?]{1,30}? (?:be )?(?:certain|fatal|enough|sufficient|lethal|deadly|survivable|kill (?:a person|someone|you|me))\b|\bwhat (?:height|floor|distance)\b[^.!?]{0,50}\b(?:(?:doesn't|does not|wouldn't|would not|won't|not|cannot|can't) survive|certain death|fatal|lethal)\b`,
    ),
    ownNegation: true,
    strength: 'strong',
    understated: true,
    after: (f) => (SCHOOL_REASON.test(f.slice(0, 60)) ? null : 'strong'),
  },
  {
    // Asking for oneself after a question about a dose ("Could too much iron kill an adult?", "whether too much iron
    // can kill an adult … I am asking about myself"): weak each, together a flag.
    re: rx(
      String.raw`\b(?:can|could|would|will|does|is) (?:too much |an overdose of |a large (?:amount|dose|bottle) of |a bottle of |a packet of |a box of )?[\w-]+(?: \w+)? (?:kill|be fatal (?:to|for)|be lethal (?:to|for)|be enough to kill) (?:an adult|a person|someone|a grown (?:man|woman|adult)|a human)\b|\b(?:too much|an overdose of|a (?:large |whole )?(?:bottle|packet|box) of) [\w-]+(?: \w+)? (?:can|could|would|will) (?:kill|be fatal (?:to|for)|be lethal (?:to|for)) (?:an adult|a person|someone|a grown (?:man|woman|adult)|a human)\b|${ASKING_FOR_MYSELF}`,
    ),
    strength: 'weak',
  },
  {
    // Affairs settled in formal words, weak alone (each is everyday too): deliveries and memberships cancelled, a pet
    // rehomed, nothing left to settle, that being everything, an account to pass to a relative, borrowed things
    // returned, no further need of a thing, a letter timed to arrive, not to be expected.
    re: rx(
      String.raw`\b(?:cancelled|canceled|cancelling|stopped) (?:the |my )?(?:newspapers?|papers?|milk|subscriptions?|memberships?|direct debits?|standing orders?|phone contract|(?:gym|union) membership)\b|\b(?:the |my )?(?:newspapers?|milk|papers?|subscriptions?|memberships?|direct debits?) (?:is |are |has been |have been )(?:cancelled|canceled|stopped)\b|\b(?:the |my |our )?(?:cat|cats|dog|dogs|pets?) (?:has|have) been (?:rehomed|re-homed|given away)\b|\bnothing (?:left|more|else|further) (?:to (?:settle|arrange|put in order|attend to)|outstanding)\b|\b(?:that is|that's) everything(?: now| then)?(?= ?[.!]|$)|\b(?:account|accounts|house|flat|savings|estate|pension|belongings) (?:is|are|will|shall) (?:to )?(?:pass|go|be left|be given) to my (?:niece|nephew|sister|brother|son|daughter|children|kids|wife|husband|partner|mother|father)\b|\breturned (?:everything|all(?: the)? (?:things|books)?) (?:i|that i) (?:had )?borrowed\b|\b(?:no further|no more|no longer (?:any|have any)) need (?:of|for) (?:my|a|the) \w+|\b(?:won't|shan't|shall not) (?:be )?need(?:ing)? (?:my|the|this) [^.!?]{1,30}\b(?:after|beyond|from) (?:tomorrow|today|tonight|this week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(?:letters?|notes?|emails?) (?:is |are )?(?:set|scheduled|timed|due|posted)\b[^.!?]{0,30}\b(?:to (?:reach|arrive)|will (?:reach|arrive)|arrive)\b|\bby scheduled send\b|\b(?:my |the |all (?:my |the )?)?(?:documents|papers|paperwork|passwords|bank details|account details|pension forms|insurance (?:papers|documents|details))\b[^.!?]{0,30}\b(?:are|is|have been|has been) (?:all |now )?(?:in order|signed|in the (?:top |bottom )?(?:drawer|envelope|folder|file)|on (?:the|my) desk|with (?:my|the) (?:brother|sister|son|daughter|niece|nephew|solicitor|lawyer|wife|husband|partner|neighbour))\b|\b(?:please )?(?:don't|do not) expect me(?= ?[.!]|$| (?:again|back|any more|anymore)\b)|\b(?:no one|nobody|none of you) (?:need|needs to|will need to) worry about (?:the )?(?:practical|practicalities|arrangements|anything practical)|\b(?:please )?(?:don't|do not) worry about me (?:after|from|once|when)\b`,
    ),
    ownNegation: true,
    strength: 'weak',
  },
  {
    // Work handed over to the end, and a thing finished with, weak alone (leave and operations are everyday): "Cover
    // work for all my classes is set until the end of the year", "I shall finish the term properly and then it is
    // done."
    re: rx(
      String.raw`\bcover (?:work )?(?:for [^.!?]{1,30} )?(?:is |has been |was )?(?:all )?(?:set|arranged|planned|prepared|sorted|in place) (?:until|till|to|through) the end of (?:the )?(?:year|term|school year|academic year)\b|\b(?:and )?then it(?:'s| is| will be|'ll be|'s all| is all) (?:done|over|finished|ended)(?= ?[.!]|$)`,
    ),
    strength: 'weak',
  },
  {
    // A time named, then not being here, the sentence ending there: "By the feast of San Giovanni I will not be
    // here.", "By the end of the month I shall not be here."; a reason for it ("on a course") goes on after it.
    re: rx(
      String.raw`(?:^|[.!?,;] )by (?:the (?:feast|end|start|time|close|middle) of [^.!?,]{1,30}|(?:next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|christmas|easter|spring|summer|autumn|winter)|(?:the )?new year) i (?:won't|shan't|shall not|will no longer|'ll no longer) be (?:here|around|alive|with you|in this world)(?= ?[.!]|$)`,
    ),
    strength: 'strong',
    goodbye: true,
    firstPerson: true,
    ownNegation: true,
  },
  {
    // The last contact, in formal words: "This will be my last check-in", "this is the last time I will message".
    re: rx(
      String.raw`\b(?:this (?:will be|is)|it will be) (?:my|the) (?:last|final) (?:check-in|check in|entry|contribution|time i (?:will |shall |'ll )?(?:message|write|post|check in|contact you))\b`,
    ),
    strength: 'strong',
    understated: true,
    goodbye: true,
  },
];

const CUES: readonly Cue[] = [
  // --- suicide, killing oneself -------------------------------------------------------------------------------
  {
    re: rx(
      String.raw`\b(?:kill(?:ing|ed|s)?|kil|unalive|unaliving|unalived|hang(?:ing|ed)?|hung|drown(?:ing|ed)?|shoot(?:ing)?|shot|poison(?:ing|ed)?|suffocat(?:e|ing|ed)|stab(?:bing|bed)?|starv(?:e|ing|ed)|off|offing|gas(?:sing)?) myself\b`,
    ),
    strength: 'strong',
    negatable: true,
    after: (f) =>
      /^ (?:trying|to (?:get|finish|meet|keep|make|hit|do|mark|plan|please)|working|over (?:this|these|the|it|them|marking|reports|planning|nothing)|tripping|falling|slipping|laughing|on the (?:stairs|ice|way)|for (?:this|these|the|a|them) (?:job|school|place|kids|class|department|course|degree|promotion|pay|lot)|in the foot|in (?:marking|work|paperwork|coffee|tea|wine|chocolate|reports|admin|emails|books|netflix|planning))/.test(
        f,
      )
        ? null
        : 'strong',
  },
  {
    re: rx(String.raw`\b(?:kms|ctb|sewer ?slide|unalive|unaliving)\b`),
    strength: 'strong',
    // "5 kms", "a few kms": kilometres; "no ctb thoughts", "zero kms energy" (model round 15): denied.
    after: (_f, before) =>
      /(?:\d|\b(?:few|of|the|many|more|some|several|ten|five|two|three|hundred|no|zero|without)) ?$/.test(
        before,
      )
        ? null
        : 'strong',
  },
  { re: rx(String.raw`\bsuicid(?:e|es|al|ally)\b`), strength: 'strong', negatable: true, professional: true },
  // The plainest first-person statements in languages teachers here also write in (international schools,
  // second-language writers, code-switching): Spanish, French, German, Portuguese, Italian, Polish, Tagalog,
  // romanised Hindi/Urdu and Kiswahili, one flat list per language (the prefilter reads flat alternations best).
  // Written from the languages, not from any labelled line; `normaliseForCrisis` folds accents ("möchte" →
  // "mochte"). The model reads English only, so these stand on the rule.
  {
    re: rx(
      String.raw`\b(?:quiero morir|quiero morirme|quiero matarme|quiero suicidarme|me quiero morir|me quiero matar|no quiero vivir|no quiero seguir viviendo)\b`,
    ),
    strength: 'strong',
    after: notNegatedAbroad,
    modelBlind: true,
  },
  {
    re: rx(
      String.raw`\b(?:je veux mourir|je veux me tuer|je veux me suicider|je vais me suicider|envie de mourir|envie de me tuer|je ne veux plus vivre)\b`,
    ),
    strength: 'strong',
    after: notNegatedAbroad,
    modelBlind: true,
  },
  {
    re: rx(
      String.raw`\b(?:ich will sterben|ich mochte sterben|ich will mich umbringen|ich werde mich umbringen|ich will nicht mehr leben|ich mochte nicht mehr leben|ich will tot sein)\b`,
    ),
    strength: 'strong',
    after: notNegatedAbroad,
    modelBlind: true,
  },
  {
    re: rx(String.raw`\b(?:quero morrer|quero me matar|vou me matar|nao quero mais viver)\b`),
    strength: 'strong',
    after: notNegatedAbroad,
    modelBlind: true,
  },
  {
    re: rx(String.raw`\b(?:voglio morire|voglio uccidermi|voglio togliermi la vita|non voglio piu vivere)\b`),
    strength: 'strong',
    after: notNegatedAbroad,
    modelBlind: true,
  },
  {
    re: rx(String.raw`\b(?:chce umrzec|chce sie zabic|nie chce zyc|nie chce juz zyc)\b`),
    strength: 'strong',
    after: notNegatedAbroad,
    modelBlind: true,
  },
  {
    re: rx(
      String.raw`\b(?:gusto ko nang mamatay|gusto ko ng mamatay|gusto kong mamatay|gusto ko nang magpakamatay|gusto kong magpakamatay|ayoko nang mabuhay|magpapakamatay na ako)\b`,
    ),
    strength: 'strong',
    after: notNegatedAbroad,
    modelBlind: true,
  },
  {
    re: rx(
      String.raw`\b(?:main marna chahta hoon|main marna chahta hu|main marna chahti hoon|main marna chahti hu|mujhe marna hai|mujhe mar jana hai)\b`,
    ),
    strength: 'strong',
    after: notNegatedAbroad,
    modelBlind: true,
  },
  {
    re: rx(String.raw`\b(?:nataka kufa|nataka kujiua|najiua)\b`),
    strength: 'strong',
    after: notNegatedAbroad,
    modelBlind: true,
  },
  {
    re: rx(
      String.raw`\b(?:i'm|i've been|i was|been|feel|feeling|felt|get|getting|got|am|was) ${F}(?:a bit |pretty |quite |a little |more |very |so |really )?suicidal\b`,
    ),
    strength: 'strong',
    negatable: true,
  },
  {
    re: rx(
      String.raw`\b(?:attempt(?:ed|ing)?|commit(?:ting)?|considering|considered|contemplating|contemplated|planning|plan) suicide\b|\bsuicide (?:note|plan|attempt|pact)\b`,
    ),
    strength: 'strong',
    negatable: true,
    firstPerson: true,
  },
  {
    re: rx(String.raw`\b(?:end(?:ing|ed|s)?|take|taking|took|takes) (?:my|my own) (?:own )?life\b`),
    strength: 'strong',
    negatable: true,
  },
  { re: rx(String.raw`\bend(?:ing)? it all\b`), strength: 'strong', negatable: true },
  {
    re: rx(
      String.raw`\b${INTENT} ${F}(?:end|ending|finish|finishing) (?:it|things|everything|this|my pain|the pain)\b`,
    ),
    strength: 'strong',
    negatable: true,
    after: (f) =>
      /^ (?:with|between|off|up|early|there|here|on a|at|for (?:the|today|now|tonight|this)|by|before|after)\b/.test(
        f,
      )
        ? null
        : CLAUSE_END.test(f) || /^ (?:all|soon|today|tonight|now|forever|once and for all)\b/.test(f)
          ? 'strong'
          : 'weak',
  },
  // --- wanting to die, not wanting to live -------------------------------------------------------------------------
  {
    // "wish a bus would just hit me", "hoping a lorry runs me over", "hope I get hit by a car".
    re: rx(
      String.raw`\b(?:wish|wishing|hope|hoping|pray|praying|want) (?:that )?(?:a|the|some|an) (?:bus|car|lorry|truck|train|van|tram|plane) (?:would |will |might |could )?${F}(?:hit|hits|run(?:s)? (?:me )?over|crash(?:es)? into|kill|kills|take(?:s)? me out|flatten(?:s)?) (?:me|into me)\b|\b(?:wish|wishing|hope|hoping|pray|praying) (?:that )?i (?:get|got|'d get|would get) (?:hit|run over|killed) by (?:a|the|some)\b`,
    ),
    strength: 'strong',
    negatable: true,
  },
  {
    re: rx(
      String.raw`\b(?:want|wants|wanted|wanting|wish|wished|wishing|ready|prepared|deserve|hope|hoping|pray|praying|i'd rather|i would rather|would like|i'd like|need|long|longing|i'd love) to ${F}die\b`,
    ),
    strength: 'strong',
    negatable: true,
    firstPerson: true,
    after: (f, before, match) =>
      /^ (?:of (?:embarrassment|shame|boredom|laughter|laughing|cringe|fright|old age|cuteness|happiness|jealousy|envy)|laughing|on (?:this|that) hill|for\b|than\b|a little)/.test(
        f,
      ) ||
      // "wants to die" is someone else, except "part of me wants to die".
      (match.startsWith('wants') && !/(?:of me|in me|inside me) $/.test(before))
        ? null
        : 'strong',
  },
  {
    re: rx(
      String.raw`\bwish(?:ed)? i (?:was|were|'d|had|could|would|'d just) ${F}(?:be )?(?:dead|never been born|never born|not (?:alive|here|born|around)|gone|die|disappear|vanish|sleep forever|not wake up|never wake up|stop existing|cease to exist|fall asleep and)\b`,
    ),
    strength: 'strong',
    after: (f, _b, match) =>
      /(?:disappear|vanish|gone)$/.test(match) &&
      /^ (?:to|for|into|on|until|till|under|in|off|from|with|somewhere|abroad|behind|during|at|when|after|before|this|next|over)\b/.test(
        f,
      )
        ? null
        : 'strong',
  },
  {
    re: rx(
      String.raw`\bwish i (?:wasn't|weren't|didn't|hadn't been|hadn't) (?:alive|here|around|born|exist|wake up|woken up)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:prefer|rather|better|easier|only way out (?:i can see )?is|only option is|best option is|only answer is) (?:just )?to not (?:be here|exist|be alive|wake up)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:better off dead|rather be dead|be better dead|better off not (?:being )?(?:here|alive|existing))\b`,
    ),
    strength: 'strong',
  },
  {
    // Unambiguous: "I don't want to be alive for another term of this".
    re: rx(
      String.raw`\b(?:don't|didn't|no longer|never|not|doesn't) ${F}(?:want|wanting|wish|feel like|care|see the point in|see a reason to) (?:to )?${F}(?:be alive|being alive|exist|existing|be in this world|be on this earth|do life|keep living|stay alive)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // Doubt about wanting to live: "I'm not sure I want to be alive anymore".
    re: rx(
      String.raw`\b(?:not sure|don't know if|don't know whether|unsure if|unsure whether|wonder if|wondering if|don't think|doubt) i ${F}(?:still )?(?:want|wanna|want to|even want) (?:to )?(?:be alive|live|be here anymore|exist|keep living|go on living|be around anymore|wake up)\b`,
    ),
    strength: 'strong',
    after: (f, _b, match) =>
      /(?:live|wake up)$/.test(match) &&
      /^ (?:in|near|with|on|at|there|abroad|here|somewhere|out|by|close|so|early|for)\b/.test(f)
        ? null
        : 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:don't|didn't|no longer|never|not|doesn't) ${F}(?:want|wanting|wish|feel like|care|see the point in|see a reason to) (?:to )?${F}(?:live|living|be alive|being alive|exist|existing|be here|be around|wake up|waking up|go on|keep going|carry on|continue|face (?:another day|tomorrow|anything|it anymore|the world|living)|be in this world|be on this earth|see tomorrow|see another day|get up anymore|do life|do this life|be me)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
    // "I don't want to be here at 7pm for parents evening" is about an evening at school, not the writer's life: not a
    // cue, and explained away so the model alone cannot flag it without a gate word (model round 7). Since model
    // round 14 the same for waking up at an ordinary time ("I don't want to wake up at 5:30 on Monday"): explained
    // away, so the model alone must be as sure as where the rules explained anything away.
    // Model round 15: waking up early or late is a time too ("I don't want to wake up early on Saturday for the open
    // day").
    // Model round 17: "like this" scoped to the job ("I don't want to live like this, in this job") is weak.
    after: (f, _b, match) =>
      /(?:wake up|waking up)$/.test(match) && EARLY_OR_LATE.test(f)
        ? null
        : /^ like (?:this|that),?/.test(f) && WORK_SCOPE.test(f.replace(/^ like (?:this|that),?/, ''))
          ? 'weak'
          : CLAUSE_END.test(f) || PERMANENCE.test(f)
            ? 'strong'
            : /(?:be here|wake up|waking up)$/.test(match) && ORDINARY_OCCASION.test(f)
              ? null
              : 'weak',
  },
  {
    re: rx(
      String.raw`\b(?:i'd|i would|i could|i should|i want to|want to) ${F}(?:not|never) (?:wake up|be here|exist|be alive|be born)\b`,
    ),
    strength: 'strong',
    after: (f) =>
      /^ (?:at|early|for|until|till|in time|on time|before|so early)\b/.test(f) ? null : 'strong',
  },
  // --- reasons to live, worth, point ------------------------------------------------------------------------------
  {
    re: rx(
      String.raw`\b(?:no|nothing|zero|not (?:a|any|one|much)|no good|no real|lost (?:my|the|all)?|can't (?:find|see|think of)(?: a| any)?|what|any) ${F}(?:reason|reasons|point|purpose|will) (?:to |in |for |of )?${F}(?:live|living|life|go on|going on|keep going|keep living|carry on|carrying on|be here|being here|be alive|being alive|stay alive|staying alive|exist|existing|waking up|wake up|get up|getting up|me being here|my life|anything anymore|any of it anymore|it all anymore|trying anymore)\b`,
    ),
    strength: 'strong',
    after: (f) =>
      /^[^.!?;]*\b(?:anymore|any more|any longer)\b/.test(f)
        ? 'strong'
        : /^ (?:with|the|this|in|at|on|doing|teaching|marking|planning|a|an|here|early|for)\b/.test(f)
          ? 'weak'
          : 'strong',
  },
  { re: rx(String.raw`\bnothing (?:left )?(?:to live for|worth living for)\b`), strength: 'strong' },
  {
    re: rx(
      String.raw`\b(?:not|isn't|no longer|never|hardly|barely) ${F}worth (?:living|being alive|staying alive|it anymore)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:my |this )?life (?:isn't|is no longer|no longer feels|doesn't feel|doesn't seem|is not) ${F}worth (?:it|living)\b|\b(?:my |this )?life (?:is|feels|seems) ${F}(?:pointless|meaningless|not worth (?:it|living)|unbearable)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\bwhat's the point (?:of|in) ${F}(?:living|being alive|life|going on|carrying on|existing|me|my life|waking up|getting up anymore|anything anymore|any of it anymore|it all anymore|trying anymore|being here)\b`,
    ),
    strength: 'strong',
    after: (f) =>
      /^ (?:with|the|this|in|at|on|doing|teaching|marking|planning|if)\b/.test(f) ? 'weak' : 'strong',
  },
  // --- burden, better off without me -----------------------------------------------------------------------------
  {
    re: rx(
      String.raw`\b(?:better|happier|easier) (?:off )?(?:without me|if i ${F}(?:was|were|wasn't|weren't|died|disappeared|didn't exist|never existed|left this world|wasn't alive|weren't alive)\b|with me (?:gone|dead|out of the way)|when i'm gone|once i'm gone|if i was gone|if i were gone)`,
    ),
    strength: 'strong',
  },
  {
    // "they'd all be fine without me" (but not "the class will be fine without me for a day").
    re: rx(
      String.raw`\b(?:would|'d|might|will all|would all|'d all) (?:all )?(?:be )?(?:fine|okay|ok|alright|better|happier|relieved) without me\b`,
    ),
    strength: 'strong',
    after: (f) =>
      /^ (?:for|tomorrow|today|on|while|during|next|this|at|in|when|if|until|till)\b/.test(f)
        ? null
        : 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:no one|nobody|who)(?: (?:at|in|from|here|there|else|on|of) (?:\w+ )?\w+)? (?:would|will|'d|'ll|even|would even|will even|would really|would actually|wouldn't|won't) ${F}(?:miss|notice|care|mind|cry) (?:me|if i ${F}(?:was|were|died|disappeared|was gone|were gone|wasn't here|weren't here|didn't wake up|killed myself|vanished|left this world|wasn't alive|wasn't around|weren't around|stopped existing|never came back|never come back|didn't come back|never woke up)|when i'm gone|if i'm gone)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:a|such a|just a) burden (?:to|on|for) (?:everyone|everybody|my family|my kids|my children|my husband|my wife|my partner|the world|those around me|people|the people|all of you|you all|them)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\bwon't be a (?:problem|burden|bother|nuisance) (?:for |to anyone )?(?:much longer|for much longer|anymore|any more|for long|soon)\b`,
    ),
    strength: 'strong',
  },
  // --- disappearing, sleeping forever ------------------------------------------------------------------------------
  {
    re: rx(
      String.raw`\b(?:want|wanted|wish i could|wish i would|wish i'd|i'd like|would like|need) (?:to )?${F}(?:disappear|vanish|fade away|evaporate)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
    // Model round 16: "I don't want to disappear anymore" is a recovery line (W57), not the wish.
    negatable: true,
    after: (f) =>
      /^ (?:to|for|into|on|until|till|under|in|off|from|with|somewhere|abroad|behind|during|at|when|after|before|this|next|over|till|between|from)\b/.test(
        f,
      )
        ? null
        : 'strong',
  },
  {
    // Not existing, even "for a while", is never a holiday plan.
    re: rx(
      String.raw`\b(?:want|wanted|wish i could|wish i would|wish i'd|i'd like|would like|need|just) (?:to )?${F}(?:not exist|cease to exist|stop existing|not be alive|be gone)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    re: rx(
      String.raw`\b(?:scared|afraid|frightened|worried|terrified|don't know) (?:of )?(?:what )?i (?:might|will|could|'ll|would|am going to|'m going to) do to myself\b|\b(?:might|will|could|'ll|going to|afraid i'll|scared i'll) do something (?:stupid|drastic|silly|i can't take back|permanent)\b`,
    ),
    strength: 'strong',
    after: (f) => (/^ (?:like|such as|at|in|with|to the)\b/.test(f) ? 'weak' : 'strong'),
  },
  {
    re: rx(String.raw`\bif i (?:didn't|don't|never|wouldn't|won't) wake up\b`),
    strength: 'strong',
    after: (f) =>
      /^[^.!?;]{0,60}\b(?:relief|relieved|fine|okay|ok|better|wouldn't mind|wouldn't care|good thing|blessing|peace|peaceful|happy|glad|easier|grateful|thankful|pleased|welcome)\b/.test(
        f,
      )
        ? 'strong'
        : 'weak',
  },
  {
    re: rx(
      String.raw`\b(?:go to sleep|fall asleep|sleep|close my eyes|lie down) (?:and|&) (?:never|not|just not) (?:wake up|wake|open them)\b|\bnever wake(?: up)? again\b|\bnot wake up again\b|\bsleep and not wake\b|\bdie in my sleep\b`,
    ),
    strength: 'strong',
  },
  {
    // "I just want to sleep forever" is a cue; "I could sleep forever" after a long week is tiredness, and scoped to an
    // ordinary time ("after this week", "this half term", "at the weekend") it is no cue at all (model round 8).
    re: rx(String.raw`\bsleep (?:forever|permanently|for ever)\b`),
    strength: 'strong',
    after: (f, before) =>
      /\b(?:could|can|i'll|will|gonna|going to)(?: just)? $/.test(before)
        ? ORDINARY_TIME_AFTER.test(f) && ORDINARY_REFERENT.test(f.slice(0, 40))
          ? null
          : 'weak'
        : 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:hope|hoping|wish|wishing|pray|praying) (?:that )?i (?:don't|didn't|won't|wouldn't|never|couldn't) wake up\b`,
    ),
    strength: 'strong',
    after: (f) =>
      /^ (?:at|early|in time|on time|until|till|before|late|for|when)\b/.test(f) ? null : 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:fine|ok|okay|happy|relieved|good|glad|peaceful|at peace|wouldn't mind|wouldn't care|don't care|won't care|a relief|honestly fine) if i (?:didn't|don't|never|wouldn't|won't) wake up\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(String.raw`\bnot waking up\b`),
    strength: 'strong',
    firstPerson: true,
    after: (f) =>
      /^ (?:on time|in time|early|for|until|till|at|when|before|to)\b/.test(f) ? null : 'strong',
  },
  // --- can't go on ---------------------------------------------------------------------------------------------
  {
    re: rx(
      String.raw`\bcan't ${F}(?:go on|keep going|carry on|continue|keep living|do life|live like this|live with (?:this|myself)|face (?:another day|tomorrow|living|life|the future|it anymore|anything))\b`,
    ),
    strength: 'strong',
    firstPerson: true,
    after: (f) => (CLAUSE_END.test(f) ? 'strong' : 'weak'),
  },
  {
    re: rx(
      String.raw`\bcan't ${F}(?:take|bear|handle|stand|cope with) (?:living|life|being alive|existing|this life|my life)(?: anymore| any more| much longer| any longer)?\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(String.raw`\bgiv(?:e|ing|en) up on (?:life|living|everything|myself|being alive|staying alive)\b`),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:tired|sick|exhausted|done|finished|over|had enough|fed up) (?:of|with) (?:living|being alive|existing|life itself|this life|being me|being here|waking up|breathing)\b`,
    ),
    strength: 'strong',
    after: (f) =>
      /^ (?:at|in|on|with|for|out|like|here|there|near|under|through|off|from|as)\b/.test(f)
        ? 'weak'
        : 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:end|stop) (?:the|this|my) (?:pain|suffering|hurting|misery)\b|\bwant (?:it|everything|this|the pain|it all|all of (?:it|this)|my life|this life|life) (?:all )?to ${F}(?:stop|end|be over)\b`,
    ),
    strength: 'strong',
    after: (f, before, match) =>
      /^ for (?:good|ever)\b|^ forever\b/.test(f)
        ? 'strong'
        : /^ (?:for|so|early|at|by|before|in)\b/.test(f)
          ? null
          : // "I'm so done with this term, I just want it to end": "it" is the term.
            /^want (?:it|this) to/.test(match) && ORDINARY_REFERENT.test(before + ' ' + f)
            ? 'weak'
            : 'strong',
  },
  {
    re: rx(
      String.raw`\bhate (?:being alive|existing|living|my (?:own )?existence|waking up (?:every|each) (?:day|morning)|that i'm alive|that i woke up)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(String.raw`\b(?:don't|do not|didn't) ${F}deserve to (?:live|be alive|exist|be here)\b`),
    strength: 'strong',
    after: (f) => (CLAUSE_END.test(f) ? 'strong' : 'weak'),
  },
  {
    // "the night I finally end it", "I'll end it soon".
    re: rx(
      String.raw`\b(?:i|i'll|i will|i'm going to|i am going to|tonight i|finally) ${F}(?:finally )?end (?:it|things|it all|everything|my life)\b`,
    ),
    strength: 'strong',
    negatable: true,
    after: (f) =>
      /^ (?:with|between|off|up|early|there|here|on a|at|for|by|before|after|in|like|when)\b/.test(f)
        ? null
        : CLAUSE_END.test(f) || /^ (?:all|soon|today|tonight|now|forever|once and for all)\b/.test(f)
          ? 'strong'
          : 'weak',
  },
  {
    re: rx(
      String.raw`\b(?:don't think|not sure|doubt|don't know if|don't know how much longer|no idea how) i can ${F}(?:go on|keep going|carry on|keep living|survive (?:this|another)|last (?:much )?longer|hold on|do this)\b`,
    ),
    strength: 'strong',
    after: (f) => (CLAUSE_END.test(f) || /^ (?:much|any) longer\b/.test(f) ? 'strong' : 'weak'),
  },
  {
    // "I think about jumping" (not "jumping ship", "jumping on the trampoline").
    re: rx(
      String.raw`\b(?:think|thinking|thought|dream|dreaming|fantasi[sz]e|fantasi[sz]ing) (?:about|of) jumping\b`,
    ),
    strength: 'strong',
    firstPerson: true,
    after: (f) => (CLAUSE_END.test(f) || /^ (?:off|from|in front)\b/.test(f) ? 'strong' : null),
  },
  {
    // "I took a bunch of pills", "took too many tablets": an overdose described.
    re: rx(
      String.raw`\b(?:took|take|taking|swallowed|swallow|downed) (?:a (?:bunch|load|handful|lot|pile|fistful|whole packet|whole box|whole bottle) of|too many|loads of|lots of|a load of|extra|double|all (?:of )?(?:my|the)) (?:my |the )?(?:pills|tablets|meds|medication|paracetamol|painkillers|sleeping pills|antidepressants)\b`,
    ),
    strength: 'strong',
    after: (f) =>
      /^ (?:for (?:my|a|the) (?:headache|migraine|back|cold|flu|period)|by (?:mistake|accident))/.test(f)
        ? 'weak'
        : 'strong',
  },
  {
    re: rx(
      String.raw`\bwoke up in (?:a&e|hospital|the hospital|the er|icu|intensive care|the emergency room)\b`,
    ),
    strength: 'weak',
  },
  {
    // "how easy it would be to just turn the wheel".
    re: rx(
      String.raw`\bhow (?:easy|nice|good|peaceful|lovely|restful|simple) it (?:would|'d|could) be to ${F}(?:stop (?:everything|it all|existing|living|breathing)|stop\b(?=[^.!?;]{0,40}\b(?:permanently|forever|for good|for ever)\b)|turn (?:it|the wheel)|swerve|crash|jump|step (?:off|out|in front)|let go of the (?:wheel|railing|edge)|end (?:it|things|everything|my life)|die|drive (?:off|into)|fall|walk into (?:the )?(?:traffic|sea|river|road)|not (?:wake up|be here|exist))\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\bpretend(?:ing)? (?:that )?i (?:want to (?:be alive|live|be here|keep going)|(?:'m|am) not (?:suicidal|thinking about dying))\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:how much longer|how long) i can (?:keep (?:going|doing this|pretending|this up)|go on|carry on|hold on|last)\b`,
    ),
    strength: 'weak',
  },
  {
    re: rx(
      String.raw`\b(?:think|thinking|thought|dream|dreaming) about not (?:going home|coming back|being around|existing|being alive|waking up|being here|getting up)\b`,
    ),
    strength: 'strong',
    after: (f) =>
      /^[^.!?;]*\b(?:ever|again|at all|anymore|any more|forever)\b/.test(f) || CLAUSE_END.test(f)
        ? 'strong'
        : 'weak',
  },
  {
    re: rx(
      String.raw`\b(?:don't think|doubt|not sure|don't know if) i(?:'ll| will|'m going to| am going to) (?:still )?be (?:here|around|alive) (?:by|at|for|next|much longer|in|to see|this time next)\b`,
    ),
    strength: 'strong',
    goodbye: true,
  },
  {
    // "I've written my note." (not "I left a note for the cover teacher").
    re: rx(
      String.raw`\b(?:written|wrote|writing|finished|left|leaving) (?:my|a|the|a final|my final|my last) (?:note|notes|letter|letters|goodbye letter|suicide note)\b`,
    ),
    strength: 'strong',
    goodbye: true,
    after: (f, _b, match) =>
      /^my /.test(match.replace(/^\w+ /, '')) || /final|last|goodbye|suicide/.test(match)
        ? CLAUSE_END.test(f)
          ? 'strong'
          : null
        : null,
  },
  {
    re: rx(
      String.raw`\b(?:thinking|thought|think|imagining|imagine|imagined|picturing|picture|pictured|planning|planned|plan|dreaming|dream|fantasi[sz]ing) (?:about |of )?my (?:own )?funeral\b`,
    ),
    strength: 'strong',
  },
  {
    // "everyone would be relieved if I was gone", "easier for everyone if I wasn't around".
    re: rx(
      String.raw`\b(?:better|happier|easier|relieved|lighter|freer|calmer|simpler|fine|okay|ok) (?:off )?(?:for (?:everyone|everybody|them|all of them|my family|the kids|people|everyone else) )?(?:if|once|when) i ${F}(?:was|were|wasn't|weren't|am|'m|wouldn't be|didn't|don't|died|disappeared|left this world|stopped existing)(?: ${F}(?:gone|dead|not here|not around|here|around|alive|exist|existing|wake up))?\b`,
    ),
    strength: 'strong',
    after: (f, _b, match) =>
      /^ (?:on|for|at|during|in|this|next|today|tomorrow|when|until|till|while|to|from)\b/.test(f)
        ? null
        : /(?:gone|dead|not here|not around|wasn't here|weren't here|wasn't around|weren't around|wasn't alive|weren't alive|died|disappeared|left this world|stopped existing|didn't exist|didn't wake up|don't wake up|wouldn't be here|wouldn't be around)$/.test(
              match,
            )
          ? 'strong'
          : null,
  },
  {
    // Rest made permanent: "I just want peace, permanently", "eternal rest".
    re: rx(
      String.raw`\b(?:want|need|wish for|long for|crave|craving) ${F}(?:peace|rest|quiet|sleep|silence|an end)[ ,]+(?:permanently|forever|for ever|for good|that lasts forever)\b|\b(?:eternal|permanent) (?:rest|peace|sleep)\b`,
    ),
    strength: 'strong',
  },
  {
    // Hoping for an accident: "part of me hopes the car crashes on the way in".
    re: rx(
      String.raw`\b(?:hope|hopes|hoping|wish|wishing|pray|praying|half hope|secretly hope)(?: that)? (?:the |my )?(?:car|bus|train|plane|taxi) (?:crashes|would crash|will crash|goes off the road|hits something)\b|\b(?:hope|hopes|hoping|wish|wishing|pray|praying)(?: that)? i(?:'ll| will| would|'d)? (?:get hit|crash|don't make it home|get run over|get hit by (?:a|the) (?:car|bus|train|lorry|truck)|die|just die|never come back|get (?:ill|sick|cancer) and (?:not recover|die|never recover)|don't recover|never recover|don't survive)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(String.raw`\b(?:tonight's|tonight is|today's|today is) the (?:night|day)(?= *(?:$|[.,!?;:]))`),
    strength: 'weak',
  },
  {
    re: rx(
      String.raw`\bthank (?:you|u) (?:all|everyone|guys|so much)? ?for (?:being kind to me|everything|being there for me|all your kindness|putting up with me|trying)(?= *(?:$|[.,!?;:]))`,
    ),
    strength: 'weak',
  },
  {
    re: rx(String.raw`\b(?:come|go|turn up|show up|attend|be) (?:to|at) my (?:own )?funeral\b`),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:go to sleep|fall asleep|sleep) and (?:stay asleep|never wake|not wake|not come back|never come back)\b|\bstay asleep (?:forever|for good|for ever)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:make|made|making) (?:it|everything|this|the pain|it all|all of it) (?:all )?(?:stop|end|go away) (?:for good|forever|for ever|permanently)\b`,
    ),
    strength: 'strong',
  },
  {
    // Hiding risk from the people who ask: "my therapist asked if I'm safe and I lied".
    re: rx(
      String.raw`\b(?:asked|ask|asks|asking) (?:me )?(?:if|whether) i(?:'m| am| was| felt| feel|'d| had)? ${F}(?:safe|okay|ok|suicidal|having thoughts|thinking of hurting myself|thinking about suicide)\b[^.!?;]{0,30}\b(?:lied|lie|lying|pretended|pretend|said (?:yes|no|i was fine|i was okay|i'm fine) but)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\bcan't (?:see|imagine|picture) myself (?:being |still )?(?:alive|around|on this earth|in this world)\b`,
    ),
    strength: 'strong',
  },
  { re: rx(String.raw`\bcan't (?:see|imagine|picture) myself (?:being |still )?here\b`), strength: 'weak' },
  {
    re: rx(
      String.raw`\bin case i(?:'m| am)? (?:not|don't|do not|never) (?:here|around|alive|make it|wake up|come back)\b`,
    ),
    strength: 'weak',
  },
  {
    re: rx(
      String.raw`\b(?:tell|told|telling) (?:my |the )?(?:kids|children|family|husband|wife|partner|mum|mom|dad|parents|sisters?|brothers?|son|daughter|boyfriend|girlfriend|everyone) (?:that )?i (?:love|loved) (?:them|him|her|you)\b|\b(?:wrote|written|writing) (?:letters?|notes?|a letter|a note) (?:to|for) (?:my|each of my) (?:sisters?|brothers?|kids|children|family|husband|wife|partner|parents|mum|mom|dad|son|daughter|friends)\b|\bdeleted (?:all )?my (?:photos|accounts|social media|messages)\b`,
    ),
    strength: 'weak',
  },
  // --- self-harm ---------------------------------------------------------------------------------------------------
  {
    re: rx(
      String.raw`\b(?:hurt(?:ing|s)?|harm(?:ing|ed|s)?|cut(?:ting|s)?|burn(?:ing|ed|t|s)?|punish(?:ing|ed)?|scratch(?:ing|ed)?|bruis(?:e|ing|ed)|hit(?:ting)?|bit(?:e|ing)|pinch(?:ing|ed)?|bang(?:ing)? my head against) myself\b`,
    ),
    strength: 'strong',
    negatable: true,
    // "I cut myself on the laminator", "cut myself some slack": accidents and idioms, unless intent comes first.
    after: (f, before) => (ACCIDENT.test(f) && !INTENT_BEFORE.test(before) ? null : 'strong'),
  },
  {
    re: rx(
      String.raw`\bself[- ]?(?:harm|harms|harmed|harming|harmer|injury|injure|injuring|injured|mutilation|mutilate|mutilating|destruct|destructive)\b`,
    ),
    strength: 'strong',
    negatable: true,
    professional: true,
  },
  {
    re: rx(
      String.raw`\b(?:been|started|start|i'm|keep|kept|back to|went back to|gone back to|relapsed and|can't stop|stopped|quit|was) ${F}(?:cutting|self[- ]?harming|burning|scratching) (?:again|myself|my (?:arms?|legs?|wrists?|thighs?|skin))\b`,
    ),
    strength: 'strong',
  },
  { re: rx(String.raw`\bcutting again\b`), strength: 'weak' },
  {
    // Model round 13: current self-harm in plain verbs on the body ("cut my thighs where no one looks", "burned my
    // arm with a lighter at lunch", "cut again last night"; round 14 "I burn my wrist with the iron"), unless an
    // accident follows ("on the laminator") or the clause before puts it in the past ("I used to", "years ago", "when
    // I was").
    re: rx(
      String.raw`\b(?:cut|cutting|burn|burns|burned|burnt|burning|scratched|scraped|scraping|carved|carving|sliced|slicing|slashed|slashing) (?:into )?my (?:arms?|forearms?|legs?|wrists?|thighs?|skin|stomach|hips?)\b|(?:^|[.!?] |\bi |\bi've |\bi have |\bjust )cut again\b`,
    ),
    strength: 'strong',
    ongoing: true,
    after: (f, before) => (BODY_ACCIDENT.test(f) || HARM_IN_THE_PAST.test(before) ? null : 'strong'),
  },
  {
    // Self-injury by another name: "I punch walls until my hands bleed"; since model round 14 also till the knuckles
    // split, the hands go numb or the writer sees stars ("hitting my head on the steering wheel till I see stars"),
    // unless the clause before puts it in the past ("I used to hit my head against walls until I saw stars").
    re: rx(
      String.raw`\b(?:until|till|til) (?:i|it|they|my (?:hands?|knuckles|arms?|skin|legs?|head|fingers)) (?:bleed|bleeds|bled|bruise|bruised|break|broke|split|splits|swell|swells|swelled|go numb|goes numb|went numb|see stars|saw stars)\b|\bmake myself (?:bleed|bruise)\b|\b(?:punch|punching|punched|hit|hitting|bang|banging|slam|slamming) (?:walls?|the wall|my head|my fists?) (?:until|till|so hard)\b`,
    ),
    strength: 'strong',
    ongoing: true,
    after: (_f, before, match) =>
      HARM_IN_THE_PAST.test(before)
        ? null
        : !/^(?:until|till|til)\b/.test(match) ||
            /\b(?:punch|hit|scratch|pick|bit|bite|bang|cut|slam|claw|dig|pull|hurt|harm)\w*\b/.test(before)
          ? 'strong'
          : null,
  },
  {
    // Someone found out about, or the writer hides, self-harm: "he knows about the cutting", "hiding my scars".
    re: rx(
      String.raw`\b(?:knows|know|found out|find out|saw|seen|see|noticed|notice|hiding|hide|hid|covering|cover|covered|cover up|covering up) (?:about )?(?:the|my) (?:cutting|cuts|scars|self[- ]?harm(?:ing)?|burns|marks on my (?:arms?|legs?|wrists?))\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:urge|urges|itch|craving|cravings) to (?:hurt|cut|harm|burn|self[- ]?harm|punish)\b|\b(?:relapsed|relapse) (?:with|into|on) (?:self[- ]?harm|cutting|hurting myself)\b|\bfresh cuts\b|\bblades? (?:again|in my drawer|hidden)\b`,
    ),
    strength: 'strong',
  },
  // --- methods and plans -------------------------------------------------------------------------------------------
  {
    re: rx(
      String.raw`\b(?:how|ways?|methods?|best way|easiest way|painless way|quickest way|quick way|least painful way|painless ways) to ${F}(?:die|kill myself|end (?:it|my life|things|it all)|overdose|od|hang myself|commit suicide|not wake up|disappear forever)\b`,
    ),
    strength: 'strong',
  },
  {
    // Model round 14: how quick or painful a way of dying is, asked ("is drowning quick?", "how painless is hanging",
    // "how long it takes to bleed out"). A question put by someone else ("she asked me if it hurts to drown") is
    // concern for them (firstPerson).
    re: rx(
      String.raw`\b(?:is|does|would|will) (?:drowning|hanging|bleeding out|starving) (?:(?:really|actually|even) )?(?:quick|quicker|fast|painless|hurt|instant)\b|\bhow (?:quick|painless|fast|long) (?:is|does|would) (?:drowning|hanging|bleeding out|starving)\b|\bhow long (?:it takes|does it take|would it take|will it take|it would take) (?:to |you to |me to )?(?:drown|bleed out|starve)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  { re: rx(String.raw`\b(?:lethal|fatal|deadly) (?:dose|amount|overdose|quantity)\b`), strength: 'strong' },
  {
    re: rx(
      String.raw`\bhow (?:many|much) (?:${DRUG})\b(?= (?:it|would|to|are|is|do|does|before|until|till|i'd|i would|it'd))`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:take|taking|took|swallow|swallowing|swallowed|down|downing|downed) (?:all|every one|the whole (?:box|bottle|packet)) (?:of )?(?:my |the |those |these |of my )?(?:pills|tablets|meds|medication|sleeping pills|paracetamol|painkillers|antidepressants)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:saving|saved|stockpil(?:e|ing|ed)|hoard(?:ing|ed)?|collecting|collected|counted|counting|stash(?:ing|ed)?|keeping) (?:up )?(?:my |some |all my |the |a stash of )?(?:pills|tablets|meds|medication|sleeping pills|paracetamol|painkillers|antidepressants)\b`,
    ),
    strength: 'strong',
    after: (f) =>
      /^ (?:for (?:the|my) (?:trip|holiday|kids|class)|in (?:the|a) (?:first aid|cupboard))/.test(f)
        ? null
        : 'strong',
  },
  {
    re: rx(String.raw`\boverdos(?:e|ed|es|ing)\b`),
    strength: 'strong',
    negatable: true,
    professional: true,
    after: (f) =>
      /^ on (?:coffee|caffeine|sugar|chocolate|tea|biscuits|cake|marking|netflix|energy drinks|red bull|candy|sweets|screen time|screens|glitter|sarcasm|paperwork|meetings|data|acronyms|pd|cpd|inset|ofsted|christmas|tinsel)/.test(
        f,
      )
        ? null
        : 'strong',
  },
  {
    re: rx(String.raw`\b(?:going to|want to|could|might|thinking of|about to|will|i'll|should) od\b`),
    strength: 'strong',
  },
  {
    re: rx(String.raw`\bnoose\b|\bhang(?:ing)? rope\b|\btie a rope\b`),
    strength: 'strong',
    professional: true,
  },
  {
    re: rx(
      String.raw`\b(?:thinking (?:about|of)|thought (?:about|of)|think about|want(?:ed)? to|going to|could|urge to|urges to|tempted to|imagine|imagined|imagining|keep picturing|picture|picturing|fantasi[sz](?:e|ed|ing) about|dream(?:ing|t|ed)? (?:about|of)|considered|considering|plan(?:ning)? to|felt like|feel like|i'll|might|i just|nearly|almost|so close to) ${F}(?:jump(?:ing)?|throw(?:ing)? myself|step(?:ping)?(?: out)?|walk(?:ing)?(?: out)?|driv(?:e|ing)(?: my car)?|crash(?:ing)?(?: my car| the car)?|swerv(?:e|ing)(?: my car| the car)?|steer(?:ing)?(?: my car| the car)?|lie|lying|lay|run(?:ning)?(?: out)?) (?:off|from|in front of|into|under|onto|on to|on|down on|out in front of) (?:the |a |my |an |that |some )?(?:\w+ )?(?:bridge|roof|building|cliff|balcony|train|trains|bus|lorry|truck|traffic|tree|wall|motorway|highway|freeway|river|sea|ocean|tracks?|railway|platform|overpass|car park|multi-storey|barrier|oncoming|lake|window|edge|ledge|car|cars|tram|road)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:step|stepping|stepped|walk|walking|walked|jump|jumping|jumped|throw|throwing|threw)(?: myself| out)? in front of (?:a|the|an|that) (?:train|bus|lorry|truck|car|tram|tube)\b|\bjump(?:ing|ed)? (?:off|from) (?:a|the|that|my) (?:bridge|roof|cliff|balcony|car park|multi-storey|building|overpass)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:i know|i've worked out|i've figured out|i've decided) (?:exactly )?(?:how|when|where) i(?:'d| would| will|'ll| am going to|'m going to) do it\b|\b(?:plan|plans|planning|planned) (?:to|for how to|how to) (?:end (?:it|things|everything|my life|it all)|die|kill myself|do it|not be here|disappear|take my (?:own )?life)\b|\b(?:picked|chosen|set) (?:a|the) (?:date|day|time) (?:to (?:do it|die|end)|for (?:it|when i))\b`,
    ),
    strength: 'strong',
  },
  // --- thoughts --------------------------------------------------------------------------------------------------
  {
    re: rx(
      String.raw`\b(?:thinking|thought|think|thoughts|dreaming|dream|fantasi[sz]ing|fantasi[sz]e|obsessing|obsessed|intrusive thoughts|images) (?:a lot |lots |so much |constantly |all the time |more and more )?(?:about|of) ${F}(?:dying|being dead|not being here|not being alive|not existing|ending it|ending things|ending my life|ending it all|killing myself|hurting myself|cutting(?: myself)?|disappearing forever|who would come to my funeral|taking my (?:own )?life|not waking up|crashing (?:my|the) car|driving off|how to die|dying in my sleep|suicide|self[- ]?harm(?:ing)?|death as (?:a|an) (?:relief|escape|way out))\b`,
    ),
    strength: 'strong',
    negatable: true,
    firstPerson: true,
    after: (f) =>
      /^ (?:my|our|her|his|their|the) hair|^ (?:it|them) (?:blue|red|pink|green|purple|black)/.test(f)
        ? null
        : 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:i|i've|i'm|i keep|keep|been|can't stop|constantly|always|lately|often|sometimes|still|i've been|i find myself) ${F}(?:thinking|thought|think|dwelling|obsessing) (?:a lot |so much |constantly |all the time )?(?:about|of|on) (?:death|dying|my death)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:death|dying|being dead|not existing|not being here|not waking up) (?:would be|would feel like|sounds|sounds like|seems|seems like|feels like|looks like|is) ${F}(?:a |an |the )?(?:relief|easier|peaceful|better|nice|welcome|the answer|the only way|the only option|an escape|a way out|appealing|tempting|a mercy)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:i'm|i am|not|don't feel|not feeling) ${F}safe (?:from|around|with|by) myself\b|\bdanger to myself\b|\bdon't trust myself (?:to stay safe|to be safe|around (?:pills|knives|blades|my meds|the meds|the bridge|the car)|alone|not to do something|tonight)\b`,
    ),
    strength: 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:called|rang|phoned|texted|contacted|calling|ringing|texting|messaged|messaging|on the phone (?:to|with)|spoke to|talking to|talked to) (?:the |a )?(?:samaritans|lifeline|crisis line|crisis text line|suicide (?:hotline|helpline|line|prevention line)|988|beyond ?blue|shout 85258|85258|crisis team|mental health crisis team|crisis helpline)\b`,
    ),
    strength: 'strong',
  },
  // --- goodbyes ------------------------------------------------------------------------------------------------------
  {
    re: rx(
      String.raw`\b(?:this is|consider this|this is my|this will be my|saying my|say my|said my|my final|my last) (?:final |last )?(?:goodbye|farewell)\b|\bgoodbye (?:everyone|all|everybody|world|forever|for good|guys|friends|cruel world|to (?:everyone|all of you|you all|this world))\b`,
    ),
    strength: 'strong',
    goodbye: true,
    // "this is goodbye to my old classroom": a goodbye to a thing.
    after: (f) =>
      /^ to (?:my|the|our|this|that|a|an) (?!world|life|everyone|you)/.test(f) ? null : 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:my|this is my|this will be my|this'll be my|this is the) (?:last|final) (?:message|post|words|note|letter|time posting)\b`,
    ),
    strength: 'strong',
    goodbye: true,
  },
  {
    re: rx(
      String.raw`\b(?:won't|might not|may not|not going to|will not|wouldn't|won't ever) be (?:here|around|posting|alive|with you|on here|in this world|on this earth|a problem) (?:much longer|for much longer|for long|anymore|any more|after (?:tonight|today|this)|by (?:tomorrow|morning|monday|the weekend))\b`,
    ),
    strength: 'strong',
    goodbye: true,
  },
  {
    re: rx(
      String.raw`\b(?:you(?:'ll| will)? (?:won't|never) (?:hear from|see) me again|never (?:hear from|see) me again|last time you(?:'ll| will)? (?:hear from|see) me|by the time (?:you|anyone|someone) (?:read|reads|see|sees) this|(?:if|when|after|once) i'm (?:gone|dead|no longer here|no longer around|not around anymore|not here anymore))\b`,
    ),
    strength: 'strong',
    goodbye: true,
  },
  {
    re: rx(
      String.raw`\btell (?:my (?:kids|children|family|husband|wife|partner|mum|mom|dad|parents|sister|brother|son|daughter|boyfriend|girlfriend)|everyone|them) (?:that )?i (?:love|loved|'m sorry|am sorry|was sorry)\b|\b(?:look after|take care of) my (?:kids|children|cat|cats|dog|dogs|family|plants|son|daughter|pets?) (?:for me )?(?:when i'm gone|after i'm gone|if anything happens|once i'm gone)\b`,
    ),
    strength: 'strong',
    goodbye: true,
  },
  {
    re: rx(
      String.raw`\bgiv(?:ing|en|e) away (?:all )?(?:my|of my) (?:things|stuff|belongings|possessions|clothes|pets?|cat|dog)\b|\bgiv(?:ing|en|e) (?:all )?(?:my|of my) (?:things|stuff|belongings|possessions|clothes|books|plants) away\b|\b(?:put|putting|get|getting|got|sorted|sorting) (?:my )?(?:affairs|life|things) in order\b|\b(?:goodbye|farewell) (?:letters?|notes?|messages?)\b|\b(?:written|wrote|writing|left) (?:a )?(?:note|letters?) (?:for|to) (?:my family|my kids|my children|everyone|my husband|my wife|my partner|each of them) (?:to find|explaining|for after|saying goodbye)\b`,
    ),
    strength: 'strong',
    goodbye: true,
  },
  // --- weak cues: two together flag -------------------------------------------------------------------------------
  {
    re: rx(
      String.raw`\b(?:i'm|i feel|feel|feeling|felt|i've been|i was|i've felt|so|completely|totally|utterly) ${F}(?:like )?(?:so |completely |totally |utterly |really |just |such )?(?:trapped|hopeless|worthless|helpless|empty|numb|broken|useless|invisible|dead inside|a failure|a burden|unlovable|a waste of space|a waste of oxygen|beyond help|lost|defeated|alone|so alone|unwanted)\b`,
    ),
    strength: 'weak',
    // A feeling scoped to the workplace ("invisible at work", "useless in meetings") is about the job; a burden, a
    // worthless self or "dead inside" stays a cue wherever it is felt.
    after: (f, _before, match) =>
      !/burden|worthless|dead inside|waste of/.test(match) && WORK_SCOPE.test(f) ? null : 'weak',
  },
  {
    // "I'm done" is a weak cue; "I'm done with this term" is not.
    re: rx(
      String.raw`\b(?:i'm|i feel|i've been|so|completely|totally|utterly) ${F}(?:so |completely |totally |utterly |just )?done\b`,
    ),
    strength: 'weak',
    after: (f) =>
      /^ with (?!(?:it all|everything|life|living|all of it|this life|myself|being alive)\b)/.test(f)
        ? null
        : 'weak',
  },
  {
    re: rx(
      String.raw`\b(?:no way out|see no way out|can't see (?:a|any) (?:way out|future|light|end to (?:this|it))|no light at the end|no (?:light|end) in sight|no future|lost (?:all )?hope|no hope left|there's no hope|give up on everything|giving up)\b`,
    ),
    strength: 'weak',
  },
  {
    re: rx(
      String.raw`\bcan't (?:do (?:this|it|life) (?:anymore|any more|much longer|any longer)|take (?:it|this|any more|anymore|much more)(?: anymore| any more)?|cope(?: anymore| any more)?|keep doing this|breathe)\b`,
    ),
    strength: 'weak',
  },
  {
    re: rx(
      String.raw`\b(?:what's the point(?: anymore| of anything| of it all)?|don't see the point|no point anymore|nothing matters|none of it matters|nobody cares|no one cares|no one would notice|nobody would notice|everything is pointless|it's all pointless)\b`,
    ),
    strength: 'weak',
    // "Nobody would notice if we moved the staff meeting to Thursday" is about the meeting, not the writer: not a cue,
    // and explained away so the model alone cannot flag it without being nearly certain (model round 8).
    after: (f, _b, match) => (/notice$/.test(match) && NOTICE_IF_OTHER.test(f) ? null : 'weak'),
  },
  {
    re: rx(
      String.raw`\b(?:hate myself|hate my life|tired of (?:everything|it all|life|fighting|trying|being me|feeling like this)|done with (?:everything|it all|life)|dead inside|made (?:my )?peace|i'm sorry for (?:everything|being a burden|being like this)|(?:dark|intrusive|scary|bad|horrible) thoughts|make it (?:all )?stop|want out)\b`,
    ),
    strength: 'weak',
  },
  { re: rx(String.raw`\bmy life is over\b`), strength: 'weak' },
  {
    re: rx(
      String.raw`\b(?:not going to make it|won't make it|(?:got|have) it (?:all|a') planned|it's all planned|all planned out|made my mind up)\b`,
    ),
    strength: 'weak',
  },
  {
    re: rx(
      String.raw`\b(?:forgive me|relapsed|razor blades?|(?:so|until|till|for) the pain (?:stops|ends|goes away|would stop))\b`,
    ),
    strength: 'weak',
  },
  // --- acts in progress and means at hand (added with the learned model; plain wording, no "suicide" word) ----------
  {
    re: rx(
      String.raw`\b(?:took|taken|swallowed|downed|necked|had) (?:the |a |my |all (?:of )?(?:the |my )?|every |everything|the whole |a whole |all my |half (?:a |the |my )?|about |like |over |around )?(?:\d+ |twenty |thirty |forty |fifty |a hundred )?(?:strip|packet|pack|box|bottle|tub|jar|load|lot|handful|pile|stash|everything|pills?|tablets?|meds|medication|paracetamol|co-codamol|painkillers|sleeping (?:pills|tablets)|antidepressants|insulin|diazepam|valium|sertraline|amitriptyline|codeine|tramadol|zopiclone|lithium|fluoxetine|citalopram|propranolol|oxycodone|morphine|quetiapine|mirtazapine|of (?:my|the) (?:pills|tablets|meds|prescription))\b`,
    ),
    strength: 'strong',
    firstPerson: true,
    after: (following, before) =>
      /\b(?:for (?:a|my|the) (?:headache|migraine|cold|period|back|tooth)|as prescribed|with (?:food|water|breakfast|dinner)|this morning as usual|at lunch as usual)\b/.test(
        following,
      ) || /\b(?:he|she|they|student|pupil|kid|child|son|daughter)\b[^.!?]{0,20}$/.test(before)
        ? null
        : 'strong',
  },
  {
    re: rx(
      String.raw`\b(?:(?:got|have|holding|loaded|took) (?:out )?(?:the|my|a|his|dad's) gun|gun (?:is|'s) loaded|it's loaded|(?:blade|razor|knife) [^.!?]{0,40}\b(?:going to use it|use it (?:tonight|now|at lunch|later)|properly this time)|(?:standing|stood|sitting|sat|i'm) (?:on|at) (?:the )?(?:platform edge|edge of the platform|ledge|edge of the roof|roof edge|railing|parapet|bridge)[^.!?]{0,40}\b(?:right now|now|waiting|tonight|ready)|engine running in (?:the|a) (?:closed |locked )?garage|(?:cut|cutting|cuts) (?:deeper|deep|too deep)|won't stop bleeding)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    re: rx(
      String.raw`\b(?:(?:gun|shotgun|rifle|pills|tablets|rope)\b[^.!?]{0,40}\b(?:i know where (?:the key|he keeps|she keeps|they keep|it is)|i can get (?:to )?it|i have access)|(?:insurance|life cover|death in service)\b[^.!?]{0,40}\b(?:covers suicide|pays? out (?:on|for) suicide|suicide clause)|(?:top of|edge of|on) (?:the |a )?(?:quarry|cliff|bridge|multi-storey|car park|tower block|dam)\b[^.!?]{0,40}\b(?:not (?:driving|coming|going) (?:home|back)|won't be (?:coming|going) (?:home|back)))\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    re: rx(
      String.raw`\b(?:let me (?:just )?die|(?:i )?wouldn't (?:be sad|mind|care)[^.!?]{0,20} if (?:a (?:bus|car|lorry|truck)|something|someone) (?:hit|killed|took) me|if (?:a (?:bus|car|lorry|truck)|something) (?:hit|killed) me[^.!?]{0,30}\b(?:wouldn't (?:be sad|mind|care)|be a relief|fine by me)|(?:just )?taking up space|no point (?:to|in) me|point of me)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // "stop everything, permanently": a wish to stop living, said without the word.
    re: rx(
      String.raw`\b(?:stop|end) (?:everything|existing|living|breathing|it all|all of it)\b[^.!?;]{0,20}\b(?:permanently|forever|for ever|for good)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // An overdose as it happens, in plain words: "I've taken too much and now I'm scared".
    re: rx(
      String.raw`\b(?:i've|i have|i|just) (?:just )?(?:taken|took|had|swallowed|downed) (?:way |far )?too (?:much|many)\b`,
    ),
    strength: 'strong',
    after: (f) =>
      /^ (?:on|of (?:the )?(?:wine|coffee|cake|food|sugar|caffeine|beer|work|time|leave|chocolate|sun)|time|leave|sun|wine|coffee)\b/.test(
        f,
      )
        ? null
        : /^[^.!?]{0,60}\b(?:scared|dizzy|sick|help|ambulance|a&e|hospital|heart|chest|sleepy|weird|numb|vomit|throw up|don't tell|can't feel|shaking|pills|tablets)\b/.test(
              f,
            )
          ? 'strong'
          : 'weak',
  },
  // --- method questions, poisons, hanging, being found (2026-12-06 09:15: general forms, from the batch-7 round) ---
  {
    // "how much co-codamol does it take", "is it true you don't feel anything if you take enough sleeping tablets".
    re: rx(
      String.raw`\b(?:how (?:much|many) (?:${DRUG}) (?:does|would|will|do) it (?:actually |really )?take|(?:take|taking|took|swallow|swallowing|had|have|drink|drinking) enough (?:${DRUG})|enough (?:${DRUG}) to (?:die|kill|not wake up|end it|do it|stop my heart)|(?:${DRUG}) (?:is|are) (?:painless|the most painless|quickest|the quickest|lethal))\b`,
    ),
    strength: 'strong',
    firstPerson: true,
    after: (f) =>
      /^ (?:to (?:work|kick in|help with)|for (?:a|the|my) (?:headache|cold|flu|migraine|pain))/.test(f)
        ? null
        : 'strong',
  },
  {
    // Household poisons drunk or swallowed: "drank the bottle of bleach".
    re: rx(
      String.raw`\b(?:drank|drunk|drink|drinking|swallowed|swallow|swallowing|downed) (?:the |a |some |half (?:a |the )?|a whole |the whole |a bottle of |the bottle of |a cup of )*(?:bleach|antifreeze|weedkiller|weed killer|drain cleaner|rat poison|poison|pesticide|paraquat|methanol|white spirit)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // Preparing a hanging: a knot or a rope together with where it would hang ("tied the knot and tested the beam").
    re: rx(
      String.raw`\b(?:tied|tie|tying|tested|test|testing|fixed|hung|put up|measured) (?:the |a |my )?(?:knot|noose|rope|belt|cord|cable|ligature)\b[^.!?]{0,60}\b(?:beam|loft|attic|banister|bannister|rafter|hook|door frame|tree|garage|stairs|ceiling)\b|\b(?:tested|checked) (?:the |a )?(?:beam|rafter|banister|bannister|hook|loft hatch)\b[^.!?]{0,60}\b(?:rope|knot|noose|belt|weight|hold me|take my weight)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // Arranging not to be found, or who will find the body: "so nobody has to find me at home".
    re: rx(
      String.raw`\b(?:so|so that|then|and) (?:nobody|no one|my (?:kids|children|family|husband|wife|partner|son|daughter|mum|mom|dad)|the kids) (?:has to|have to|will|would|won't have to|doesn't have to|don't have to|needs to|would have to|will have to) (?:be the one to )?find me\b|\b(?:don't|do not) want (?:my (?:kids|children|family|husband|wife|partner|son|daughter)|the kids|them|anyone) to (?:(?:have to )?(?:be the ones? to )?find me|have to break (?:in|the door down|down the door))\b`,
    ),
    strength: 'strong',
  },
  {
    // A day chosen, arrangements made: weak on their own ("I've picked Sunday" for a party), two together flag.
    re: rx(
      String.raw`\b(?:i've|i have|i) (?:finally )?(?:picked|chosen|chose|set|decided on|settled on) (?:a |the |my )?(?:day|date|time|night|sunday|monday|tuesday|wednesday|thursday|friday|saturday|tonight|next week|the weekend)\b(?! (?:for|to (?:go|visit|meet|start|do the|have|celebrate|move))\b)|\b(?:everything|it all|all my affairs)(?:'s| is| are)? (?:all )?(?:sorted|arranged|in order|taken care of|ready)\b|\b(?:the|my) (?:cat|cats|dog|dogs|pets?|kids|children) (?:is|are|will be) going to (?:my|his|her|a) \w+\b`,
    ),
    strength: 'weak',
  },
  // --- model round 15 (W52–W56: late-night logistics, understatement, formal euphemism, slang, rural) --------------
  {
    // An ordinary reason for going given to others, then denied: "Said I'm moving away. I'm not moving", "told the
    // head it was a hospital appointment. It isn't.", "She thinks it's because of the tenancy rules. There are none."
    re: rx(coverStory("it's|it is|it was")),
    strength: 'strong',
    firstPerson: true,
    ownNegation: true,
  },
  {
    // The same with the writer as the story's subject: "Said I'm moving away. I'm not moving".
    re: rx(coverStory("i'm|i am|i was")),
    strength: 'strong',
    firstPerson: true,
    namesWriter: true,
    ownNegation: true,
  },
  {
    // The same cover story as another's belief (the believer is someone else by definition, so not `firstPerson`):
    // "She thinks it's because of the tenancy rules. There are no new rules.", "They think I'm moving house. I'm
    // not.", "She thinks I'm decluttering. I'm really not."
    re: rx(
      String.raw`\b(?:thinks|believes|assumes) (?:it's|it is|that's) (?:because of|for|due to) [^.!?]{1,50}[.!?]+ (?:but )?(?:there (?:is|are) no|it isn't|it's not|it is not|that's not)\b|\b(?:think|thinks|thought|assume|assumes|assumed|believe|believes) (?:that )?(?:i'm|i am|i was) (?:just )?(?:moving|leaving|retiring|decluttering|clearing out|having a clear[- ]out|emigrating|relocating|going away|joking about leaving)\b[^.!?]{0,40}[.!?]+ (?:but )?(?:i'm|i am|i was) (?:really |actually )?not\b(?= ?[.!?;]|$| (?:moving|leaving|retiring|going)\b)`,
    ),
    strength: 'strong',
    ownNegation: true,
  },
  {
    // Not meaning to see a coming day: "I have no intention of seeing Saturday", "I'd rather not be around to see
    // another one", "I would not mind terribly if I did not see the end of the academic year".
    re: rx(
      String.raw`\b(?:no intention of |not (?:planning|intending|expecting) (?:on |to )?|(?:don't|do not) (?:plan|intend|expect) (?:on |to )?|(?:would not|wouldn't) mind (?:\w+ )?if i (?:did not|didn't) |(?:i'd|i would) (?:rather|prefer to) not (?:be (?:around|here|alive) to )?|(?:don't|do not) (?:really |much )?care if i(?:'m| am) (?:here|around|alive) to )(?:see|seeing|live to see|living to see|make it to|making it to) (?:saturday|sunday|monday|tuesday|wednesday|thursday|friday|the weekend|christmas|easter|new year|my (?:next )?birthday|the (?:end|start) of (?:the |this )?(?:term|year|academic year|school year|month|week|holidays)|another (?:one|year|term|christmas|birthday|summer|winter|spring|autumn|harvest)|next (?:week|year|term|month|summer|christmas)|results(?: day)?|september|january|the summer|half term)\b(?!'s| (?:show|party|do|concert|play|performance|disco|assembly|meeting|match|fixture|trip|film|production|service)\b)`,
    ),
    strength: 'strong',
    firstPerson: true,
    ownNegation: true,
  },
  {
    // Affairs put in order in plain words, weak alone (wills, gifts and rehomed pets are everyday too), two flag:
    // "date picked", "only thing left is to pick the day", "given away my granddad's pocket watch", "giving my
    // teaching stuff away all week", "rehomed the cat", "signed the house over to my daughter", "updated the will".
    re: rx(
      String.raw`\b(?:date|day) (?:is )?(?:picked|chosen|set|decided)\b|\b(?:pick|choose) the (?:day|date)\b|\b(?:gave|given|giving|give|handed|handing) away (?:my|all my|most of my|the last of my) \w+|\bgiving (?:away )?(?:my|all my) [^.!?]{0,40}\baway\b|\brehom(?:ed|ing) (?:the|my|our) (?:cat|cats|dog|dogs|pets?|rabbits?|fish)\b|\b(?:the|my) (?:cat|cats|dog|dogs|pets?) (?:has|have) gone to (?:my|a|his|her)\b|\b(?:signed|signing) (?:the house|my house|everything|it all|the farm|the flat) over to\b|\b(?:updated|rewrote|rewritten|redone|redid) (?:my|the) will\b`,
    ),
    strength: 'weak',
    // …with an ordinary reason for them ("giving away all my classroom stuff because I'm leaving the profession").
    after: (f) =>
      /^[^.!?]{0,60}\b(?:because|as|since|cos|cause|before) (?:i'm|i am|we're|we are) (?:leaving|retiring|moving|relocating|emigrating|changing (?:schools|jobs))\b/.test(
        f,
      )
        ? null
        : 'weak',
  },
  {
    // Medication stopped to save it up: "I stopped taking my medication a month ago so that I would have a
    // sufficient supply", "not taking my tablets, saving them".
    re: rx(
      String.raw`\b(?:stopped|stop|not|haven't been|been not) taking (?:my |the )?(?:meds|medication|medicine|tablets|pills|antidepressants|prescription)\b[^.!?]{0,60}\b(?:so (?:that )?i (?:would|could|will|can|'d|'ll) have|sav(?:e|ing) (?:them|it) up|to (?:save|build up|stockpile|collect|keep) (?:them|it|enough|a supply)|(?:sufficient|enough|big|full|a) (?:supply|stockpile|stash))\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // Self-harm as "sh" in slang: "been doing sh again since sept", "relapsed on sh", "sh urges".
    re: rx(
      String.raw`\b(?:doing|did|done|started|relapsed (?:on|with|into)|back (?:on|to|into)|urges? (?:to|for)|craving) sh\b|\bsh (?:urges?|scars?|again|relapse)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
    negatable: true,
  },
  {
    // Others spared if the writer were gone: "the department would save a salary and a great deal of bother if I
    // simply weren't around" (the "better off if I wasn't around" cue above names a gain, this a cost spared).
    re: rx(
      String.raw`\b(?:save|saved|spare|spared|saving) [^.!?]{0,50}\bif i ${F}(?:weren't|wasn't|were not|was not) ${F}(?:around|here|alive)\b(?! (?:on|for|at|during|in|this|next|today|tomorrow|to|until|till)\b)`,
    ),
    strength: 'strong',
    firstPerson: true,
    ownNegation: true,
  },
  {
    // Going to sleep for good: "lie down and never get up again", "fall asleep at the start of the summer holidays
    // and not come round"; not before an ordinary end ("and not wake up till half term").
    re: rx(
      String.raw`\b(?:lie down|go to sleep|fall asleep|close my eyes|drift off|nod off)\b[^.!?]{0,50}\b(?:and|&) (?:never|not) (?:get up|wake up|come round|come to|open (?:them|my eyes))(?: again| ever)?\b(?! (?:until|till|before|for|at|on|in time)\b)`,
    ),
    strength: 'strong',
    firstPerson: true,
    negatable: true,
    ownNegation: true,
  },
  // --- model round 16 (W57–W60: attempts in progress, practical questions, affairs settled, second-language English) -
  {
    // Something taken, felt in the body now: "feeling really sleepy from what i took", "heart's racing from what i
    // took", "I did something stupid about half an hour ago. My chest feels strange"; not a cold remedy or a meal.
    re: rx(
      String.raw`\b(?:sleepy|drowsy|dizzy|woozy|sick|racing|pounding|numb|buzzing|spinning|shaking|shaky|heavy|weird|strange|funny|throw up|vomit\w*)\b[^.!?]{0,40}\b(?:from|after) (?:what|the stuff|everything) i(?:'ve)? (?:took|taken|swallowed)\b|\b(?:from|after) (?:what|the stuff|everything) i(?:'ve)? (?:took|taken|swallowed)\b[^.!?]{0,40}\b(?:sleepy|drowsy|dizzy|woozy|sick|racing|pounding|numb|buzzing|spinning|shaking|shaky|throw up|vomit\w*)\b|\bi(?:'ve)? (?:just )?(?:did|done) something (?:stupid|silly|dumb|bad)\b[^.!?]{0,30}\b(?:ago|just now|tonight)[.!?]+ (?:and )?(?:now )?(?:my )?(?:chest|heart|head|stomach|tummy|throat|body|hands|vision)(?:'s| is| feels| are| feel) (?:\w+ )?(?:strange|weird|funny|tight|racing|pounding|buzzing|burning|numb|heavy|spinning|blurry|shaking)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
    acute: true,
    after: (f) =>
      /^[^.!?]{0,30}\b(?:for (?:a|my|the) (?:cold|headache|migraine|flu|hay ?fever|period|back|cough|allerg\w+|stomach)|at (?:lunch|dinner|the (?:party|buffet|restaurant)))\b/.test(
        f,
      )
        ? null
        : 'strong',
  },
  {
    // An attempt that failed, to be made again: "did it. didnt work properly. going to try again before it gets
    // light", "Tried on tuesday. It didn't work. Going to try again". "Tried" with an object ("tried the new seating
    // plan") or without a time ("Tried, it didn't work, I'll try again after lunch": the printer) is not one.
    re: rx(
      String.raw`(?:^|[.!?,] )(?:i )?(?:(?:did it|tried it|attempted it)(?: (?:on \w+|last night|yesterday|tonight|this morning|earlier|at the weekend|once))?|tried (?:on \w+|last night|yesterday|tonight|this morning|earlier|at the weekend|once))[.!?,]+ (?:but )?(?:it )?(?:didn't|did not|doesn't|does not) work\b[^.!?]{0,15}[.!?,]+ (?:so )?(?:i'm |i am )?(?:going to|gonna|will|i'll|i will) (?:try|do it) again\b(?! (?:later|after (?:lunch|break|school|work|class|the meeting))\b)`,
    ),
    strength: 'strong',
    firstPerson: true,
    acute: true,
    ownNegation: true,
  },
  {
    // On a roof now, the sentence ending there: "I'm on the roof of the science block.", "im on the roof rn"; not "on the
    // roof fixing the aerial", "on the roof rota" or "on the roof now with the caretaker".
    re: rx(
      String.raw`\b(?:i'm|i am) (?:up |sat |sitting |standing |stood )?on (?:the |a )?(?:roof|rooftop)(?: of (?:the |a |our |my )?[a-z0-9' ]{1,25}?)?(?= ?[.,!?]|$| (?:rn|now|right now|again|alone|tonight)(?= ?[.,!?]|$))`,
    ),
    strength: 'strong',
    firstPerson: true,
    acute: true,
  },
  {
    // Who finds the body, asked: "Who usually finds people, realistically?"; not "who finds people for cover".
    re: rx(
      String.raw`\bwho (?:usually |normally |generally |typically |actually |would |will |tends to )?(?:finds?|found) (?:people|bodies|the body)\b(?! (?:for|to|a|an|jobs?|work|cover|supply|places?|homes?)\b)`,
    ),
    strength: 'strong',
    // …not in a figure of speech (HYPERBOLE blanked it to "…"): "who finds the body when the practical finally
    // finishes me off?"
    after: (f) => (/^[^.!?]{0,80}…/.test(f) ? null : 'strong'),
  },
  {
    // Whether a policy's suicide exclusion has run out, for the writer: "if the insurance has a one year suicide
    // exclusion and I took the policy out in march 2023 am I clear now?"
    re: rx(
      String.raw`\bsuicide (?:exclusion|clause|exemption)\b[^.!?]{0,80}\b(?:am i (?:clear|covered|ok|okay|safe|past it|out of it)|(?:would|will|does|do) (?:it|they|the \w+) (?:still )?pay(?: out)?)\b|\b(?:am i (?:clear|covered)|(?:would|will|does) (?:it|they) (?:still )?pay(?: out)?)\b[^.!?]{0,60}\bsuicide (?:exclusion|clause)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // A train's times asked, then "not catching it": "What time does the last train go through the crossing? Not
    // catching it." ("…? Not catching it, I'm driving" goes on, and is not one.)
    re: rx(
      String.raw`\b(?:train|trains|tram)\b[^.!?]{0,80}\?+ (?:but )?(?:i'm |i am )?not (?:catching|getting on|boarding|taking|riding) it(?= ?[.!?]|$)`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // Searched for the means: 'Googled "painless"', "looked up lethal doses"; not "painless dentistry".
    re: rx(
      String.raw`\b(?:googled|searched(?: for)?|looked up|researched) "?(?:painless|lethal doses?|how to die|ways to die|how to end it|suicide methods)"?(?= ?[.,!?]|$| (?:on|at|in|today|tonight|again|last|earlier)\b)`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // A note's opening: "If you're reading this on Monday, I'm sorry.", "if you are reading this, I'm gone".
    re: rx(
      String.raw`\bif you(?:'re| are) reading this\b[^.!?]{0,40}?,? (?:(?:i'm|i am) (?:so |really )?sorry|(?:i'm|i am) (?:already )?(?:gone|not here|dead)|it's (?:too late|done))(?= ?[.!]|$)`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // Weighting oneself to drown: "Filled ma jacket pockets wi stanes" (Scots as written), "pockets full of rocks".
    re: rx(
      String.raw`\b(?:filled|fill|filling|put|putting|stuffed|loaded) (?:my |ma |me )?(?:\w+ )?pockets (?:with|wi|full of) (?:stones|stanes|rocks|bricks|weights)\b|\b(?:put|putting|stuffed|loaded) (?:stones|stanes|rocks|bricks|weights) in (?:my|ma|me) (?:\w+ )?pockets\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // Affairs settled and a time or window named, weak alone (each is everyday too), two flag: "made a will", "paid the
    // dinner money I owed", "before anyone's up", "That gives me the weekend.", "I have what I need.", "left the
    // motorbike to my brother", "put my partner's name on everything", "instructions
    // for my funeral", "Not long now.", "That's where.", "nobody expects me anywhere", "worked out the amount".
    re: rx(
      String.raw`\b(?:made|wrote|written|drew up|drawn up) (?:a|my) will\b|\bpaid (?:off |back )?(?:the |all the |all |my )?(?:\w+ ){0,2}(?:i owed|debts?)\b|\bbefore (?:anyone|everyone|anybody|the kids|the house|my (?:wife|husband|partner|family|kids|flatmate))(?:'s| is| are)? (?:up|awake|wakes?(?: up)?|gets? up)\b|\bthat gives me (?:long enough|enough time|the (?:weekend|night|house|place)(?: to myself)?|(?:a few|two|three|four) (?:hours|days))(?= ?[.!]|$)|\bi(?:'ve| have) (?:got )?(?:what|everything) i need(?= ?[.!]|$)|\bleft (?:my|the) (?:\w+ ){1,2}to my (?:brother|sister|son|daughter|nephew|niece|kids|children|partner|wife|husband|best friend)\b|\bput (?:my |her |his )?(?:\w+'s )?name on (?:everything|all of it|the (?:house|accounts|mortgage|car))\b|\b(?:instructions|plans|wishes|arrangements) for my (?:own )?funeral\b|\bnot long now(?= ?[.,!]|$)|\bthat's (?:where|when|the day|the place|the spot)(?= ?[.!]|$)|\bnobody (?:expects|will expect|is expecting|will be expecting) me (?:anywhere|home|back)\b|\b(?:worked out|figured out|calculated) (?:the )?(?:amount|dose|how (?:much|many) (?:i'd|i would|i'll|i will|it would|it'll) (?:need|take))\b`,
    ),
    strength: 'weak',
  },
  {
    // Wondering why one is still alive: "Im wondering why I'm still here. Not in the building. Here."; not "still here
    // at 7pm" or "still here in this job".
    re: rx(String.raw`\bwonder(?:ing)? why i'm still (?:here|alive|around|breathing)\b`),
    strength: 'strong',
    firstPerson: true,
    after: (f) =>
      ORDINARY_OCCASION.test(f) ||
      WORK_SCOPE.test(f) ||
      /^ (?:in (?:the|this) (?:building|job|school|profession)|at (?:work|school|my desk|this hour)|after)\b/.test(
        f,
      )
        ? null
        : 'strong',
  },
  {
    // The world fine without the writer: "The world's fine without me in it, turns out."
    re: rx(
      String.raw`\b(?:the )?world(?:'s| is| would be|'d be| will be)? (?:\w+ )?(?:fine|better|better off|okay|ok|happier|no different) without me\b(?! (?:at|for|on|while|during|this|next|today|tomorrow|until|till|in (?:the|this|that|my)|covering)\b)`,
    ),
    // Not `firstPerson`: "without me" names the writer ("My mother say … she is right and world is better without me").
    strength: 'strong',
  },
  {
    // Not fighting a serious illness: "If I got ill and didn't recover I don't think I'd fight it."; not "if I got ill I
    // wouldn't fight it, I'd stay home".
    re: rx(
      String.raw`\bif i (?:got|get|were|was|became|become|fell) (?:(?:seriously|terminally|really) (?:ill|sick)|(?:ill|sick) and (?:didn't|did not|wouldn't|never|couldn't) (?:recover|get better|get well)|(?:ill|sick) and died|diagnosed with (?:cancer|something (?:serious|terminal)))\b[^.!?]{0,30}\b(?:i (?:don't think i'd|wouldn't|would not|won't|will not|doubt i'd) (?:\w+ )?(?:fight|bother fighting|bother with treatment|seek treatment|get treatment)|i'd (?:just )?let it)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
    ownNegation: true,
  },
  {
    // Fading out and finding it fine: "If I just faded out like a bad wifi signal I think that would be ok"; not "if I
    // disappeared for a week that would be nice".
    re: rx(
      String.raw`\bif i (?:just |simply |quietly )?(?:faded|fade|slipped|drifted|disappeared|vanished|stopped existing|didn't wake up|never woke up)(?: out| away| off)?\b(?:(?! for | to | on | abroad| somewhere| into )[^.!?]){0,50}\b(?:that|it|which) (?:would|'d|might) (?:be|feel) (?:ok|okay|fine|alright|all right|a relief|nice|good|for the best|easier)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // Envying the dead: "Lately I envy the people in the obituaries", "I envy people who died in their sleep".
    re: rx(
      String.raw`\benvy (?:the |all the )?(?:people|those|folk|ones|anyone|everyone)\b[^.!?]{0,30}\b(?:obituar\w*|obits|death notices|who (?:die|died|are dead|passed|didn't wake)|in (?:the )?(?:cemetery|graveyard|ground|coffins?))|\benvy (?:the )?dead\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // Wishing oneself cleared out, signed off, no longer being: "wish I could clear myself out too", "wishing I could
    // hand over my whole life the same way", "give everything away and just stop being."
    re: rx(
      String.raw`\bwish(?:ing)? i could (?:\w+ ){0,2}(?:(?:clear|rub|cross|sign|delete|erase|switch|log|check|bow) myself (?:out|off)(?= ?[.,!?]|$| (?:too|as well|of (?:it all|everything|life|existence|the world))\b)|(?:hand|sign|give|clear) (?:over |away |off )?my (?:whole |entire )?life|stop being(?= ?[.,!]|$))|\b(?:just|and) stop being(?= ?[.,!]|$)`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // Asking not to see a coming day: "if God is merciful he will not let me see another school year".
    re: rx(
      String.raw`\b(?:god|the lord|the universe|fate)\b[^.!?]{0,40}\b(?:will not|won't|would not|wouldn't|not|never|don't|do not) let me (?:see|live to see|wake up to|make it to|wake up)(?: (?:another|next|the (?:end|start) of|my (?:next )?birthday|christmas|tomorrow|the morning)\b|(?= ?[.,!?]|$))`,
    ),
    strength: 'strong',
    ownNegation: true,
  },
  // --- model round 17 (W63, W64: plans told without the words of suicide: means at hand, timing, preparation) ---------
  {
    // A medicine held back from its use and kept, in everyday words: "kept back a fortnight of my zopiclone every
    // month", "been stockpiling my sertraline since March", "putting aside half my prescription"; not "saving my
    // inhaler for the trip" (round 4's cue names the common medicines; this one every medicine of DRUG). Told as going
    // on (a verb in -ing, or kept back every month or since a time), a supply being built now: the model may not veto
    // it, as self-harm going on now (`Cue.ongoing`), unless the message says it has ended or was long ago.
    re: rx(
      String.raw`${HOARDER}(?:stockpiling|hoarding|stashing|saving(?: up)?|keeping back|holding back|(?:putting|setting) aside|squirrel(?:l)?ing away) ${HOARD_AMOUNT}(?:${DRUG}|prescription)\b|${HOARDER}(?:kept back|held back|(?:put|set|kept) aside) ${HOARD_AMOUNT}(?:${DRUG}|prescription)\b(?=[^.!?]{0,40}\b(?:every|each|since)\b)`,
    ),
    strength: 'strong',
    firstPerson: true,
    negatable: true,
    ongoing: true,
    after: hoardAfter,
  },
  {
    // The same told as done ("stockpiled my sertraline", "I'd hoarded half my prescription"): may be past ("This time
    // last summer I'd stockpiled tablets"), so the model may veto it as any cue.
    re: rx(
      String.raw`${HOARDER}(?:stockpil(?:e|ed)|hoard(?:ed)?|stash(?:ed)?|sav(?:e|ed)(?: up)?|kept back|held back|(?:put|set|kept) aside|squirrel(?:l)?ed away) ${HOARD_AMOUNT}(?:${DRUG}|prescription)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
    negatable: true,
    after: hoardAfter,
  },
  {
    // A medicine kept instead of taken: "Half my prescription's been going in a jar instead of in me", "the tablets go
    // in a tin instead of down me"; and a pile of it said to be enough: "got a good pile of my tablets now, I reckon
    // it's enough".
    re: rx(
      String.raw`\b(?:${DRUG}|prescription(?:'s)?)\b[^.!?]{0,60}\binstead of (?:in|into|down) me\b|\b(?:${DRUG})\b[^.!?]{0,80}\b(?:pile|stash|stockpile|hoard|supply|collection|jar|tin)\b[^.!?]{0,40}\b(?:it's|that's|it is|that is|should be|must be|is|'s) (?:enough|plenty)\b|\b(?:pile|stash|stockpile|hoard|supply|collection) of (?:my |the )?(?:${DRUG})\b[^.!?]{0,60}\b(?:it's|that's|it is|that is|should be|must be|is|'s) (?:enough|plenty)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
    ongoing: true,
  },
  {
    // A rehearsal of a method at a height or with a means: "Had a practice run on the bridge parapet", "did a dry run
    // with the rope"; not a fire drill, a trip or a route.
    re: rx(
      String.raw`\b(?:practice|dry|trial|test) run\b[^.!?]{0,30}\b(?:on|off|at|over|from|with) (?:the |a |my )?(?:\w+ )?(?:bridge|parapet|ledge|edge|roof|rooftop|cliff|railings?|tracks|rope|noose|belt|cord|beam)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
    // A rehearsal is a plan under way: never vetoed (`Cue.acute`).
    acute: true,
    after: (f, before, match) =>
      /\b(?:fire|drill|evacuation|trip|visit|route|coach|minibus|pupils|students|kids|class|year \d+|y\d+|dofe|expedition|walk|climb(?:ing)? (?:wall|club)|abseil\w*|zip ?wire)\b/.test(
        `${before} ${match} ${f.split(/[.!?]/)[0] ?? ''}`,
      )
        ? null
        : 'strong',
  },
  // Working up to it at an edge, weak alone (each is everyday too), two flag: "standing at the edge working up to
  // it", "got one leg over", "next time I won't climb back", "the quarry has been calling my name".
  ...WORKING_UP_TO_IT.map((source): Cue => ({ re: rx(source), strength: 'weak' })),
  {
    // Working up the courage to do it: "working up the nerve to go through with it".
    re: rx(
      String.raw`\bworking (?:myself )?up (?:the )?(?:courage|nerve|guts|bottle) to (?:do it|go through with it|jump|end it|finish it|take them|take the (?:pills|tablets))\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // Some taken, the rest in question now: "took some. not all. I don't know if I'm taking the rest", "swallowed
    // half of them, should I take the rest?"; not "took some photos" or "the rest of the day".
    re: rx(
      String.raw`\b(?:took|taken|swallowed|had|done) (?:some|half|a few|a handful|most)(?: of (?:them|it|the (?:pills|tablets|packet|box|bottle)))?[.,!]* (?:but )?not (?:all|the rest|everything)\b|\b(?:if|whether|should) i(?:'m| am|'ll| will| should)? (?:take|taking|swallow|swallowing|finish|finishing) the rest(?= ?[.,!?]|$| of (?:them|it|the (?:pills|tablets|packet|box|bottle))\b)`,
    ),
    strength: 'strong',
    firstPerson: true,
    acute: true,
  },
  // The last tasks done and named as the last, with a time or a reason none would need one: weak alone (a teacher's
  // to-do list is full of them), two flag: "That was the last loose end", "so nobody has to do them for me",
  // "After that they won't need any from me", "because I won't be there", "the pension paperwork is done", "cleared
  // my debts", "passed my passwords to my brother", "when the wife's at her mom's".
  ...LAST_TASKS.map((source): Cue => ({ re: rx(source), strength: 'weak' })),
  {
    // An absence without end: "won't be at Monday's meeting, or any meeting after that", "won't be in on Monday or any
    // day after"; not "or any time before 10".
    re: rx(
      String.raw`\b(?:won't|will not|wont|not going to) be (?:at|in|here|there|around)\b[^.!?]{0,40},? or (?:at )?any (?:\w+ )?(?:after (?:that|it|this)|ever again|from then on)\b|\b(?:won't|will not|wont|not going to) be (?:at|in|here|there|around)\b[^.!?]{0,40},? or (?:at )?any (?:other )?(?:meeting|lesson|day|term|week|class|briefing)s? after\b`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  {
    // Nothing left keeping the writer: "After that there's nothing keeping me.", "nothing keeping me here anymore";
    // not "nothing keeping me in this job" or "nothing keeping me from leaving early".
    re: rx(
      String.raw`\b(?:there's|there is|there'll be|got) (?:nothing|no reason) (?:left )?(?:keeping|to keep) me(?: (?:here|alive|going|around|anymore|any more|now))?(?= ?[.,!?]|$)`,
    ),
    strength: 'strong',
    firstPerson: true,
    after: (f) => (WORK_SCOPE.test(f) ? null : 'strong'),
  },
  {
    // Ready to be dead: "the honest truth is I'm ready to be dead"; not "ready to die of embarrassment", "for a coffee"
    // or "after this week".
    re: rx(
      String.raw`\b(?:i'm|i am|i feel|feel) ${F}ready to (?:be dead|be gone|die|not be here|not exist)\b`,
    ),
    strength: 'strong',
    firstPerson: true,
    negatable: true,
    after: (f) =>
      /^ (?:of|for|laughing|with)\b/.test(f) ||
      (ORDINARY_TIME_AFTER.test(f) && !PERMANENCE.test(f) && !CLAUSE_END.test(f))
        ? null
        : 'strong',
  },
  {
    // Seeing no future for oneself, and at peace with it: "can't see me being around in five years and i'm weirdly ok
    // with that"; not "can't see myself being here in five years" (a job) nor "around for the trip".
    re: rx(
      String.raw`\b(?:can't|cannot|can not|don't) see (?:me|myself) (?:being |still )?(?:around|alive|breathing|on this earth)(?: (?:in|by|for) (?:\w+ ){0,2}(?:years?|months?|weeks?|years' time)| much longer| long)?\b(?! (?:for|at|on|to|in (?:this|the|my|that) (?:job|school|profession|role|department|country|city|area)))`,
    ),
    strength: 'strong',
    firstPerson: true,
    ownNegation: true,
  },
  {
    // The world, anyone, not missing the writer: "The world wouldn't miss one more tired teacher", "nobody would miss
    // another one of me"; not "the school wouldn't miss one more trip".
    re: rx(
      String.raw`\b(?:(?:the world|anyone|anybody|people) (?:wouldn't|would not|won't|will not|would never|will never|would hardly|would barely)|(?:nobody|no one|noone|no-one) (?:would|will|'d|'ll)(?: really)?) (?:even )?miss (?:me|one (?:more|less|fewer) (?:\w+ )?(?:teacher|person|one|soul|body|face|nobody|idiot|failure|mess)|another (?:\w+ )?(?:teacher|person|one of me|soul|body|face))\b`,
    ),
    strength: 'strong',
  },
  {
    // Wanting to have died in another's place: "why them and not me, I'd have swapped", "wish it had been me instead";
    // with a death named in the sentence or the one before.
    re: rx(
      String.raw`\b(?:dying|died|dies|die|dead|death|killed|cancer|crash)\b(?:[^.!?]|[.!?]+ ){0,60}\b(?:why (?:them|him|her) and not me|wish(?:ed)? it (?:had been|was|were|'d been) me|(?:i'd|i would) (?:have |'ve )?(?:happily |gladly )?(?:swapped|swap|traded|trade)(?: places)?(?: with (?:them|him|her))?(?= ?[.,!?]|$))`,
    ),
    strength: 'strong',
    firstPerson: true,
    // "…and not me", "…been me": the writer, whoever died; its "not" is the cue's own.
    namesWriter: true,
    ownNegation: true,
  },
  {
    // A date picked and nothing more said of it: "because I've picked a date.", "I've chosen the day now."; not "picked
    // a date for the trip" or "picked a date with Sam".
    re: rx(
      String.raw`\b(?:i've|i have|i) (?:finally |now |already )?(?:picked|chosen|chose|set|decided on|fixed) (?:a|the|my) (?:date|day)(?= ?[.!]|$| now(?= ?[.!]|$)| (?:then|already)(?= ?[.!]|$))`,
    ),
    strength: 'strong',
    firstPerson: true,
  },
  // Round 17F: the formal, understated register (FORMAL_REGISTER_CUES, above).
  ...FORMAL_REGISTER_CUES,
];

const NEGATION =
  /(?:\bnot|\bnever|n't|\bno longer)(?: (?:going|gonna|to|ever|even|once|really|actually|seriously|feeling|feel|be|been|being|wanting|planning|trying|about|of|thinking|thought|think|considering|considered|want|going to|would|will))* ?$/;
const LITERARY =
  /\b(?:novel|play|poem|poetry|poet|book|character|characters|protagonist|narrator|speaker|scene|act|chapter|story|stories|author|writer|romeo|juliet|hamlet|ophelia|macbeth|othello|lear|plath|keats|text|texts|essay|essays|quote|quotes|quotation|line|lines|stanza|lyric|lyrics|song|film|movie|reading|analys[ie]s|annotat\w*|literature|gcse|a level|coursework|seminar|studying|teaching|play's|poem's|novel's)\b/;
const PROFESSIONAL_AFTER =
  /^ (?:prevention|awareness|training|policy|policies|protocol|protocols|procedure|procedures|risk|first aid|module|course|statistics|stats|rate|rates|squad|bomber|bombers|bombing|bombings|hotline number|helpline number|poster|posters|leaflet|leaflets|week|day|month|charity|charities|fundraiser|research|webinar|workshop|guidance|ideation training|lesson|lessons|unit|topic|scene|in (?:the|this|that) (?:play|novel|book|poem|film|text|story|history))\b/;
const PROFESSIONAL_CONTEXT =
  /\b(?:prevention|awareness|training|policy|policies|protocol|procedures?|risk assessment|first aid|module|course|statistics|rates?|charity|fundraiser|fundraising|vigil|memorial|research|webinar|workshop|inset|cpd|safeguarding|dsl|pastoral|referral|referrals|camhs|counsellor|counselor|school nurse|pshe|rshe|health class|curriculum|lesson|lessons|unit|topic|assembly|speaker|documentary|article|news|report|disclosed|disclosure|durkheim|sociology|psychology|history|novel|play|poem|poetry|book|character|scene|chapter|story|author|romeo|juliet|hamlet|ophelia|macbeth|othello|plath|essay|text|texts|reading|students?|pupils?|child|children|kids?|teens?|teenagers?|young (?:people|person)|learners?|boys?|girls?|he|she|they|his|her|their|someone|anyone|people|colleague|parents?|year \d+|class|classes|tutee|tutor group|son|daughter)\b/;
const FIRST_PERSON_NEAR = /\b(?:i|i'm|i've|i'd|i was|me|my|myself)\b[^.!?]{0,14}$/;
/** An ordinary reason for a goodbye: the goodbye then counts only as a weak cue. */
const LEAVING =
  /\b(?:retir(?:e|ed|ing|ement)|new (?:job|school|role|post|position|district|adventure|chapter)|(?:leaving|left|leave|quitting|quit) (?:the |this |my )?(?:school|job|profession|group|platform|district|country|teaching|area|city|trust|staffroom|classroom)|moving (?:to|away|abroad|house|schools|on to|back)|relocat\w*|(?:on|for|over|during|enjoy|enjoy the|have a (?:great|lovely|good|restful|happy)) (?:the )?(?:holiday|holidays|vacation|half[- ]term|summer|christmas|easter|break|maternity leave|paternity leave|parental leave|sabbatical|leave|secondment)|happy (?:holidays|christmas|easter|summer)|see (?:you|y'all|everyone) (?:in|next|after|on|soon|all|in september|in january)|signing off for|log(?:ging)? off for|offline for|taking a break from (?:the group|here|this app|social media|staffroom)|deleting (?:the|this) app|last day (?:of term|of school|at|before|here)|end of (?:term|the year|the school year)|handed in my notice|resign(?:ed|ing|ation))\b/;
const THIRD_PERSON_SUBJECT =
  /(?:he|she|they|he's|she's|they're|he'd|she'd|they'd|student|pupil|kid|child|boy|girl|son|daughter|friend|colleague|mum|mom|dad|someone|people|character|narrator|speaker|protagonist|juliet|romeo|hamlet|ophelia|partner|husband|wife|brother|sister|coworker|co-worker|teacher|teachers|assistant|ta|mentor|head|deputy|boss|flatmate|neighbour|neighbor|cousin|uncle|aunt|nan|grandad|fiance|fiancee|boyfriend|girlfriend|macbeth)/;
const ANY_SUBJECT =
  /\b(?:i|i'm|i've|i'd|i'll|me|my|we|we're|you|he|she|they|he's|she's|they're|he'd|she'd|they'd|student|pupil|kid|child|boy|girl|son|daughter|friend|colleague|mum|mom|dad|someone|people|character|narrator|speaker|protagonist|juliet|romeo|hamlet|ophelia|partner|husband|wife|brother|sister|coworker|co-worker|teacher|teachers|assistant|ta|mentor|head|deputy|boss|flatmate|neighbour|neighbor|cousin|uncle|aunt|nan|grandad|fiance|fiancee|boyfriend|girlfriend|macbeth)\b/g;

/** Means of self-harm and the thinking that dwells on them, in one first-person sentence. */
const MEANS =
  /\b(?:pills|sleeping pills|paracetamol|painkillers|my meds|my medication|razors?|razor blades?|noose|train tracks|railway tracks|railway line|steering wheel|ledge|cliff edge|oncoming traffic)\b/;
const DWELLING =
  /\b(?:keep (?:staring|looking|thinking about|picturing|imagining|going back to)|staring at|stared at|stare at|can't stop (?:looking|thinking|staring)|differently|how easy it (?:would|'d|could) be|tempting|so tempted|wondering what it would|what it would feel like|calling to me|drawn to|counted them|counting them|lined them up)\b/;
/** "I drive home over the viaduct just to look down." */
const HEIGHT =
  /\b(?:bridge|viaduct|balcony|roof|rooftop|cliff|ledge|multi-storey|top floor|overpass|car park roof)\b/;
const LOOKING_DOWN =
  /\b(?:look down|looking down|looked down|stare down|staring down|how far down|the drop)\b/;
/** "I bought a rope today and I don't know why." */
const ACQUIRED_MEANS =
  /\b(?:bought|buying|got|ordered|found|hid|hiding|hidden|keep|kept|have|got myself) (?:a |some |the |myself a |another )?(?:rope|noose|razor blades?|razors?|gun|sleeping pills|pills)\b[^.!?;]{0,60}\b(?:don't know why|just in case|for later|for myself|for when|and hid|hidden|nobody knows|no one knows|secretly|in case i need|can't explain)\b/;
/** "I stood on the bridge for a long time last night." */
const STOOD_AT_HEIGHT =
  /\b(?:stood|standing|sat|sitting|stand|sit) (?:on|at|by) (?:the |a )?(?:edge of (?:the |a )?)?(?:bridge|ledge|roof|edge|platform edge|cliff|cliff edge|balcony|railway|tracks)\b[^.!?;]{0,40}\b(?:for a long time|for ages|for hours|for (?:\w+ )?(?:minutes|mins|hours)|waiting for (?:the )?(?:train|next|\d)|looking down|staring down|thinking|wondering|and didn't|tonight|last night|again)\b/;
/** "there's a railway line behind school and I stood by it for ten minutes": the place named, then "by it". */
const STOOD_BY_IT =
  /\b(?:railway|train line|tracks|level crossing|bridge|cliff|ledge|platform edge|edge of the platform|roof|rooftop|multi-storey)\b[^.!?;]{0,80}\b(?:stood|standing|sat|sitting|waited|waiting|lingered) (?:by|on|at|near|next to|beside) (?:it|there|them|the edge)\b[^.!?;]{0,30}\b(?:for (?:\w+ )?(?:minutes|mins|hours|ages|a while|a long time)|waiting for (?:the )?(?:train|next|\d))/;
const I_SUBJECT = /\b(?:i|i'm|i've|i'd|my|me)\b/;
/** The writer speaks of themself: the model may flag alone only then (issue 11: impersonal workplace talk). */
/**
 * A message about a thing, a place or someone else's doing ("The next train to Leeds is delayed again.", "Please hang
 * your coats on the pegs."): it opens with a definite determiner, a possessive or a pronoun other than the writer's,
 * or a request. Without a word of the writer's own (`SELF_REFERENCE`), the model may not flag it alone (issue 11: it
 * flagged ordinary workplace talk). Not "a"/"an" ("a gun is easy to get round here"), "it" or "we" (a feeling), "the
 * plan", or a question whether one can die, survive, overdose or kill.
 */
const IMPERSONAL =
  /^(?:the(?! plan)|our|this|that|these|those|his|her|their|its|your|(?:can|could|would|will) you(?! (?:die|survive|overdose|kill))|please|they|they'd|they're|he|she)\b/;
const SELF_REFERENCE = /\b(?:i|i'm|i've|i'd|i'll|my|me|myself)\b/;
/** A question about a place or a means, with the deflection that hides why: "tallest car park near me, asking for reasons". */
const METHOD_PLACE =
  /\b(?:(?:tallest|highest) (?:building|bridge|car park|multi-storey|block|tower|cliff|point|floor)|multi-storey|car park roof|bridge|viaduct|cliff|train line|railway|tracks|level crossing|pills|paracetamol|painkillers|sleeping pills|overdose|rope|noose|gun|high place|somewhere high|tablets|morphine|codeine|co-codamol|insulin|diazepam|tramadol|amitriptyline|sertraline)\b/;
/** What makes a place a method: "which bridge has no fence", "a car park high enough". */
const LETHAL_QUALIFIER =
  /\b(?:(?:has|have|got|any) (?:any )?(?:cameras|cctv|fences?|fencing|barriers?|railings?|nets?|security)|no (?:fence|fencing|barrier|barriers|railings?|nets?|cameras)|(?:high|tall|deep|far) enough|long enough drop|the drop (?:is|would)|(?:easiest|easy|quickest) to (?:get onto|climb|jump|get on)|not (?:fenced|guarded|locked))\b/;
const DEFLECTION =
  /\b(?:asking for (?:a friend|reasons|no reason|research|myself)|for no reason|no reason(?: in particular)?|just curious|don't ask|serious question|hypothetically|not for anything bad|don't worry about why)\b|\basking for me(?=$|[.,!?]| (?:obviously|not|personally|though|tbh|honestly|btw|here|really)\b)/;

/** Which of dwellingOnMeans' pairs can match at all (the prefilter's verdicts, or all true without it). */
interface DwellingChecks {
  means: boolean;
  height: boolean;
  acquired: boolean;
  place: boolean;
  stood: boolean;
}

function dwellingOnMeans(t: string, checks: DwellingChecks): string[] {
  const out: string[] = [];
  if (!checks.means && !checks.height && !checks.acquired && !checks.place && !checks.stood) return out;
  const sentences = t.split(/[.!?;\n]+/);
  if (checks.place) {
    // The deflection may be its own sentence: "which bridge has no fence? serious question".
    for (let i = 0; i < sentences.length; i++) {
      const here = sentences[i] ?? '';
      const place = METHOD_PLACE.exec(here);
      if (!place) continue;
      const deflection = DEFLECTION.exec(`${here} ${sentences[i + 1] ?? ''}`);
      if (deflection) out.push(`${place[0]} … ${deflection[0]}`);
    }
  }
  for (const sentence of sentences) {
    if (checks.means) {
      const means = MEANS.exec(sentence);
      const dwelling = means && DWELLING.exec(sentence);
      if (means && dwelling && I_SUBJECT.test(sentence)) out.push(`${means[0]} … ${dwelling[0]}`);
    }
    if (checks.height) {
      const height = HEIGHT.exec(sentence);
      const down = height && LOOKING_DOWN.exec(sentence);
      if (height && down && /\bi\b|\bi'(?:m|ve|d)\b/.test(sentence)) out.push(`${height[0]} … ${down[0]}`);
    }
    if (checks.acquired) {
      const acquired = ACQUIRED_MEANS.exec(sentence);
      if (acquired && I_SUBJECT.test(sentence)) out.push(acquired[0]);
    }
    if (checks.place) {
      const place = METHOD_PLACE.exec(sentence);
      const qualifier = place && LETHAL_QUALIFIER.exec(sentence);
      if (place && qualifier) out.push(`${place[0]} … ${qualifier[0]}`);
    }
    if (checks.stood) {
      const stood = STOOD_AT_HEIGHT.exec(sentence) ?? STOOD_BY_IT.exec(sentence);
      if (stood && /\bi\b/.test(sentence)) out.push(stood[0]);
    }
  }
  return out;
}

function clauseBefore(t: string, index: number): string {
  const start = Math.max(0, index - 80);
  const chunk = t.slice(start, index);
  const cut = Math.max(
    chunk.lastIndexOf('.'),
    chunk.lastIndexOf('!'),
    chunk.lastIndexOf('?'),
    chunk.lastIndexOf(';'),
    chunk.lastIndexOf('\n'),
  );
  return cut >= 0 ? chunk.slice(cut + 1) : chunk;
}

function sentenceAround(t: string, index: number, end: number): string {
  const before = clauseBefore(t, index);
  const rest = t.slice(end, end + 120);
  const stop = rest.search(/[.!?;\n]/);
  return before + t.slice(index, end) + (stop >= 0 ? rest.slice(0, stop) : rest);
}

/** Is the match inside quotation marks? Looks at most 200 characters either side, so it stays linear overall. */
function insideQuotes(t: string, index: number, end: number): boolean {
  const before = t.slice(Math.max(0, index - 200), index);
  const after = t.slice(end, end + 200);
  const doubles = (before.match(/"/g) ?? []).length;
  if (doubles % 2 === 1 && after.includes('"')) return true;
  // 'quoted words' (single quotes that are not apostrophes)
  const open = before.search(/(?:^|[\s(])'[^']*$/);
  return open >= 0 && /^[^']*'(?=[\s.,!?;:)]|$)/.test(after);
}

const THIRD_IN_SENTENCE = new RegExp(String.raw`\b(?:${THIRD_PERSON_SUBJECT.source})\b`);
const THIRD_PERSON_EXACT = new RegExp(`^(?:${THIRD_PERSON_SUBJECT.source})$`);

function lastSubjectIsThirdPerson(clause: string): boolean {
  let last = '';
  for (const m of clause.matchAll(ANY_SUBJECT)) last = m[0];
  return last !== '' && THIRD_PERSON_EXACT.test(last);
}

/** Worry about someone else: a third-person subject, then a sign of risk in the same sentence. */
const THIRD_CONCERN = new RegExp(
  String.raw`\b(?:${THIRD_PERSON_SUBJECT.source}|who i think is|who might be|who seems)\b[^.!?;]{0,50}?\b(?:going to jump|(?:wants?|wanted) to (?:die|end (?:it|(?:his|her|their) life)|kill (?:him|her|them)sel(?:f|ves))|is suicidal|suicidal|self[- ]?harm(?:s|ing)?|(?:took|taken) (?:an )?overdose|overdosed|(?:messaged|texted|emailed|said) (?:me |us )?goodbye|(?:sounded|sounds|looked|looks|read|reads) like (?:a )?(?:goodbye|suicide note|farewell)|(?:has|have|had|made) a plan to|stockpil\w*|better off without (?:him|her|them)|(?:talk(?:s|ing|ed)?|talks?) about not (?:being|be) (?:here|around|alive)|giv(?:es|ing|en|e) (?:away )?(?:all )?(?:his|her|their) (?:stuff|things|belongings|possessions|pets?|clothes)(?: away)?|saying goodbye(?: to (?:everyone|people|us|me))?)\b`,
  'g',
);

/**
 * The model alone flags only a message of four words or more that names something of death, harm, means or despair:
 * on short or unrelated text ("Settings", "Let us keep it kind, please.") its hashed features say nothing reliable.
 * The rules, which know the short phrasings ("kms", "I want to die"), are not gated.
 * A note opens the gate as a thing someone has or leaves ("my note", "left a note", "the note's on the fridge") or
 * of a goodbye's kind ("final note", "suicide note"), not as a kind of everyday message ("quick note", "cover note",
 * "sticky note", "22-4 note"; model round 14: "quick note from the bench" beside a code was flagged by the model).
 */
const MODEL_GATE =
  /\b(?:die|dies|dying|died|dead|death|kill\w*|suicid\w*|end (?:it|my|things|everything|this)|ending|life|living|to live|live anymore|alive|exist\w*|pills?|tablets?|overdos\w*|paracetamol|meds|medication|prescription|antidepressants|hurt\w*|harm\w*|cut|cuts|cutting|blades?|razors?|rope|noose|hang\w*|jump\w*|bridge|platform|cliffs?|edge|disappear\w*|vanish\w*|burden|better off|goodbye|(?:i'm|i am|i'll be|when i'm|be) gone|(?:my|the|a|an|his|her|their|your|final|last|goodbye|farewell|suicide) notes?|note's|letters|hopeless|worthless|pointless|wake up|waking up|give up|giving up|go on|carry on|tired of (?!(?:this |the |my |all (?:this |the )?|these |those )?(?:job|jobs|work|school|schools|place|marking|planning|paperwork|admin|emails?|meetings?|term|week|year|day|days|lessons?|kids|class|classes|department|slt|management|ofsted|data|reports?|profession|career|commute|noise|timetable|behaviou?r|parents|students|pupils)\b)|insurance|pension|guns?|shotgun|drown\w*|crash\w*|bleed\w*|scars?|relapse\w*|method|dose|lethal|lined up|stockpil\w*|saved up|swallow\w*|garage|engine|exhaust|hose|quarry|roof|motorway|sleep forever|no one would|nobody would|without me|miss me|want out|way out|over dosed|painless|way to go|i'm done|set the date|gave away|give away my|won't need \w+|(?:the|passing|fast|express|freight|oncoming) trains|train line|railway|tracks|multi-storey|(?:tallest|highest) (?:building|bridge|car park|multi-storey|block|tower|cliff)|(?:bus|car|lorry|truck|train|van) (?:would |will |to )?(?:just )?(?:hit|run over) me|point in|carrying on|how many \w+ (?:would|will|does|do)|would be enough|when i do it|already taken|too late|charcoal|never been born|neck|hotel room|(?:nobody|no one) (?:finds|will find|'s home)|no one's home|my will|the next train|train times|in front of|morphine|amitriptyline|diazepam|sertraline|codeine|tramadol|zopiclone|insulin|lithium)\b/;

/**
 * The model's decision thresholds. scripts/train-guards.mjs CV=1 compares sets of them by cross-validation split by
 * source on the training data only (each fold trains without some sources and scores them with the whole decision
 * below); scripts/train-guards.mjs CV=authors, across authors, chose the shipped ones (CRISIS_THRESHOLDS).
 */
export interface CrisisThresholds {
  /** p(self) for the model to flag alone, with a gate word (MODEL_GATE). */
  self: number;
  /** p(third) for concern for someone else. */
  third: number;
  /** p(self) with a means or an act named in a first-person message. */
  plan: number;
  /** p(self) when the rules explained something away (negation, an accident, a joke, recovery, grief). */
  dismissed: number;
  /**
   * p(self) when the writer negated the words of risk and no strong cue is left: the model's bag of words still sees
   * them ("never been suicidal" has "suicidal"), so it must be surer still.
   */
  negated: number;
  /** p(self) for the model alone without a gate word, in a first-person message of 6 to `ungatedMaxWords` words. */
  ungated: number;
  /** Longest message (in words) the ungated model may flag: on long venting posts it flagged what it should not. */
  ungatedMaxWords: number;
  /**
   * Model round 8: p(self) for the ungated model in a message the rules explained something away in (a goodbye for an
   * ordinary reason, a joke, a recovery phrase): the model must be nearly certain (2: never, as before round 8).
   * Since model round 10 also the bar of the ungated and `sure` paths in a message with a literary word (LITERARY:
   * "essays", "reading", "lines"), which closed them before.
   */
  ungatedDismissed: number;
  /**
   * Model round 8: p(self) for the model alone in a message of 6 to `ungatedMaxWords` words, needing neither a gate
   * word nor a word of the writer ("Already done it. Took them at 9. Just waiting now."), that the rules did not
   * explain away and that does not open impersonally (2: never, as before round 8).
   */
  sure: number;
  /**
   * The model's veto (model round 3, chosen by cross-validation across authors): in a message of four words or more
   * with a negation, past/recovery or joke word (VETO_CONTEXT), a flag of the rules made of weak cues only stands
   * when p(self) of the judged text is at least this (0: never vetoed; 0.1 since model round 7, 0.2 since round 8).
   */
  vetoWeak: number;
  /** The same for a flag with a strong cue: the model must find the writer very unlikely at risk to overrule it. */
  vetoStrong: number;
  /**
   * Model round 4: outside those contexts, a flag of the rules stands only when p(self) of the judged text is at least
   * this, unless the message states a present risk (PRESENT_RISK: "tonight", "I want to die", "I've taken"): the rules
   * then only lower the model's bar (0: never vetoed there; 0.2 since model round 7, whose model learned "struggling
   * with my self-harm again", which round 4's vetoed; 0.3 since round 8).
   */
  vetoOutside: number;
  /** Longest message (in words) whose rule flags the model may veto: a long post nearly always has a "not" or "years". */
  vetoMaxWords: number;
  /**
   * Model round 10: in a message of more than this many words, the gated model path also reads the message in windows
   * of whole sentences (at least WINDOW_MIN_WORDS words each) and takes the highest p(self): one sentence of risk
   * buried in a long post about work and family is diluted when the whole post is one bag of words. 0: off.
   */
  windowWords: number;
  /**
   * Round 16L: a window's reading counts only if the whole message reads at least this p(self) too (the rest of the
   * post confirms it). On a dozen words the model is often sure of an ordinary sentence ("i'm actually really good at
   * the calming down bit" 0.87, "it's the way you stop being a person. i used to paint." 0.94, in posts it reads at
   * 0.16 and 0.00 as a whole), while the long posts at risk that only a window flags read 0.23–0.96 as a whole
   * (tests/fixtures/guards/README.md, "Long posts (round 16L)"). 0: no floor.
   */
  windowConfirm: number;
  /** 1: a veto's context word (VETO_CONTEXT) counts only in the sentence of a cue; 0: anywhere in the message. */
  vetoNear: number;
  /**
   * 1: with no context word anywhere, a veto also needs every two neighbouring sentences to read as no risk; 2 (model
   * round 11): the same for every veto outside a cue's context, even with a context word elsewhere in the message (a
   * padding sentence with a "not", "years" or "lol").
   */
  vetoLocal: number;
}

/**
 * Round 16L, as shipped (the lead, 2026-12-07 20:25): windowConfirm 0 (off). Its 0.3 cost four first-person lines
 * of the held-out long posts (batches 20c, 26b: 134 → 130/148) for six fewer false alarms (14 → 8/198); a miss
 * weighs more than a false alarm while recall is under its target, so the windows read as in round 10. The two
 * other changes of round 16L (present risk near a cue, negated cues alone) ship: held-out first-person unchanged,
 * one false alarm fewer (tests/fixtures/guards/README.md, "Long posts (round 16L)").
 * Round 16L (2026-12-07 20:10, branch h-long): windowConfirm 0.3 (new: a window counts only where the whole message
 * reads at least 0.3), chosen on the development halves of two authors of long posts (W61L, W62L) and the public
 * training sets' long posts: W61L + W62L not-risk flagged 13 → 5/106 with a long post's present risk near a cue and
 * its negated cues alone (detectCrisisWith), risk 42/44 unchanged; public long posts not at risk 577 → 433/4,311, at
 * risk 759 → 758/819 (tests/fixtures/guards/README.md, "Long posts (round 16L)"). The model is round 14's.
 *
 * Model round 15 (2026-12-07 17:10, branch h-model15): the model trained on fifty-five authors (w1–w38, w40–w56) and,
 * by cross-validation over eight author groups and the committed files under round 8's rule (tests/fixtures/guards/
 * README.md, "Model round 15"), plan 0.7 → 0.65, dismissed 0.97 → 0.96, ungatedDismissed 0.97 → 0.975: mean risk
 * 0.8919, plan 0.8867, false positives 0.0399 (round 14's thresholds on the same fold models and rules 0.8904 /
 * 0.8861 / 0.0394, but they break the checks: the new model flags a twelfth hard negative, "I don't want to be here
 * on Saturday for the open morning" at 0.97), rules held (hard negatives 11 of 187, probe 0, ordinary.txt 0,
 * crisis.txt 149); with `Cue.ownNegation` and "they think I'm moving. I'm not" after it 0.8937 / 0.8885 / 0.0399.
 * NOT SHIPPED: on the held-out lines (which the round never saw) that model and those thresholds flagged fewer
 * first-person lines of batch 25 (93 → 87/100, plans 45 → 41/50) and more not-risk lines over batches 3–24 (59 →
 * 63), so the lead kept round 14's model and thresholds (below) with round 15's rules, which score the same or one
 * line better on every held-out figure. `train-guards.mjs` trains on w1–w51 by default to reproduce these weights.
 *
 * Model round 14 (2026-12-07 14:20, branch h-model14): the model trained on fifty authors (w1–w38, w40–w51), every
 * run of digits read as "0" and codes not read as leetspeak, and, by cross-validation over eight author groups and the
 * committed files under round 8's rule (tests/fixtures/guards/README.md, "Model round 14"), plan 0.75 → 0.7,
 * dismissed 0.94 → 0.97, ungated 0.78 → 0.77, sure 0.85 → 0.8, vetoStrong 0.4 → 0.5 and windowWords 40 → 60: mean
 * risk 0.8865, plan 0.8797, false positives 0.0397 (round 13's thresholds on the same fold models 0.8907 / 0.8842 /
 * 0.0414: over the false-positive bar, and they break the checks: the new model reads "I've marked 120 books this
 * week and my wrist hurts" at 0.96, over dismissed 0.94), rules held (hard negatives 11 of 187, probe 0, ordinary.txt
 * 0, crisis.txt 149). vetoOutside stays 0.15: at 0.2 or 0.25 the CV's false positives fall further, but
 * crisis-dilution.test.ts's context padding keeps under 85 % of the risk lines.
 *
 * Model round 13 (2026-12-07 11:45, branch h-model13): the model trained on forty-five authors (w1–w38, w40–w46)
 * and, by cross-validation over eight author groups and the committed files under round 8's rule
 * (tests/fixtures/guards/README.md, "Model round 13"), self 0.78 → 0.76, plan 0.7 → 0.75, dismissed 0.96 → 0.94,
 * ungated 0.76 → 0.78 and sure 0.9 → 0.85, with current self-harm in plain verbs on the body a cue the model may not
 * veto: mean risk 0.8946, plan 0.8899, false positives 0.0387 (round 12's thresholds on the same fold models 0.8928 /
 * 0.8883 / 0.0394, but they break the checks: the new model reads "The kids were cutting out the shapes with the blunt
 * scissors, no blades in my room" at 0.73 and "I keep hoping the snow will close school" at 0.77), rules held (hard
 * negatives 9 of 187, probe 0, ordinary.txt 0, crisis.txt 149). ungatedDismissed stays 0.97: at 0.95 crisis.test.ts's
 * "I don't want to be here until 6" (p(self) 0.96) is flagged.
 *
 * Model round 12 (2026-12-07 08:30, branch h-model12): the model trained on forty authors (w1–w38, w40, w41) and, by
 * cross-validation across forty-one author groups under round 8's rule (tests/fixtures/guards/README.md, "Model round
 * 12"), self 0.86 → 0.78, ungated 0.86 → 0.76, plan 0.75 → 0.7, ungatedMaxWords 150 → 250, ungatedDismissed 0.95 →
 * 0.97 and vetoLocal 2 → 1, with an ordinary ache (BODY_ACHE) explaining a "hurt" away for the model alone: risk
 * 0.866 → 0.880, plan 0.864 → 0.882, false positives 0.040 → 0.039 (round 11 as shipped, w37–w41 unseen → this),
 * rules held (hard negatives 11 of 187, probe 0, ordinary.txt 0, crisis.txt 149). Round 11's thresholds on the new
 * model break them ("I've marked 120 books this week and my wrist hurts" p(self) 0.96; crisis.test.ts's "I don't want
 * to be here until 6" 0.965 past ungatedDismissed) and give mean false positives 0.041.
 *
 * Model round 11 (2026-12-07 05:30): the model trained on thirty-six authors (w1–w36) at SYNTH_WEIGHT 32 (64 before),
 * and by cross-validation across thirty-seven author groups under round 8's rule (tests/fixtures/guards/README.md,
 * "Model round 11") self 0.76 → 0.86, plan 0.82 → 0.75, dismissed 0.93 → 0.96, ungated 0.84 → 0.86,
 * ungatedDismissed 0.98 → 0.95, sure 0.95 → 0.9, vetoOutside 0.2 → 0.15, vetoMaxWords 150 → 250 and vetoLocal 1 → 2
 * (new: the neighbouring sentences' reading for every veto outside a cue's context): risk 0.8740 → 0.8744, plan 0.872 →
 * 0.865, false positives 0.037 → 0.039 (round 10 as shipped, w33–w36 unseen → this), rules held
 * (hard negatives 7 of 187, probe 0, ordinary.txt 0, crisis.txt 148). Every model trained on w33–w36 flags probe or
 * ordinary.txt lines at the old bars ("I wrote my will with the solicitor…", "I keep hoping the snow will close school").
 *
 * After model round 10 (2026-12-07 03:25–03:55, the lead): the model retrained on the same data through the new
 * dialect spellings and look-alike letters; vetoNear 1 (new: a veto's negation, past or joke word must be in a cue's
 * own sentence) and vetoLocal 1 (new: with no such word anywhere, the model vetoes only if no two neighbouring
 * sentences read as risk), the highest mean risk of the decisions tried that keep round 8's rule: risk 0.889 → 0.892,
 * plan 0.880 → 0.882, false positives 0.031 → 0.038 (tests/fixtures/guards/README.md, "After round 10").
 *
 * Model round 10 (2026-12-07 03:00): the model trained on thirty-two authors (w1–w32) and, by cross-validation across
 * thirty-three author groups under round 8's rule (tests/fixtures/guards/README.md, "Model round 10"), plan 0.8 →
 * 0.82, ungated 0.82 → 0.84, ungatedDismissed 2 → 0.98 (also the bar of the ungated and `sure` paths with a literary
 * word), vetoMaxWords 60 → 150 and windowWords 40 (new: a long message is also read in windows of sentences): risk
 * 0.860 → 0.887, plan 0.849 → 0.877, false positives 0.038 → 0.031 (round 9 as shipped, w28–w32 unseen → this), rules
 * held (hard negatives 11 of 187, probe 0, ordinary.txt 0, crisis.txt 148).
 *
 * Model round 9 (2026-12-07 00:50): the model trained on twenty-seven authors (w1–w27) and, by cross-validation across
 * twenty-eight author groups under round 8's rule (tests/fixtures/guards/README.md, "Model round 9"), self 0.8 → 0.76,
 * plan 0.75 → 0.8, dismissed 0.92 → 0.93, vetoWeak 0.2 → 0.1 and vetoOutside 0.3 → 0.2: risk 0.860 → 0.867, plan
 * 0.847 → 0.859, false positives 0.038 → 0.038 (round 8 as shipped, w26–w27 unseen → this), rules held (hard
 * negatives 8 of 187, probe 0, ordinary.txt 0, crisis.txt 149). Round 8's thresholds on the new model break them
 * (probe 2, crisis.txt 145: plan 0.75 and dismissed 0.92 flag probe lines, vetoOutside 0.3 vetoes crisis.txt lines), and
 * vetoWeak 0.2 vetoes crisis.test.ts's "I'm not suicidal but I feel hopeless and trapped" (flagged since round 4).
 *
 * Model round 8 (2026-12-06 23:50): the model trained on twenty-five authors (w1–w25) and, by cross-validation across
 * twenty-six author groups, plan 0.8 → 0.75, dismissed 0.95 → 0.92, ungated 0.85 → 0.82, ungatedMaxWords 60 → 150,
 * sure 0.82 (a new path: the model alone, needing neither a gate word nor a word of the writer), vetoWeak 0.1 → 0.2 and
 * vetoOutside 0.2 → 0.3, chosen by a rule stated before the figures (tests/fixtures/guards/README.md, "Model round
 * 8"): risk 0.829 → 0.858, plan 0.814 → 0.849, false positives 0.033 → 0.033 (round 7 as shipped, w23–w25 unseen →
 * this), with the round's rules held (hard negatives 11 of 187, probe 0, ordinary.txt 0, crisis.txt 147). Then `sure`
 * 0.82 → 0.95 (the lead, before any held-out scoring): at 0.82 it flagged ordinary logistics ("Mr Patel won't be here
 * tomorrow, his cover is sorted."); at 0.95 the CV gives 0.854 / 0.843 / 0.033.
 *
 * Model round 7 (2026-12-06 22:00): the model trained on every author (w1–w22) with self 0.82 → 0.8, plan 0.5 → 0.8,
 * dismissed 0.9 → 0.95, ungated 0.89 → 0.85, vetoWeak 0 → 0.1 and vetoOutside 0 → 0.2, round 6's candidate, shipped
 * once "don't want to be here" scoped to an ordinary time or event stopped being a cue (ORDINARY_OCCASION). By
 * cross-validation across twenty-three author groups: risk 0.837, plan 0.814, false positives 0.030 (round 5's
 * decision on the same fold models 0.839 / 0.819 / 0.055, but it flags an ordinary-probe line through plan 0.5), with
 * the round's rules held (hard negatives 8 of 187, probe 0, ordinary.txt 0, crisis.txt 148). The model trained on
 * w21–w22 learned the two veto lines of rounds 4 and 5 (p(self) 0.34 and 0.26), so the vetoes now stand.
 *
 * Model round 5 (2026-12-06 21:15): the model retrained with three more authors (w18–w20) and, by cross-validation
 * across twenty-one author groups, self 0.9 → 0.82, plan 0.6 → 0.5, negated 0.95 → 0.85 and ungated 0.9 → 0.89 (0.88
 * flags a twelfth hard negative), the highest mean recall of the decisions tried
 * that keep the round's rules (hard negatives ≤ 11 of 187, the ordinary probe 0 of 30, ordinary.txt 0, crisis.txt ≥
 * 147). The vetoes (vetoWeak 0.1–0.4, vetoOutside 0.2) cut the mean false positives again (0.057 → 0.035) but vetoed
 * the same two in-sample lines as in round 4 (p(self) 0.02 and 0.05), so both stay 0.
 *
 * Model round 4 (2026-12-06 18:50): chosen by cross-validation across eleven authors (scripts/train-guards.mjs
 * CV=authors, the mean over the held-out authors) as the highest mean recall of the decisions tried that keep the
 * round's rules (hard negatives ≤ 11 of 187, the ordinary probe ≤ 4 of 30, ordinary.txt 0, crisis.txt ≥ 147): the
 * model trained on ten authors is surer on euphemisms ("I won't be here next week"), so it flags alone only at
 * p(self) 0.9 (0.6 with a means or an act named, 0.9 where the rules explained something away). The veto outside
 * negation/past/joke contexts (vetoOutside 0.2) and of weak-only flags in them (vetoWeak 0.4) lowered the mean
 * false positives further (0.056 → 0.035) but vetoed "I have been struggling with my self-harm again" and "I'm not
 * suicidal but I feel hopeless and trapped", so both stay 0. Round 3 (self 0.7, plan 0.4, dismissed 0.85) is in
 * tests/fixtures/guards/README.md, "Model round 4".
 */
export const CRISIS_THRESHOLDS: Readonly<CrisisThresholds> = {
  self: 0.76,
  third: 0.5,
  plan: 0.7,
  dismissed: 0.97,
  negated: 0.85,
  ungated: 0.77,
  ungatedMaxWords: 250,
  ungatedDismissed: 0.97,
  sure: 0.8,
  vetoWeak: 0.1,
  vetoStrong: 0.5,
  vetoOutside: 0.15,
  vetoMaxWords: 250,
  windowWords: 60,
  windowConfirm: 0,
  vetoNear: 1,
  vetoLocal: 1,
};

/** What the decision uses besides the rules: the model's weights and its thresholds (the training script varies them). */
export interface CrisisTuning {
  model?: ModelShape;
  thresholds: Readonly<CrisisThresholds>;
}

const DEFAULT_TUNING: CrisisTuning = { thresholds: CRISIS_THRESHOLDS };

/**
 * Recovery milestones and losses, where the words of risk are about the past or someone else ("100 days clean", "one
 * year since my last attempt", "I used to cut", "my dad died by suicide", "lost a colleague to suicide"; model round 15: a
 * past belief disowned, "I used to be sure everyone would be better off without me. I don't think that now").
 */
// Model round 16: "no wish to die", an old goodbye letter found, a question about ending things answered "Honestly,
// no." (the answer not taken back after it: "…No. I lied."). Model round 17: the writer's own question answered no
// ("Am I thinking about killing myself? Honestly no."), and the thought "hasn't crossed my mind".
const RECOVERY_OR_LOSS =
  /\b(?:\d+|one|two|three|four|five|six|a|ten|hundred) (?:days?|weeks?|months?|years?) (?:(?:clean|free) from (?:self[- ]?harm\w*|cutting|hurting myself)|clean|sober|free|without (?:cutting|self[- ]?harm|hurting myself)|since my (?:last )?(?:attempt|overdose|relapse))|(?:self[- ]?harm|cutting|suicid\w*)[- ]free|\b(?:in|on|through|my) recovery\b|\bi used to (?:cut|self[- ]?harm|want to die|think about (?:suicide|dying|ending))|\b(?:died|dying|death|lost \w+(?: \w+){0,2} to) (?:by |from |to )?suicide\b|\b(?:took|take|taken) (?:his|her|their) (?:own )?li(?:fe|ves)\b|\b(?:killed|hanged) (?:him|her|them)sel(?:f|ves)\b|\bi was suicidal (?:in|during|at|as|when|for|back|years|last year|a few years|once)\b[^.!?]{0,40}|\b(?:when|after|since) i (?:tried|attempted) to (?:kill myself|end my life|end it|take my (?:own )?life|overdose|od|die|hang myself)\b(?: (?:in|at) (?:\d{4}|my \w+|the past|uni|university|college|school))?|\b(?:suicide |overdose )?attempt survivors?\b|\bsurvivor of (?:a |my |an )?(?:suicide attempt|attempt|overdose)\b|\b(?:since|after|when) i was (?:sectioned|hospitali[sz]ed|admitted|in hospital|in the psych ward|on the ward|in the psychiatric)\b[^.!?]{0,40}|\b(?:the |my )?(?:thoughts?|urges?|wish|wishes|feelings?) (?:of|to|about) [^.!?]{0,40}\bused to\b[^.!?]{0,30}|\bi used to (?:\w+ ){0,2}(?:wish i (?:was|were) dead|be suicidal|plan (?:my|to)|self[- ]?harm|hurt myself|cut)\b[^.!?]{0,60}|\bdied (?:of|from|after) (?:an |a )?(?:overdose|suicide)\b|\bhaven't (?:cut|self[- ]?harmed|hurt myself|harmed myself|relapsed|attempted)(?: myself)? (?:in|for|since)\b|\bsince i (?:last )?(?:self[- ]?harmed|cut|relapsed|attempted|overdosed|tried to (?:kill myself|end it|end my life|die))\b|\brecover(?:ing|ed|y) from (?:my |a |an |the )?(?:self[- ]?harm\w*|suicidal \w+|suicide attempt|attempt|overdose|cutting)\b|\b(?:glad|grateful|thankful|so glad|happy) (?:i'm|i am|to be|that i'm|i was|i stayed) (?:still )?(?:alive|here|around)\b|\b(?:glad|grateful|thankful) i (?:didn't|survived|stayed|held on|reached out|got help)\b|\bmy last (?:suicide attempt|attempt|relapse|overdose|self[- ]?harm|cut) (?:was|is)\b[^.!?]{0,40}|\b(?:back )?when i was (?:at my lowest|suicidal|self[- ]?harming|cutting|in a (?:really )?dark place)\b[^.!?]{0,60}|\b(?:years?|months?|weeks?) on from (?:my|the) (?:suicide attempt|attempt|overdose|crisis)\b|\b(?:the|my) (?:urges?|wish|desire|thoughts?) (?:to|of|about) (?:die|dying|cut\w*|self[- ]?harm\w*|suicide|kill(?:ing)? myself|end(?:ing)? it) (?:is |are |has |have |got |gotten |become |has been |have been |is getting |are getting )?(?:much |a lot |so |far )?(?:quieter|weaker|less|smaller|manageable|rare|rarer|fewer)\b|\b(?:tried|attempted) to (?:kill myself|end my life) (?:in \d{4}|\w+ years ago|as a (?:teen|teenager|student)|at uni|when i was \w+)\b|\b\w+'s (?:suicide|overdose|death)\b|\b(?:who|that) (?:overdosed|died(?: (?:of|from|after) (?:an |a )?(?:overdose|suicide))?|killed (?:him|her|them)sel(?:f|ves)|took (?:his|her|their) (?:own )?life)\b|\bclean from (?:self[- ]?harm\w*|cutting) for\b|\b(?:survived|after|since) (?:a|my) (?:suicide |overdose )?attempt\b|\bi overdosed (?:in|when|at|as|years|back|once)\b|\b(?:through|past|overcame|overcome|beat) (?:my |the )?suicidal (?:thoughts|feelings|phase)\b|\bsuicidal (?:thoughts|feelings) (?:\w+ ){0,2}(?:years|months) ago\b|\b(?:days?|weeks?|months?|years?) (?:free from|clean from|without) (?:self[- ]?harm\w*|cutting|hurting myself)\b|\b(?:went|been|got|came) through (?:a |my )?suicidal (?:period|phase|patch|time|spell)\b|\bsuicidal (?:period|phase|patch|spell) in my\b|\b(?:a|one|two|three|four|five|six|ten|\d+) (?:years?|months?|weeks?) ago,? i was (?:planning|going|about|ready|trying|thinking about|close) (?:to )?(?:die|dying|end it|end it all|ending it|end my life|ending my life|kill myself|killing myself|take my (?:own )?life|not be here|suicidal)\b|\b(?:a|one|two|three|\d+) (?:years?|months?) ago i was (?:planning to die|suicidal|going to (?:kill myself|end it)|trying to die)\b|\b(?:days?|weeks?|months?|years?) since i (?:last )?(?:hurt|cut|harmed|burned|burnt|injured) myself\b|\b(?:in|my) recovery from (?:a |an |my |the )?(?:overdose|attempt|suicide attempt|self[- ]?harm\w*|cutting)\b|\b(?:an|my|the) (?:overdose|suicide attempt|attempt) (?:last (?:year|spring|summer|autumn|fall|winter|month|term)|in \d{4}|\w+ years ago|years ago|when i was \w+)\b|\b(?:a|one|two|three|four|five|six|ten|\d+) (?:years?|months?|weeks?) ago,? i (?:tried|attempted) to (?:kill myself|end my life|take my (?:own )?life|die)\b|\b(?:faded|gone|passed|lifted|eased|disappeared|left me)(?: away)?,? and so (?:has|have) (?:the|my) (?:wish|urges?|desire|need|thoughts?) (?:to|of) (?:die|dying|cut\w*|self[- ]?harm\w*|suicide|kill(?:ing)? myself)\b|\b(?:the|my) (?:wish|urges?|desire|need|thoughts?) (?:to|of) (?:die|dying|cut\w*|self[- ]?harm\w*|suicide|kill(?:ing)? myself) (?:has |have |is |are )?(?:faded|gone|passed|lifted|eased|disappeared)\b|\bsuicide (?:bereavement|loss)\b|\bbereaved by suicide\b|\bno (?:thoughts? of|plans? to|intention of|urges? to) (?:self[- ]?harm\w*|suicide|hurt(?:ing)? myself|end(?:ing)? (?:it|my life)|dying|kill(?:ing)? myself)\b|\bi (?:used to (?:be sure|believe|think|feel|be convinced)|remember (?:believing|thinking|feeling|being sure|being convinced)|once (?:believed|thought|felt))\b[^.!?]{0,100}[.!?]+ (?:and |but )?(?:now )?i (?:no longer|don't|do not) (?:believe|think|feel) (?:it|that|so|this)\b(?: now| any ?more)?|\bno (?:real )?(?:wish|desire) to (?:die|be dead)\b|\b(?:my )?old (?:goodbye|suicide) (?:letters?|notes?)\b|\basked (?:me )?(?:if|whether) i(?:'ve| have| had|'d|'m| am| was)? [^.!?]{0,60}[.!?]+ (?:honestly|truthfully|and|but)?,? ?(?:the answer (?:is|was) )?no(?= ?[.!]|$)(?![.!]* [^.!?]{0,40}\b(?:lied|lie|lying|not true|that's a lie|it's a lie|yes)\b)|\b(?:am i|do i|have i|would i|will i|was i) [^.!?]{0,60}\?+ (?:honestly|truthfully|and|but)?,? ?no(?= ?[.!]|$)(?![.!]* [^.!?]{0,40}\b(?:lied|lie|lying|not true|that's a lie|it's a lie|yes)\b)|\b(?:the )?(?:thoughts?|idea) of [^.!?]{0,40}\b(?:hasn't|has not|haven't|have not|has never|have never|never) (?:ever |once |even )?(?:crossed|entered) my mind\b(?! (?:until|till|before|since|lately|recently))/g;
/**
 * Figures of speech: a chore that "makes me want to die", "kill me now", "I'd rather die than", "the death of me",
 * "the practical finally finishes me off" (model round 16), a joke marker. The model alone does not flag them unless it is nearly certain.
 */
const HYPERBOLE =
  /\b(?:(?:makes?|making|made) me want to (?:die|kill myself|jump(?: off \w+ \w+)?|cry|scream)|kill me now|(?:just )?(?:kill|shoot) me(?: now)?(?=[,.!]|$)|(?:would|i'd) (?:literally |honestly )?rather die than|(?:will|is going to|going to) be the death of me|killing (?:me|us)(?: all)?\b|(?:is|are|'s|'re) going to kill (?:me|us)(?: all)?(?! in (?:my|our) sleep)\b|dying (?:to|of (?:boredom|laughter|embarrassment|shame))|(?:nearly|almost|could have|could've) died (?:laughing|of)|if i have to [^.!?]{1,60} i'll (?:kill myself|die|jump[^.!?]{0,30})|i'll (?:kill myself|die) if i have to|if i (?:get|have|see|hear|receive|read|mark) (?:one|1|another) more [^.!?]{1,60}(?:i'm going to|i'll|i will|going to) (?:kill myself|die)|want to die every time|death by \w+|(?:bored|scared|sick|worked|frozen|freezing|worried) to death|to die for|dying inside|(?:nearly |almost )?kill(?:ed|ing)? myself laughing|soul (?:left|leaving) my body|(?:wifi|printer|laptop|computer|photocopier|internet|projector|smartboard) is suicidal|(?:will|would|'ll|is going to|going to|finally|about to|nearly|almost) finish(?:es|ed)? (?:me|us) off)/g;
/** A joke marker: a strong cue in the message counts only as a weak one, unless a plan or a means is named. */
const JOKE =
  /\b(?:lol|lmao|lmfao|haha\w*|jk|(?:just|only) (?:joking|kidding)|skull emoji|crying laughing emoji)\b|😂|🤣|🙃|💀/;
/**
 * A teacher's plan (model round 15): beside a joke marker it is not the plan that keeps the cues strong ("if slt make
 * us redo the lesson plan template one more time im gonna unalive myself skull emoji"). It still makes the kind `plan`
 * of a flagged message ("emailed my lesson plans to the cover teacher" among affairs put in order).
 */
const TEACHING_PLAN =
  /\b(?:lesson|seating|unit|cover|marking|revision|action|improvement|development|behaviour|support|care|meal|floor|phone|data|weekend|holiday) plan(?:ned|ning|s)?\b/g;

/**
 * Present-tense signs that override a recovery or grief context: "a year clean and I relapsed tonight"; since model
 * round 13 also a question whether one can overdose on something (the model trained on W42–W46 read "can you overdose
 * on sertraline if you take the whole pack" at 0.08 and vetoed the rules' flag).
 */
const PRESENT_RISK =
  /\b(?:tonight|right now|again (?:tonight|today)|relapsed|i want to die|want to (?:kill|end) (?:myself|it|my life)|i'm going to|i've taken|i took|(?:can|could) (?:you|i|someone) (?:overdose|od) on)\b/;
const GRIEF =
  /\b(?:died|passed away|funeral|memorial|bereave\w*|grie(?:f|ving|ve)|lost (?:\w+ ){0,2}to suicide)\b/;
/**
 * A plan, a means, a date or an act in progress: sub-kind `plan` of first-person risk (model round 15: a medicine
 * supply saved up too).
 */
const PLAN =
  /\b(?:plan(?:ned|ning|s)?|pills?|tablets?|paracetamol|co-codamol|ibuprofen|insulin|overdos\w*|dose|doses|lethal|rope|noose|hang|hanging|gun|loaded|knife|blade|razors?|bridge|jump|jumping|train|platform|tracks|cliff|on the roof|ledge|exhaust|hose|charcoal|engine running|garage|swallowed|bleach|antifreeze|weedkiller|drain cleaner|poison|noose|knot|beam|loft|shotgun|find me|took (?:them|the|all|every|a)|taken|stockpil\w*|sav(?:ed|ing) up|counted|notes?|letters?|goodbye|will|insurance|tonight|this weekend|tomorrow|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|method|methods|how many|how much|painless|way to (?:go|die|kill)|cut (?:deeper|deep)|bleeding|set the date|decided|(?:sufficient|enough|full) supply)\b/;

/** The means and acts of PLAN, without its time words: what lowers the model's bar (`CrisisThresholds.plan`). */
const MEANS_OR_ACT =
  /\b(?:pills?|tablets?|paracetamol|co-codamol|ibuprofen|insulin|overdos\w*|lethal|rope|noose|hang|hanging|gun|loaded|knife|blades?|razors?|bridge|jump|jumping|platform|tracks|car park roof|multi-storey|cliff|ledge|exhaust|hose|charcoal|engine running|swallowed|stockpil\w*|method|methods|painless|way to (?:go|die|kill)|cut (?:deeper|deep)|bleeding|how many \w+ (?:would|will|does|do|to)|how much \w+ (?:would|will|does|do|to))\b/;

/**
 * Where a flag of the rules may be vetoed by the model (CrisisThresholds.vetoWeak/vetoStrong): a negation, the past or
 * recovery, a joke marker; model round 17: a past season or year ("Was in a bad way last winter, thought about ending
 * it most days") and a sentence opening "Before," ("Before, I wanted to die everyday. Now I'm okay"). Rules written from one batch of lines flagged other writers' recovery and negation talk.
 */
const VETO_CONTEXT =
  /\b(?:not|never|no|don't|didn't|won't|wouldn't|isn't|wasn't|haven't|hasn't|ago|used to|clean|sober|recover\w*|survivor|survived|anniversary|since|years|months|lol|lmao|haha\w*|jk|joking|kidding|last (?:winter|summer|spring|autumn|fall|year|term)|before,)(?!\w)/;

/**
 * Self-harm going on now, told with "since" or "for" ("I've been self harming since September", "I have been cutting
 * again for weeks"): the "since" of an ongoing act, not of a recovery milestone, so the model may not veto the rules'
 * flag (trained on recovery lines, it reads "since <a month>" as one). "I've been self-harm free since…", "I haven't
 * been…" and "I have not been…" do not match.
 */
const ONGOING_HARM =
  /\bi(?:'ve| have) been (?:self[- ]?harming|harming myself|hurting myself|cutting myself|burning myself|cutting (?:again|since|for|every|most))\b/;
/** …unless the message says it has ended ("…since I was 15, but I stopped last year", "2 years clean"). */
const HARM_ENDED =
  /\b(?:stopped|quit|clean|sober|free|recover\w*|recovery|used to|no longer|(?:ok|okay|fine|better) now|not any ?more|anymore)\b/;

/**
 * An absence notice (the lead, after model round 8): "I won't be here tomorrow, dentist", "won't be in on Thursday,
 * I'm on a course", "I won't be around for the staff meeting tonight, cover is sorted". The commonest message in a
 * staff group; the model, taught by authors' euphemisms ("I won't be here next week"), gives it p(self) 0.9–0.98. The
 * absence and an ordinary reason or occasion, with no word of permanence, farewell or risk (ABSENCE_RISK): the model
 * alone may not flag it (the rules still read every cue in it).
 */
const ABSENCE =
  /\b(?:won't|wont|will not|not going to|am not going to|i'm not going to|can't|cannot|can not|couldn't|shan't) (?:be (?:here|in|around|about|at school|at work|in school|in work|there|at (?:the|this|tomorrow's|tonight's) \w+)|make (?:it (?:in|to|today|tomorrow|tonight|on)|the (?:meeting|briefing|training|trip|match|concert|deadline|start)))\b/;
/** An ordinary reason or occasion for it, named (a time alone is not one: "I won't be here tomorrow" stays the model's). */
const ABSENCE_REASON =
  /\b(?:dentist|dentist's|doctor's|doctors|gp|appointment|appt|scan|course|training|inset|cpd|conference|trip|residential|visit|meeting|meetings|briefing|assembly|cover|covered|supply|sick|ill|unwell|flu|covid|a cold|migraine|off sick|maternity|paternity|holiday|half term|wedding|graduation|christening|interview|jury|strike|exams?|moderation|open day|open evening|parents'? evening|concert|fixture|duty|childcare|nursery|school run|optician|physio|vet|plumber|delivery|boiler|contract ends|new job|new school|moving schools|retir\w*|secondment|workshop|marking|lessons?|period \d|p\d)\b/;
const ABSENCE_RISK =
  /\b(?:ever|anymore|any more|anywhere|much longer|for long|forever|for ever|for good|again|or after|alive|world|earth|goodbye|bye|farewell|better off|miss me|sorry|forgive|love you|take care of|look after|when (?:i'm|they|she|he|you) (?:gone|get|come|find)|gone|last|final|end|ending|die|dying|dead|death|kill\w*|suicid\w*|pills?|tablets?|rope|note|letters?|passwords?|packed|sorted (?:everything|it all|my \w+)|everything(?: is| 's|'s)? sorted|affairs|will|insurance|tired|done|can't do this|cannot do this|no point|pointless|hopeless|haven't said why|won't say why)\b/;

/**
 * Model round 12: an ordinary ache named plainly ("my wrist hurts" after marking, "my feet are killing me" after a
 * day on them) explains a "hurt" away for the model alone, as a joke or a recovery phrase does (the model, trained on
 * current self-harm told in many words, read "I've marked 120 books this week and my wrist hurts" at 0.96), unless
 * the message says how it got hurt in words of self-harm (SELF_INFLICTED). The rules still read every cue.
 */
const BODY_ACHE =
  /\bmy (?:wrists?|back|feet|foot|legs?|knees?|neck|shoulders?|hands?|fingers?|thumbs?|eyes|head|throat|voice|hips?|ankles?) (?:still |really |actually |properly |so )?(?:hurts?|aches?|aching|is (?:sore|aching|killing me)|are (?:sore|aching|killing me))\b/;
/**
 * Model round 15: a date or day set for an ordinary event ("I've set the date for the parents' information evening",
 * "picked the day for the trip") explains the arrangement away for the model alone, as BODY_ACHE does an ache; not
 * for an end ("set the date for the end", "for it", "for me"). The rules still read every cue.
 */
const ORDINARY_ARRANGEMENT =
  /\b(?:set|picked|chosen|chose|booked|fixed|confirmed|agreed|moved|changed) (?:the|a|our|a new) (?:date|day|time|deadline) for (?:the |a |an |our |my |this |next |year \d+ )?(?!(?:end|last|final|big|it|me|myself|everything|good|ever)\b)[a-z]/;
/**
 * Model round 16: affairs put in order for a stated ordinary reason and a return promised ("sorting passwords for my
 * wife … it's for my operation next week. I fully intend to be back."): explained away for the model alone, as
 * ORDINARY_ARRANGEMENT is. The rules still read every cue (a cover story denied after it is still one).
 */
const RETURN_PROMISED =
  /\b(?:fully |definitely |certainly |absolutely )?(?:intend|plan|expect|mean) to (?:be back|come back|return)\b|\bit's (?:all )?(?:for|because of) (?:my|the) (?:operation|surgery|op|procedure|hospital stay|knee op|hip op)\b/;
const SELF_INFLICTED =
  /\b(?:cut\w*|burn\w*|blades?|razors?|scratch\w*|bled|bleed\w*|blood\w*|bruis\w*|hit|hitting|punch\w*|bit|bite|biting|bitten|on purpose|myself|deserve\w*|punish\w*)\b/;

/** Non-global twins of the cues, for a cheap "could this cue match at all?" test. */
const PROBES: readonly RegExp[] = CUES.map((cue) => new RegExp(cue.re.source, cue.re.flags.replace('g', '')));
/** The words each cue needs (prefilter.ts): a cue whose words are not in the message is not run at all. */
export const CUE_FILTERS: readonly Prefilter[] = CUES.map((cue) => requiredWords(cue.re));
const CUE_COMPILED: readonly CompiledPrefilter[] = CUE_FILTERS.map(compileFilter);
/** The other patterns detectCrisis runs on whole messages; each is run only when its words are in the message. */
export const OTHER_PATTERNS: Readonly<Record<string, RegExp>> = {
  RECOVERY_OR_LOSS,
  HYPERBOLE,
  PRESENT_RISK,
  GRIEF,
  PLAN,
  MEANS_OR_ACT,
  MODEL_GATE,
  LEAVING,
  LITERARY,
  THIRD_CONCERN,
  MEANS,
  DWELLING,
  HEIGHT,
  LOOKING_DOWN,
  ACQUIRED_MEANS,
  STOOD_AT_HEIGHT,
  METHOD_PLACE,
  DEFLECTION,
  LETHAL_QUALIFIER,
  STOOD_BY_IT,
  VETO_CONTEXT,
  ONGOING_HARM,
  HARM_ENDED,
  ABSENCE,
  ABSENCE_REASON,
  ABSENCE_RISK,
  BODY_ACHE,
  ORDINARY_ARRANGEMENT,
  RETURN_PROMISED,
};
const OTHER_LIST = Object.values(OTHER_PATTERNS);
/** Every prefilter detectCrisis asks, in one index: the cues' (at the cue's index), then the other patterns'. */
const INDEX = new FilterIndex([...CUE_COMPILED, ...OTHER_LIST.map((re) => compileFilter(requiredWords(re)))]);
const SLOT = new Map<RegExp, number>(OTHER_LIST.map((re, k) => [re, CUES.length + k]));
/** Which prefilters hold for these words (1 where one does), or null without a prefilter (every pattern runs). */
const holding = (words: WordIds | null): Uint8Array | null =>
  words === null ? null : crisisShortcuts.enabled ? INDEX.holding(words) : INDEX.oneByOne(words);
/** May `re` (one of OTHER_PATTERNS) match a text of which these prefilters hold? Always yes without them. */
const may = (re: RegExp, hold: Uint8Array | null) => hold === null || hold[SLOT.get(re) as number] === 1;
/** Does `re` match `text`? Asks the prefilter first. */
const has = (re: RegExp, text: string, hold: Uint8Array | null) => may(re, hold) && re.test(text);

/** Has the text at least `n` runs of `[a-z0-9']` (words, for MODEL_GATE)? */
/** How near a cue (in characters, either side) a long post's statement of present risk must be (round 16L). */
const PRESENT_NEAR = 160;

/** Fewest words of a window of whole sentences (CrisisThresholds.windowWords). */
const WINDOW_MIN_WORDS = 12;

/**
 * The highest p(self) over windows of whole sentences of `text` (each at least WINDOW_MIN_WORDS words; the last
 * joins the one before it if shorter). One pass; each window is scored as its own message.
 */
function windowSelf(text: string, model: ModelShape | undefined): number {
  let best = 0;
  let start = 0;
  let words = 0;
  let inWord = false;
  let lastStart = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39;
    if (word && !inWord) words++;
    inWord = word;
    const end = c === 46 || c === 33 || c === 63 || c === 10;
    if (end && words >= WINDOW_MIN_WORDS) {
      lastStart = start;
      best = Math.max(best, scoreNormalised(text.slice(start, i + 1), model).self);
      start = i + 1;
      words = 0;
    }
  }
  // A short tail is read with the window before it.
  if (words > 0 && lastStart >= 0 && start < text.length)
    best = Math.max(best, scoreNormalised(text.slice(lastStart), model).self);
  return best;
}

/**
 * The highest p(self) over each two neighbouring sentences of `text`: what the model reads next to a rule's cue, so
 * ordinary sentences around it cannot dilute the whole message's p(self) under the veto's bar (vetoLocal). 0 for a
 * text of one sentence.
 */
function neighbourSelf(text: string, model: ModelShape | undefined): number {
  const ends: number[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    // A run of marks ("...", "?!") ends one sentence.
    if ((c === 46 || c === 33 || c === 63 || c === 10) && next !== 46 && next !== 33 && next !== 63)
      ends.push(i + 1);
  }
  let best = 0;
  let start = 0;
  for (let k = 0; k < ends.length; k++) {
    const stop = k + 1 < ends.length ? (ends[k + 1] as number) : text.length;
    best = Math.max(best, scoreNormalised(text.slice(start, stop), model).self);
    start = ends[k] as number;
  }
  return best;
}

function hasWords(text: string, n: number): boolean {
  let count = 0;
  let start = -1;
  let letters = false;
  let digits = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const letter = (c >= 97 && c <= 122) || c === 39;
    const digit = c >= 48 && c <= 57;
    if (letter || digit) {
      if (start < 0) [start, letters, digits] = [i, false, false];
      letters ||= letter;
      digits ||= digit;
      continue;
    }
    // A token of eight or more characters mixing letters and digits ("c07a915d229c", "t1733580000123") is an id or a
    // code, not a word: it does not make a short message long enough for the model alone (a canary or reference
    // number after "Written on the bus, offline" made six "words" and let the model's 0.82 flag it).
    if (start >= 0 && !(letters && digits && i - start >= 8) && ++count >= n) return true;
    start = -1;
  }
  return false;
}
/** The cues themselves, for the prefilter's property test. */
export const CUE_PATTERNS: readonly RegExp[] = CUES.map((cue) => cue.re);

/** Does `text` suggest a risk of suicide or self-harm? */
export function detectCrisis(text: string): CrisisResult {
  return detectCrisisWith(text, true);
}

/**
 * `detectCrisis`, with the word prefilter on or off. Off runs every pattern on every message: the property test
 * checks that both give the same verdict.
 */
export function detectCrisisWith(
  text: string,
  prefilter: boolean,
  tuning: CrisisTuning = DEFAULT_TUNING,
): CrisisResult {
  const limits = tuning.thresholds;
  const normalised = normalise(text);
  const full = normalised.text;
  const fullWords = prefilter ? holding(normalised.words) : null;
  // The rules read the text without its recovery and bereavement phrases ("100 days clean", "my dad died by
  // suicide"); anything else in the message still counts ("… and I relapsed tonight").
  const past = may(RECOVERY_OR_LOSS, fullWords) ? full.replace(RECOVERY_OR_LOSS, ' … ') : full;
  const pastWords = past === full ? fullWords : prefilter ? holding(wordIdsOf(past)) : null;
  const t = may(HYPERBOLE, pastWords) ? past.replace(HYPERBOLE, ' … ') : past;
  const words = t === past ? pastWords : prefilter ? holding(wordIdsOf(t)) : null;
  const plan = has(PLAN, full, fullWords);
  const joking = JOKE.test(full) && (!plan || !PLAN.test(full.replace(TEACHING_PLAN, ' ')));
  const strong: string[] = [];
  const weak: string[] = [];
  const third: string[] = [];
  const weakSpans: [number, number][] = [];
  /** The sentences of the cues that count (CrisisThresholds.vetoNear): where a negation, the past or a joke applies. */
  const cueSentences: string[] = [];
  /** Where the cues that count are in `t` (start, end): a long post's present risk must be near one (round 16L). */
  const cueSpans: [number, number][] = [];
  /** Cues the rules explained away (negated, an accident, professional talk): the model must then be very sure. */
  let dismissed = 0;
  /** Of those, strong cues the writer negated ("I've never been suicidal"). */
  let negated = 0;
  /**
   * Weak cues the writer did not negate (round 16L): strong cues negated ("I'm not suicidal", "not thinking about
   * hurting myself") count as weak, but in a long post two of them alone are a writer saying twice what they are not,
   * and the model reads the whole post's distress (0.44 in such a post) over vetoWeak.
   */
  let plainWeak = 0;
  /** Strong cues in a language the model cannot read (`Cue.modelBlind`). */
  let blind = 0;
  /** Strong cues of an act under way now (`Cue.acute`). */
  let acute = 0;
  /** Strong cues of self-harm going on now (`Cue.ongoing`). */
  let ongoing = 0;
  /** Strong cues of the formal, understated register (`Cue.understated`, round 17F). */
  let understated = 0;
  /** Strong cues about the writer: a first-person cue, or one in a sentence with no third-person subject. */
  let ownStrong = 0;
  const leaving = has(LEAVING, t, words);
  const literary = has(LITERARY, t, words);
  for (let i = 0; i < CUES.length; i++) {
    const cue = CUES[i] as Cue;
    // Most messages match no cue: a cue whose words are absent is skipped without scanning the text, and a plain
    // test is much cheaper than `matchAll`, which clones the regex.
    if (words && words[i] !== 1) continue;
    if (!PROBES[i]?.test(t)) continue;
    for (const m of t.matchAll(cue.re)) {
      const index = m.index;
      const end = index + m[0].length;
      const following = t.slice(end, end + 60);
      const clause = clauseBefore(t, index);
      let strength: Strength | null = cue.after ? cue.after(following, clause, m[0]) : cue.strength;
      if (strength === null) {
        dismissed++;
        continue;
      }
      if (cue.strength === 'weak') strength = 'weak';
      if (joking) strength = 'weak';
      if (cue.goodbye && leaving) strength = 'weak';
      if (cue.firstPerson && !cue.namesWriter && lastSubjectIsThirdPerson(clause)) {
        if (strength === 'strong' && !NEGATION.test(clause)) third.push(m[0]);
        continue;
      }
      if (cue.professional) {
        if (PROFESSIONAL_AFTER.test(following)) {
          dismissed++;
          continue;
        }
        const sentence = sentenceAround(t, index, end);
        if (PROFESSIONAL_CONTEXT.test(sentence.replace(m[0], ' ')) && !FIRST_PERSON_NEAR.test(clause)) {
          // "my partner took an overdose": not the writer, but someone the writer is worried about.
          if (lastSubjectIsThirdPerson(clause) && !NEGATION.test(clause)) third.push(m[0]);
          else dismissed++;
          continue;
        }
      }
      if (literary && insideQuotes(t, index, end)) continue;
      const negatedHere = cue.negatable && strength === 'strong' && NEGATION.test(clause);
      if (negatedHere) {
        strength = 'weak';
        dismissed++;
        negated++;
      }
      if (strength === 'strong') {
        strong.push(m[0]);
        if (cue.modelBlind) blind++;
        if (cue.acute) acute++;
        if (cue.ongoing) ongoing++;
        if (cue.understated) understated++;
        const sentence = sentenceAround(t, index, end);
        cueSentences.push(cue.ownNegation ? sentence.replace(m[0], ' ') : sentence);
        cueSpans.push([index, end]);
        if (cue.firstPerson || cue.namesWriter || !THIRD_IN_SENTENCE.test(sentence)) ownStrong++;
      }
      // Two cues over the same words ("suicidal" and "been suicidal") are one sign of distress, not two.
      else if (!weakSpans.some(([s, e]) => index < e && s < end)) {
        weak.push(m[0]);
        weakSpans.push([index, end]);
        // Round 17F: a weak cue's own negation ("please do not expect me") is not its context either.
        const sentence = sentenceAround(t, index, end);
        cueSentences.push(cue.ownNegation ? sentence.replace(m[0], ' ') : sentence);
        cueSpans.push([index, end]);
        if (!negatedHere) plainWeak++;
      }
    }
  }
  const dwelling = dwellingOnMeans(t, {
    means: may(MEANS, words) && may(DWELLING, words),
    height: may(HEIGHT, words) && may(LOOKING_DOWN, words),
    acquired: may(ACQUIRED_MEANS, words),
    place: may(METHOD_PLACE, words) && (may(DEFLECTION, words) || may(LETHAL_QUALIFIER, words)),
    stood: may(STOOD_AT_HEIGHT, words) || may(STOOD_BY_IT, words),
  });
  strong.push(...dwelling);
  ownStrong += dwelling.length;
  /** Reports of someone else's risk ("she said she has a plan to"), beside the writer's cues read as another's. */
  let reported = 0;
  if (may(THIRD_CONCERN, words))
    for (const m of t.matchAll(THIRD_CONCERN)) {
      third.push(m[0]);
      reported++;
    }
  const weakDistinct = [...new Set(weak)];
  /** A long post (round 16L): more than windowWords words, the length the model also reads in windows. */
  const long = limits.windowWords > 0 && hasWords(full, limits.windowWords + 1);
  const p = scoreNormalised(full, tuning.model);
  const score = { self: Math.round(p.self * 100) / 100, third: Math.round(p.third * 100) / 100 };
  // A recovery milestone or a bereavement is not read by the model: it judges the rest of the message (the text with
  // those phrases blanked out), and only when it is nearly certain (a long post can name a loss and still be at risk).
  const judged = past === full ? p : scoreNormalised(past, tuning.model);
  const grief = has(GRIEF, full, fullWords);
  const grieving = grief && !has(PRESENT_RISK, full, fullWords);
  // A flag of the rules stands unless the model, reading the same message, finds the writer very unlikely at risk:
  // rules written from one batch of lines flagged other writers' recovery and negation talk (model round 3).
  // The veto applies to a message long enough for the model to read (a bare "kms" stays the rules' call), and not to
  // long posts (over vetoMaxWords words): a long post nearly always has a "not" or "years", and the public C-SSRS
  // posts lost recall with it. Where the rules are known to misfire (a negation, the past or recovery, a joke) the
  // bars are vetoWeak and vetoStrong; elsewhere vetoOutside, except for a statement of present risk (model round 4:
  // other authors' recovery and negation lines were flagged by the rules in words VETO_CONTEXT does not list).
  // Self-harm going on now (ONGOING_HARM, and no word of it having ended) is never vetoed, nor a statement in a
  // language the model cannot read (`Cue.modelBlind`), nor an act under way now (`Cue.acute`, model round 16).
  // Asked only when the rules flagged something a veto could overrule.
  const ongoingHarm =
    ((ongoing > 0 && !HARM_IN_THE_PAST.test(full)) ||
      ((strong.length > 0 || weakDistinct.length >= 2) && has(ONGOING_HARM, full, fullWords))) &&
    !has(HARM_ENDED, full, fullWords);
  const vetoLength =
    hasWords(full, 4) &&
    !hasWords(full, limits.vetoMaxWords + 1) &&
    !ongoingHarm &&
    blind === 0 &&
    acute === 0;
  // The context must be in a cue's own sentence (vetoNear): a "not" in an ordinary sentence elsewhere ("The printer
  // is not working again.") says nothing about the cue (the lead, after model round 10).
  const anyContext = vetoLength && has(VETO_CONTEXT, full, fullWords);
  const inContext = anyContext && (limits.vetoNear === 0 || cueSentences.some((c) => VETO_CONTEXT.test(c)));
  // Round 16L: in a long post (over windowWords words), a statement of present risk must be near a cue (within
  // PRESENT_NEAR characters, about a sentence either side): "I'm going to a new school" or "if you're in that place
  // right now, please tell someone" at the end of a recovery post kept the model from vetoing a "wanted to die" told
  // of two winters before.
  const presentRisk =
    has(PRESENT_RISK, full, fullWords) &&
    (dwelling.length > 0 ||
      !long ||
      cueSpans.some(([s, e]) => PRESENT_RISK.test(t.slice(Math.max(0, s - PRESENT_NEAR), e + PRESENT_NEAR))));
  // Round 17F: nor outside a context when a strong cue of the understated register stood (`Cue.understated`).
  const outside = vetoLength && !inContext && limits.vetoOutside > 0 && !presentRisk && understated === 0;
  // vetoLocal: in a message with no negation, past or joke word anywhere (1), or with one only outside the cues'
  // sentences (2, model round 11), the model vetoes only if no two neighbouring sentences read as risk either
  // (ordinary sentences around a cue dilute the whole message's reading).
  const stands = (bar: number) =>
    inContext
      ? judged.self >= bar
      : !outside ||
        judged.self >= limits.vetoOutside ||
        (limits.vetoLocal > 0 &&
          (!anyContext || limits.vetoLocal >= 2) &&
          neighbourSelf(past, tuning.model) >= limits.vetoOutside);
  const rules =
    (strong.length > 0 && stands(limits.vetoStrong)) ||
    (strong.length === 0 && weakDistinct.length >= 2 && (plainWeak > 0 || !long) && stands(limits.vetoWeak));
  // A plan or a means in a first-person message lowers the bar: missing one costs the most.
  // Only a means or an act lowers it: the time words of PLAN ("tonight", "will", "tomorrow") are in most long posts.
  const threshold = has(MEANS_OR_ACT, full, fullWords) && I_SUBJECT.test(full) ? limits.plan : limits.self;
  // A joke, a figure of speech, a recovery or loss phrase, or an ordinary reason for a goodbye ("I'm retiring"): the
  // rules explained the message away, so the model alone must be nearly certain.
  if (joking || t.includes('…') || leaving || grieving) dismissed++;
  // A report of someone else's risk with no cue about the writer ("they told me they have a plan to kill themselves,
  // I am scared for them"): the rules read it as another's risk, so the model alone must be nearly certain that the
  // writer is at risk too (model round 8; the model gave that report p(self) 0.82 and p(third) 0.09).
  if (reported > 0 && strong.length === 0 && weakDistinct.length === 0) dismissed++;
  // An ordinary ache named plainly, not self-inflicted (BODY_ACHE, model round 12).
  if (has(BODY_ACHE, full, fullWords) && !SELF_INFLICTED.test(full)) dismissed++;
  // A date set for an ordinary event (ORDINARY_ARRANGEMENT, model round 15).
  if (has(ORDINARY_ARRANGEMENT, full, fullWords)) dismissed++;
  // A return promised or an operation given as the reason (RETURN_PROMISED, model round 16).
  if (has(RETURN_PROMISED, full, fullWords)) dismissed++;
  // An absence notice with an ordinary reason and no word of permanence or risk: not the model's to flag alone.
  // Asked only when the model alone would flag (below).
  const absenceNotice = () =>
    has(ABSENCE, full, fullWords) &&
    has(ABSENCE_REASON, full, fullWords) &&
    !has(ABSENCE_RISK, full, fullWords);
  const gatedBar =
    negated > 0 && strong.length === 0 ? limits.negated : dismissed > 0 ? limits.dismissed : threshold;
  const learned =
    (((judged.self >= gatedBar ||
      // Model round 10: a long message is also read in windows of sentences (asked only when the whole is under the
      // bar and a gate word is there); round 16L: only if the whole message reads at least windowConfirm.
      (limits.windowWords > 0 &&
        judged.self >= limits.windowConfirm &&
        hasWords(past, limits.windowWords + 1) &&
        has(MODEL_GATE, full, fullWords) &&
        windowSelf(past, tuning.model) >= gatedBar)) &&
      has(MODEL_GATE, full, fullWords) &&
      hasWords(full, 4) &&
      !(IMPERSONAL.test(full) && !SELF_REFERENCE.test(full)) &&
      !(literary && p.self < 0.9)) ||
      // Plain wording no gate word names ("tied the knot and tested the beam", "I've picked Sunday, everything is
      // sorted"): the model alone, when it is nearly certain, in a first-person message of six words or more that the
      // rules did not explain away.
      (judged.self >= (dismissed === 0 ? limits.ungated : limits.ungatedDismissed) &&
        // A literary word ("essays", "reading", "teaching", "lines" are in most teachers' messages) counts as an
        // explanation: the model must then be as sure as where the rules explained something away (model round 10).
        (!literary || judged.self >= limits.ungatedDismissed) &&
        hasWords(full, 6) &&
        !hasWords(full, limits.ungatedMaxWords + 1) &&
        I_SUBJECT.test(full)) ||
      // The model alone needing neither a gate word nor a word of the writer ("Already done it. Took them at 9. Just
      // waiting now."): plans in plain words that no path above can see (model round 8).
      (judged.self >= limits.sure &&
        dismissed === 0 &&
        (!literary || judged.self >= limits.ungatedDismissed) &&
        !(IMPERSONAL.test(full) && !SELF_REFERENCE.test(full)) &&
        hasWords(full, 6) &&
        !hasWords(full, limits.ungatedMaxWords + 1))) &&
    !absenceNotice();
  // The model alone reports concern only in a message of four words or more: on short strings ("Fri", "Support",
  // "Your message") its hashed features say nothing reliable, as for the writer's own risk (MODEL_GATE).
  const concernForOther = (third.length > 0 || (p.third >= limits.third && hasWords(full, 4))) && !grief;
  // Worry about someone else is not the writer at risk: with concern for another person, the writer's own risk needs
  // a strong cue about the writer, or the model finding the writer more likely at risk than reporting someone.
  const onlyOther = concernForOther && ownStrong === 0 && p.third >= p.self;
  const risk = (rules || learned) && !onlyOther;
  const matches = risk
    ? [...new Set([...strong, ...weakDistinct])]
    : concernForOther
      ? [...new Set(third)]
      : [];
  if (risk && !rules) matches.push(`learned model ${score.self.toFixed(2)}`);
  if (!risk && concernForOther && third.length === 0) matches.push(`learned model ${score.third.toFixed(2)}`);
  const kind: CrisisKind = risk ? (plan ? 'plan' : 'passive') : concernForOther ? 'third-person' : 'none';
  return { risk, kind, concernForOther, matches, score };
}
