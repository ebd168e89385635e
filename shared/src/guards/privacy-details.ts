/**
 * Identifying details of the privacy guard that are neither contacts nor names: ID numbers, dates of birth and car
 * number plates. Each is found only after the word that says what it is ("staff ID HT-20931", "DOB 14/03/1986",
 * "reg KD19 XLH"): a bare number or code is a time, a room, a page, a grade, an exam code or a statistic far more
 * often than a person's. Linear-time: every pattern has bounded repetitions, and each is tried only when the
 * lower-cased message contains one of its lead words.
 */

export type DetailKind = 'id-number' | 'date-of-birth' | 'vehicle';

export interface DetailSpan {
  kind: DetailKind;
  start: number;
  end: number;
}

/** The value after a lead, case-sensitive: letters, digits and single inner separators ("HT-20931", "19/71358"). */
const CODE = /[A-Z0-9](?:[A-Z0-9]|[-/.](?=[A-Z0-9])| (?=\d)){3,19}/y;

// ---------------------------------------------------------------------------------------------------------------
// ID numbers

/** What an ID is called, then "is", ":", "#" or nothing before the value. */
const ID_LEAD = new RegExp(
  '(?<![\\p{L}\\p{N}])(?:' +
    [
      // "student ID", "staff no.", "employee number", "candidate ref", "roll number", "TSC number"
      "(?:student|pupil|learner|staff|employee|candidate|roll|admission|registration|enrol?ment|payroll|personnel|membership|tsc|teacher(?:'s)?|(?:teacher(?:'s)? |teaching )?(?:reference|ref|licen[cs]e|registration)|exam candidate)(?:[ -]id| (?:no\\.?|number|num|#|ref(?:erence)?(?: no\\.?| number)?|code))",
      // National registers: Singapore NRIC/FIN, Pakistan CNIC, Nigeria NIN, Spain/Argentina/Peru DNI, Mexico CURP,
      // Poland PESEL, Latin America's cédula, Peru's teacher code ("código modular"), "national ID"
      'nric|cnic|nin|dni|curp|pesel|c[ée]dula(?: de identidad)?|c[óo]digo modular|national id(?: card)?(?: no\\.?| number)?',
      // "ID number", "ID no."
      'id (?:no\\.?|number)',
      // Round 14: tax and social-security numbers of other countries, each after its own name: Italy's codice
      // fiscale, Sweden's and Norway's personnummer, Australia's TFN, New Zealand's IRD number, Switzerland's AHV,
      // Greece's AMKA, the Netherlands' BSN, Spain's and Portugal's NIF/NIE, Brazil's CPF, Argentina's CUIT/CUIL,
      // Canada's SIN number, and "tax ID", "tax code", "fiscal code", "personal number".
      'codice fiscale|fiscal code|tax (?:id|code|file number|number)|personnummer|f[øo]dselsnummer|tfn|ird (?:no\\.?|number)|ahv(?:-nr\\.?| no\\.?| number)?|amka|bsn|nif|nie|cpf|cuit|cuil|sin (?:no\\.?|number)|personal (?:id|no\\.?|number|code)',
      // A bare "ID" at a sentence's start or after whose it is: "ID 63-2214587 K 47, I am …", "my ID is 28471935"
      // (not "meeting ID", "order ID", "Apple ID": a thing's).
      '(?<=^|[.!?\\n] {0,2}|\\b(?:my|his|her|their|your) )id',
      // Registers of people: UPN, ULN, TRN (teacher reference number), DfE number, PPS number, NI number, SSN, Aadhaar
      'upn|uln|trn|dfe (?:no\\.?|number)|ppsn?(?: no\\.?| number)?|ssn|social security(?: no\\.?| number)|national insurance(?: no\\.?| number)?|ni (?:no\\.?|number)|aadhaar(?: no\\.?| number)?|passport (?:no\\.?|number)',
      // "Lehrer-ID", "Schüler-ID"
      '\\p{L}{3,20}-id',
      // Round 15: a pupil's number in other school systems: the Netherlands' leerlingnummer, the Nordic elevnummer,
      // Germany's Schülernummer, France's matricule, Spain's and Italy's matrícula/matricola, the Philippines' LRN
      // (Learner Reference Number), Ontario's OEN, Australia's USI, New Zealand's NSN.
      'leerlingnummer|leerlingnr\\.?|elevnummer|elevnr\\.?|sch[üu]lernummer|schuelernummer|matricule|matr[íi]cula|matricola|lrn|oen|usi|nsn',
    ].join('|') +
    ')(?![\\p{L}\\p{N}])(?: (?:is|was|=))?(?: ?[:#=])? ?',
  'giu',
);
const ID_WORDS =
  /codice|fiscal|\btax (?:id|code|file|number)|personnummer|dselsnummer|\btfn|\bird (?:no|number)|\bahv|\bamka|\bbsn|\bnif\b|\bnie\b|\bcpf|\bcuit|\bcuil|\bsin (?:no|number)|\bpersonal (?:id|no|number|code)|(?:^|[.!?\n] {0,2}|\b(?:my|his|her|their|your) )id\b|student|pupil|learner|staff|employee|candidate|roll|admission|registration|enrol|payroll|personnel|membership|tsc|teacher|id |upn|uln|trn|dfe|pps|ssn|social security|insurance|ni |aadhaar|passport|-id|licen|ref|nric|cnic|nin|dni|curp|pesel|dula|digo modular|leerling|elevn|lernummer|matri[cí]|\blrn\b|\boen\b|\busi\b|\bnsn\b/;
/**
 * A number that counts people rather than naming one: "staff number 1200" (a headcount), "student number 1,450",
 * "staff numbers are 1200 now". Plain digits only: a round hundred, or a word of counting around it.
 */
const HEADCOUNT_BEFORE =
  /\b(?:our|school|total|overall|whole)\s+(?:staff|student|pupil|learner|employee|enrol?ment|roll|membership)(?: numbers?)?\s*(?:is|are|was|were|of|at|about|around|over|under|nearly|almost|roughly|approx\.?)?\s*$/i;
const HEADCOUNT_AFTER =
  /^(?:,\d{3})*\+?\s*(?:now|this year|last year|in total|total|people|staff|students|pupils|teachers|learners|kids|children|and (?:rising|falling|counting)|or so)\b/i;

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function headcount(p: string, lead: number, end: number, value: string): boolean {
  if (/00$/.test(value)) return true;
  const before = p.slice(Math.max(0, lead - 20), end - value.length);
  return (value.length <= 4 && HEADCOUNT_BEFORE.test(before)) || HEADCOUNT_AFTER.test(p.slice(end, end + 30));
}

function findIds(p: string, lower: string, out: DetailSpan[]): void {
  if (!ID_WORDS.test(lower)) return;
  for (const m of p.matchAll(ID_LEAD)) {
    CODE.lastIndex = m.index + m[0].length;
    const code = CODE.exec(p);
    if (!code) continue;
    const value = code[0].replace(/[-/.]+$/, '');
    // At least four digits: "student number 3" is a count, "HT-20931" an ID. A year alone is none ("the NIE 2024
    // plan").
    if (digitCount(value) < 4 || /^(?:19|20)\d\d$/.test(value)) continue;
    // "staff number 1200 and we still have no counsellor": a headcount, not an ID.
    if (/^\d{1,6}$/.test(value) && headcount(p, m.index, code.index + value.length, value)) continue;
    out.push({ kind: 'id-number', start: code.index, end: code.index + value.length });
  }
}

/**
 * Codes whose form alone is a person's (round 14), with no word before them: Italy's codice fiscale (six letters of
 * the name, year, month letter, day, town code, check letter: "BNCLRA79M52F205X") and Switzerland's AHV number
 * ("756.4829.1736.05"). No school code, exam code or product code has either form.
 */
const SHAPED_ID =
  /(?<![\p{L}\p{N}])(?:[A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z]|756\.\d{4}\.\d{4}\.\d{2})(?![\p{L}\p{N}])/gu;

function findShapedIds(p: string, out: DetailSpan[]): void {
  // Cheap gate: the AHV prefix, or six capitals before two digits.
  if (!p.includes('756.') && !/[A-Z]{6}\d\d/.test(p)) return;
  for (const m of p.matchAll(SHAPED_ID))
    if (!out.some((d) => d.start <= m.index && m.index < d.end))
      out.push({ kind: 'id-number', start: m.index, end: m.index + m[0].length });
}

// ---------------------------------------------------------------------------------------------------------------
// Dates of birth

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember)\\.?';
const YEAR = '(?:19|20)\\d{2}';
/** A full date: "14/03/2011", "11.04.1992", "3 March 2012", "5th of Nov, 1979", "March 3, 2012". */
const FULL_DATE = `(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:${YEAR}|\\d{2})|\\d{1,2}(?:st|nd|rd|th)?\\.?(?: of)? ${MONTH},? ${YEAR}|${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? ${YEAR}|${YEAR}-\\d{2}-\\d{2})`;
/**
 * "DOB 14/03/2011", "date of birth: 5 Nov 1979", "born on 3 March 2012", "her birthday is 12 June 2010",
 * "geboren am 11.04.1992", with up to five words between ("DOB for the agency form is …"). A year is required:
 * "born on a Tuesday" and "my birthday is on Friday" say nothing.
 */
const DATE_OF_BIRTH = new RegExp(
  `(?<![\\p{L}\\p{N}])(d\\.?o\\.?b\\.?|date of birth|birth ?date|born|birthday|geb\\.|geboren)(?:[ ,][\\p{L}']{1,15}){0,5}?:? {1,2}(?:the )?(${FULL_DATE})(?![\\p{L}\\p{N}])`,
  'giu',
);
const THIS_YEAR = new Date().getUTCFullYear();
const DOB_WORDS = /dob|d\.o\.b|birth|born|geb/;

function findDatesOfBirth(p: string, lower: string, out: DetailSpan[]): void {
  if (!DOB_WORDS.test(lower)) return;
  for (const m of p.matchAll(DATE_OF_BIRTH)) {
    const date = m[2] ?? '';
    // "her birthday party is on 12 June 2027" is a date to come, not a date of birth.
    const year = Number(/(?:19|20)\d{2}(?!.*\d{4})/.exec(date)?.[0] ?? 0);
    if ((m[1] ?? '').toLowerCase() === 'birthday' && year >= THIS_YEAR) continue;
    out.push({
      kind: 'date-of-birth',
      start: m.index + m[0].length - date.length,
      end: m.index + m[0].length,
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Vehicles

/** Words after which a code is a number plate: "reg KD19 XLH", "plate 7ABC123", "the silver Golf, KCA 123A". */
const VEHICLE_LEAD =
  /(?<![\p{L}\p{N}])(?:reg(?:istration)?(?: (?:no\.?|number|plate))?|(?:number|license|licence|numberplate|rego) plate|plates?|rego|car|van|ute|vehicle|motorbike|taxi|matatu|okada|keke|parked|drives|drove|driving)(?![\p{L}\p{N}])/giu;
/** A plate: upper-case letters and digits in at most four groups, five to ten of them, both letters and digits. */
const PLATE = /[A-Z0-9]{1,8}(?:[ -][A-Z0-9]{1,8}){0,3}(?![\p{L}\p{N}])/uy;
const VEHICLE_WORDS =
  /reg|plate|rego|car|van|ute|vehicle|motorbike|taxi|matatu|okada|keke|parked|drives|drove|driving/;
/** At most this many characters between the lead and the plate ("car, a silver Golf, reg …" is two leads). */
const VEHICLE_GAP = 40;

function plateShaped(value: string): boolean {
  const chars = value.replace(/[ -]/g, '');
  if (chars.length < 5 || chars.length > 10) return false;
  const digits = digitCount(chars);
  // "CPD 2023", "GCSE 2024": an acronym and a year, not a plate; "65MPH", "250CC": a number and its unit.
  if (/^[A-Z]{2,5} (?:19|20)\d\d$/.test(value)) return false;
  if (/^\d+ ?(?:MPH|KPH|KMH|KM|KMS|MI|CC|HP|KW|KG|LBS?|AM|PM|ML|MM|CM)$/.test(value)) return false;
  // "100 TT", "250 TTD", "45 BDS": a price and its currency (round 15: "registration $100 TT").
  if (
    /^\d+ ?(?:TTD?|BDS|BBD|JMD|XCD|USD|CAD|AUD|NZD|EUR|GBP|ZAR|PHP|SEK|NOK|DKK|ISK|KES|NGN|GHS|INR|PKR|KR)$/.test(
      value,
    )
  )
    return false;
  return digits >= 2 && digits < chars.length;
}

/**
 * A British plate of the current form (two letters, the age identifier, three letters: "KM19 XTZ"), anywhere in a
 * message with a vehicle's word (round 15: "That car blocking the disabled bay every morning is KM19 XTZ" has the plate
 * 50 characters after "car").
 */
const UK_PLATE = /(?<![\p{L}\p{N}])[A-Z]{2}(?:0[2-9]|[1-7]\d) ?[A-Z]{3}(?![\p{L}\p{N}])/gu;

function findVehicles(p: string, lower: string, out: DetailSpan[]): void {
  if (!VEHICLE_WORDS.test(lower)) return;
  let from = 0;
  let lead = false;
  for (const m of p.matchAll(VEHICLE_LEAD)) {
    lead = true;
    const end = Math.min(p.length, m.index + m[0].length + VEHICLE_GAP);
    for (let s = Math.max(from, m.index + m[0].length); s < end; s++) {
      const c = p.charCodeAt(s);
      // A plate starts a word: an upper-case letter or digit after a space or punctuation.
      if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57))) continue;
      // Nor after a letter, a digit or a currency sign ("$100 TT" is a price).
      if (s > 0 && /[\p{L}\p{N}\p{Sc}]/u.test(p[s - 1] ?? '')) continue;
      PLATE.lastIndex = s;
      const plate = PLATE.exec(p);
      if (!plate) continue;
      // Trailing groups of plain words ("KD19 XLH I think") are not part of it.
      let value = plate[0];
      while (/[ -][A-Z]?$/.test(value) && value.length > 0) value = value.replace(/[ -][A-Z]?$/, '');
      if (plateShaped(value)) {
        out.push({ kind: 'vehicle', start: s, end: s + value.length });
        from = s + value.length;
        break;
      }
      s += plate[0].length;
    }
  }
  if (!lead || !/[A-Z]{2}\d\d ?[A-Z]{3}/.test(p)) return;
  for (const m of p.matchAll(UK_PLATE))
    if (!out.some((d) => d.start < m.index + m[0].length && m.index < d.end))
      out.push({ kind: 'vehicle', start: m.index, end: m.index + m[0].length });
}

/** `ID_WORDS`, `DOB_WORDS` or `VEHICLE_WORDS`: none of the three holds where this fails. */
const ANY_DETAIL_WORD = new RegExp([ID_WORDS, DOB_WORDS, VEHICLE_WORDS].map((re) => re.source).join('|'));

/** ID numbers, dates of birth and number plates in prepared text `p` (`lower`: `p` lower-cased). */
export function findDetails(p: string, lower: string): DetailSpan[] {
  const out: DetailSpan[] = [];
  // Each needs ASCII digits in its value (an ID four, a date of birth a year, a plate two): most messages have none.
  if (!/[0-9]/.test(p)) return out;
  // The three words' tests in one pass: most messages have none of their words.
  if (ANY_DETAIL_WORD.test(lower)) {
    findIds(p, lower, out);
    findDatesOfBirth(p, lower, out);
    findVehicles(p, lower, out);
  }
  findShapedIds(p, out);
  return out;
}
