/**
 * Dialect, regional and texting spellings the crisis guard reads as standard English (issue 11): Scots, Northern
 * English, Irish English, Caribbean Creole-influenced English, AAVE and US Southern, Australian/NZ, Nigerian English,
 * Hawaiian Pidgin and texting. The phrase rules and the model learned standard spellings; "naebody wid notice if ah wis gone" is "nobody
 * would notice if i was gone", and is read as such.
 *
 * Drawn from the varieties' grammar and spelling, not from any data file's lines. Only forms that cannot be an
 * ordinary English word in a teacher's message are mapped on their own ("cannae", "naebody", "masel", "finna",
 * "tryna"); a form that can ("ah", "a", "mi", "wid", "ion", "wan", "al", "av", "te", "canny", "ain't") only in a context
 * that settles it ("ah cannae", "mi cyaan", "nobody wid notice", "ion wanna"). Never mapped: "ma", "me", "wee", "am",
 * "ye" (old and Irish English alike), "nah", "nee", "cos", "cuz", "ur", "fi" alone (wi-fi), "wi", "gan", "ken", "aye".
 *
 * Every entry matches between word boundaries (the crisis guard's word prefilter relies on it) and is a
 * `[pattern, replacement]` pair like the guard's other unifying steps: a string (`$1` puts back a word the
 * pattern captured), or a table from the pattern's first
 * capture group to its replacement. Applied in order: `DIALECT_FIRST` and `DIALECT_SECOND` before the standard
 * contractions, `DIALECT_LAST` after them.
 */

/** A unifying step: a replacement string, or a table from capture group 1 to its replacement. */
export type Unify = readonly [RegExp, string | Readonly<Record<string, string>>];

/**
 * `\b` is ASCII: "pōtae" has a boundary before "tae". No step matches next to a letter with a diacritic (a word of
 * another language).
 */
const LATIN = String.raw`\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff`;
const edged = (steps: readonly Unify[]): readonly Unify[] =>
  steps.map(([re, to]) => [new RegExp(String.raw`(?<![${LATIN}])${re.source}(?![${LATIN}])`, re.flags), to]);

/** Longest first, so that "nae body" wins over "nae". */
const alternatives = (table: Readonly<Record<string, string>>) =>
  Object.keys(table)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .join('|');

/**
 * A table's words between word boundaries, not inside a hyphenated word ("dis-trust"); `tail` is matched after the
 * word (and replaced with it).
 */
function table(map: Readonly<Record<string, string>>, tail = ''): Unify {
  return [new RegExp(String.raw`(?<!-)\b(${alternatives(map)})\b(?!-)${tail}`, 'g'), map];
}

/** Verbs (standard and Scots) after which "ah" and "a" are the pronoun "I", not the interjection or the article. */
const SCOTS_VERBS =
  'cannae|canna|dinnae|dinna|dinny|didnae|didna|didny|widnae|widna|wid|wis|wisnae|huv|hae|huvnae|havnae|jist|wantae|wanty|wanny|wannae|gonnae|gonny|couldnae|cudnae|shouldnae|willnae|wullnae|wull|amnae|divvent|dinnet|cannet|nivver|niver|tellt|dae';
const STANDARD_VERBS =
  "can't|cant|cannot|don't|dont|didn't|didnt|would|wouldn't|wouldnt|was|wasn't|have|had|haven't|hate|just|want|wanna|wish|feel|felt|think|thought|need|keep|kept|never|really|honestly|dunno|know|got|am|will|could|couldn't|should|swear|mean|love|miss|tried|try|wrote|bought|went|sorted|picked|took|told|made|said|get|go|gonna|do|reckon|cry|hope|pray|ain't|aint|ain|also|actually|even|still|already|literally|genuinely|honest";

/** First in the order: the contexts that settle an ambiguous form, read on the spelling as written. */
export const DIALECT_FIRST: readonly Unify[] = edged([
  // "ah cannae", "ah wis", "ah just want", "ah'm" (Scots, Northern, Southern US); not "ah well", "ah, I see".
  [new RegExp(String.raw`\bah (?=(?:canny|hink|goat|${SCOTS_VERBS}|${STANDARD_VERBS})\b)`, 'g'), 'i '],
  // "a cannae", "a wis", "a jist": only before a Scots verb the article "a" never precedes (not "a canny lad").
  [new RegExp(String.raw`\ba (${SCOTS_VERBS})\b`, 'g'), 'i $1'],
  // Jamaican and other Caribbean Creole-influenced English: "mi" is "I", "I'm" or "my" only in these contexts.
  table({
    'mi a go': "i'm going to",
    'mi ago': "i'm going to",
    'mi a guh': "i'm going to",
    'mi a gwine': "i'm going to",
    'mi gwine': "i'm going to",
    'mi nah go': "i'm not going to",
    'mi nah guh': "i'm not going to",
    'mi nah': "i'm not",
    'mi done': "i'm done",
    'mi dun': "i'm done",
    'mi tyad': "i'm tired",
    'mi tyaad': "i'm tired",
    'mi tired': "i'm tired",
    'mi fed up': "i'm fed up",
    'mi sorry': "i'm sorry",
    'mi ready': "i'm ready",
    'mi finish': "i'm finished",
    'mi self': 'myself',
  }),
  // "mi" as a possessive before these nouns, and as the object after a verb or a preposition ("tek mi", "fi mi").
  [
    /\bmi (?=(?:life|soul|head|heart|body|mind|eye|eyes|family|pickney|children|kids|daughter|son|madda|mada|mother|mumma|mum|mom|faada|father|bredda|brother|sista|sister|granny|husband|wife|baby|class|students|job|work|school|bones|voice|room|house|yard|bed|car|phone|bag|name|note|letter|letters|things|clothes|money|pills|tablets|wrist|wrists|neck|last|own)\b)/g,
    'my ',
  ],
  [
    /(?<=\b(?:take|tek|kill|killing|help|tell|call|leave|let|make|mek|give|ask|hear|see|for|fi|with|wid|without|about|lef|left|forget|find|hold|bury|pray|save|stop|check|text|ring|mind|miss|love|hate|want|need) )\bmi\b/g,
    'me',
  ],
  [
    /\bmi (?=(?:cyaan|kyaan|caan|cyaa|cannot|can't|cant|can|waan|wan|want|nuh|neva|nevah|never|did|deh|haffi|hafi|jus|just|wish|feel|tink|think|know|tek|take|buy|bought|write|wrote|seh|say|hate|love|miss|really|decide|decided|give|gave|go|coulda|could|would|woulda|shoulda|should|will|still|don't|dont|didn't|didnt|have|has|had|got|lose|lost|cry|try|tried|need|plan|sort|sorted|pick|picked|leave|lef|left|going|vex)\b)/g,
    'i ',
  ],
  // AAVE texting "ion" (I don't), never the chemistry word: only before a verb.
  [
    /\bion (?=(?:wanna|want|wan|know|care|feel|think|even|have|like|need|see|got|mind|give|deserve)\b)/g,
    "i don't ",
  ],
  // "ain" (AAVE "ain't") only before these; Scots "ain" is "own".
  [
    /\bain (?=(?:want|wanna|never|got|nobody|no|nothing|even|gonna|going|scared|afraid|okay|ok|fine)\b)/g,
    "ain't ",
  ],
]);

/**
 * Forms that are no ordinary English word, mapped wherever they stand (after DIALECT_FIRST). Single words only: a
 * key with an apostrophe or a space would give the step's word prefilter a common word ("m" of "a'm", "the"), so
 * those have steps of their own (DIALECT_SECOND).
 */
const FORMS = table({
  // I, myself
  ahm: "i'm",
  ahll: "i'll",
  imma: "i'm going to",
  ahma: "i'm going to",
  ahmma: "i'm going to",
  masel: 'myself',
  masell: 'myself',
  mysel: 'myself',
  maself: 'myself',
  mahself: 'myself',
  miself: 'myself',
  mysen: 'myself',
  missen: 'myself',
  mesen: 'myself',
  mesel: 'myself',
  mysef: 'myself',
  yersel: 'yourself',
  yersen: 'yourself',
  thissen: 'yourself',
  hersel: 'herself',
  hersen: 'herself',
  himsel: 'himself',
  hissel: 'himself',
  hisself: 'himself',
  hissen: 'himself',
  theirsel: 'themselves',
  theirsels: 'themselves',
  themsels: 'themselves',
  theirselves: 'themselves',
  yous: 'you',
  youse: 'you',
  yiz: 'you',
  yez: 'you',
  unu: 'you',
  unnu: 'you',
  yuh: 'you',
  // negations: Scots -nae/-na/-ny, Geordie, Caribbean
  cannae: "can't",
  canna: "can't",
  cannet: "can't",
  cannit: "can't",
  cyaan: "can't",
  kyaan: "can't",
  caan: "can't",
  cyaa: "can't",
  dinnae: "don't",
  dinna: "don't",
  dinny: "don't",
  dinnet: "don't",
  dinnit: "don't",
  divvent: "don't",
  divvint: "don't",
  divent: "don't",
  didnae: "didn't",
  didna: "didn't",
  didny: "didn't",
  widnae: "wouldn't",
  widna: "wouldn't",
  widny: "wouldn't",
  wouldnae: "wouldn't",
  wouldna: "wouldn't",
  couldnae: "couldn't",
  couldna: "couldn't",
  cudnae: "couldn't",
  cudny: "couldn't",
  shouldnae: "shouldn't",
  shouldna: "shouldn't",
  shudnae: "shouldn't",
  wisnae: "wasn't",
  wisny: "wasn't",
  wasnae: "wasn't",
  wasna: "wasn't",
  isnae: "isn't",
  isna: "isn't",
  isny: "isn't",
  disnae: "doesn't",
  disny: "doesn't",
  doesnae: "doesn't",
  huvnae: "haven't",
  huvny: "haven't",
  havnae: "haven't",
  havenae: "haven't",
  hivnae: "haven't",
  hivny: "haven't",
  hasnae: "hasn't",
  willnae: "won't",
  wullnae: "won't",
  winnae: "won't",
  arenae: "aren't",
  urnae: "aren't",
  amnae: 'am not',
  mustnae: "mustn't",
  neva: 'never',
  nevah: 'never',
  nivver: 'never',
  niver: 'never',
  nvr: 'never',
  // no one, nobody, nothing
  naebody: 'nobody',
  naebdy: 'nobody',
  nobady: 'nobody',
  nobaddy: 'nobody',
  nobadi: 'nobody',
  nobodi: 'nobody',
  nuhbady: 'nobody',
  nuhbody: 'nobody',
  naewan: 'no one',
  naeyin: 'no one',
  naeone: 'no one',
  nae: 'no',
  naethin: 'nothing',
  naething: 'nothing',
  nuthin: 'nothing',
  nothin: 'nothing',
  nuffin: 'nothing',
  nuffink: 'nothing',
  nuttin: 'nothing',
  nuttn: 'nothing',
  nutten: 'nothing',
  nuhtin: 'nothing',
  nowt: 'nothing',
  owt: 'anything',
  anyting: 'anything',
  onything: 'anything',
  anythin: 'anything',
  onybody: 'anybody',
  summat: 'something',
  somethin: 'something',
  sumthin: 'something',
  sumfin: 'something',
  someting: 'something',
  everyting: 'everything',
  evryting: 'everything',
  everythin: 'everything',
  awthing: 'everything',
  aathing: 'everything',
  awbody: 'everybody',
  mair: 'more',
  plenny: 'plenty',
  hea: 'here',
  daein: 'doing',
  dis: 'this',
  gannin: 'going',
  gaun: 'going',
  // want to, going to, trying to, have to
  wantae: 'want to',
  wanty: 'want to',
  wantie: 'want to',
  wannae: 'want to',
  wanny: 'want to',
  wanta: 'want to',
  gonnae: 'going to',
  gonny: 'going to',
  gonnie: 'going to',
  gunna: 'going to',
  gunnae: 'going to',
  finna: 'going to',
  fitna: 'going to',
  fixna: 'going to',
  tryna: 'trying to',
  trynna: 'trying to',
  boutta: 'about to',
  bouta: 'about to',
  hafta: 'have to',
  hafto: 'have to',
  haffi: 'have to',
  hafi: 'have to',
  oughta: 'ought to',
  shoulda: 'should have',
  coulda: 'could have',
  woulda: 'would have',
  musta: 'must have',
  lemme: 'let me',
  gimme: 'give me',
  dunno: "don't know",
  // time
  tomorra: 'tomorrow',
  tomorrah: 'tomorrow',
  tmrw: 'tomorrow',
  tmrow: 'tomorrow',
  tmoz: 'tomorrow',
  tomoz: 'tomorrow',
  '2moro': 'tomorrow',
  '2morrow': 'tomorrow',
  tonite: 'tonight',
  tonyt: 'tonight',
  '2nite': 'tonight',
  '2night': 'tonight',
  nite: 'night',
  foreva: 'forever',
  forevah: 'forever',
  evah: 'ever',
  // other words
  jist: 'just',
  jus: 'just',
  juss: 'just',
  jst: 'just',
  deid: 'dead',
  ded: 'dead',
  heid: 'head',
  hame: 'home',
  hoose: 'house',
  aboot: 'about',
  oot: 'out',
  doon: 'down',
  efter: 'after',
  fae: 'from',
  frae: 'from',
  tellt: 'told',
  dae: 'do',
  hae: 'have',
  huv: 'have',
  wis: 'was',
  mebbe: 'maybe',
  mebbes: 'maybe',
  yer: 'your',
  tyad: 'tired',
  tyaad: 'tired',
  dem: 'them',
  dat: 'that',
  di: 'the',
  tek: 'take',
  mek: 'make',
  seh: 'say',
  dun: 'done',
  abeg: 'please',
  wetin: 'what',
  tuh: 'to',
});

/** g-dropped verbs ("dyin", "goin'", "tryin"): only these, since many words end in "in" (cabin, begin, coffin). */
const DROPPED_G = table(
  Object.fromEntries(
    (
      'go do dy kill try liv cutt end think feel tak hurt plann say tell ask pray leav wak jump hang drink writ wait giv ' +
      'sleep cry gett keep look walk driv fall com sitt start stockpil suffer struggl break drown runn buy hold stay ' +
      'carry cop los sink scream fight miss mak see send sav harm overdos bleed swallow'
    )
      .split(' ')
      .map((stem) => [`${stem}in`, `${stem}ing`]),
  ),
  "'?",
);

/** Second: unconditional forms, then the contexts read on standard spellings. */
export const DIALECT_SECOND: readonly Unify[] = edged([
  // Southern US "fixin' to" (going to), before the g-drops make it "fixing to" (which can be "fixing to the wall").
  [/\bfixin'? to\b/g, 'going to'],
  // "ah'm", "a've", "ah'll" (I'm, I've, I'll); "i'mma" (I'm going to); "divn't", "amn't"; "nae body", "nae one";
  // "the morra" (tomorrow), "the neet" (tonight), "the noo" (now).
  [/\b(?:ah|a)'(m|ve|d|ll)\b/g, "i'$1"],
  [/\bi'mm?a\b/g, "i'm going to"],
  table({ divn: "don't", amn: 'am not' }, "'t"),
  [/\bnae body\b/g, 'nobody'],
  [/\bnae one\b/g, 'no one'],
  [/\bthe (?:nicht|neet|nite)\b/g, 'tonight'],
  [/\bthe morra\b/g, 'tomorrow'],
  [/\bthe noo\b/g, 'now'],
  FORMS,
  DROPPED_G,
  // Scots "tae" (to), not Tae Kwon Do; "waan" (Caribbean want), "gwine" (going), "gon" (AAVE going to), with the
  // "to" they may carry.
  [/\btae\b(?! kwon)/g, 'to'],
  table(
    { waan: 'want to', waant: 'want to', gwine: 'going to', gon: 'going to' },
    String.raw`'?(?: (?:to|tae|fi|fe)\b)?`,
  ),
  // Yorkshire "t'" (the): "on t'way"; not "t'ai chi", "dot the t's", "AT&T's".
  [/(?<![&'])\bt'(?!ai\b)(?=[a-z]{2})/g, 'the '],
  // Glasgow "canny" is "can't" only after I; Geordie "canny" is "nice".
  [/(?<=\bi )\bcanny\b/g, "can't"],
  // Scots "wid" is "would" after a subject; Caribbean "wid" is "with" (always before an object).
  [
    /\bwid (?=(?:mi|me|my|ma|him|her|them|dem|di|the|a|an|us|you|yuh|it|dat|that|this|dis|all|everything)\b)/g,
    'with ',
  ],
  [
    /(?<=\b(?:i|you|they|we|he|she|it|that|nobody|no one|noone|everyone|everybody|who|folk|people|somebody|someone|anyone|anybody) )\bwid\b/g,
    'would',
  ],
  [/\bwid\b/g, 'with'],
  // Nigerian and Caribbean "I wan" (I want to), "I tink" (I think), "I don tire" / "I tire for" (I'm tired of).
  [/(?<=\b(?:i|i don't|don't|not) )\b(?:wan|waa)\b(?!')(?: (?:to|fi|fe)\b)?/g, 'want to'],
  // Caribbean "fi" (to) after a word that takes "to", never "wi-fi": "want fi dead".
  [/(?<=\b(?:want|wants|wanted|have|has|need|going|ready|about|reason|nothing) )\b(?:fi|fe)\b/g, 'to'],
  [/(?<=\bi )\btink\b/g, 'think'],
  [/\bi (?:don |done )?tire (?:for|of)\b/g, "i'm tired of"],
  [/\bi don tire\b/g, "i'm tired"],
  // Hawaiian Pidgin "I wen take" (I took): "wen" marks the past after I, never "when" there.
  [
    /(?<=\bi (?:jus |just |already |den |then )?)\bwen (?=(?:take|go|eat|drink|swallow|buy|tell|cut|write|give|try|make|call|drive|jump|walk|finish|send|leave)\b)/g,
    'did ',
  ],
  // Pidgin and Creole "ova" (over) before a place, not the plural of "ovum".
  [/\bova (?=(?:hea|here|there|dea|deh|dat|that|di|the)\b)/g, 'over '],
  // Nigerian "make I" (let me) before a wish.
  [/\bmake i (?=(?:just |jus )?(?:die|vanish|disappear|rest|sleep|go|end)\b)/g, 'let me '],
  // Caribbean "nuh" (don't before a verb, otherwise not).
  [/\bnuh (?=(?:more|mo)\b)/g, 'no '],
  [
    /\bnuh (?=(?:want|know|care|feel|like|see|have|need|get|go|think|deserve|call|tell|worry|bother|cry|look|try)\b)/g,
    "don't ",
  ],
  [/\bnuh\b/g, 'not'],
  // AAVE "ain't": "I ain't want/got/scared", "ain't nobody", "there/it/that ain't".
  [
    /\bi ain'?t (?=(?:want|wanna|never|feel|care|see|know|like|need|think|mind|wanted|deserve)\b)/g,
    "i don't ",
  ],
  [/\bi ain'?t (?=(?:got|had|been)\b)/g, "i haven't "],
  [/\bi ain'?t\b/g, "i'm not"],
  [/\bain'?t (?=(?:want|wanna|feel|care|know|like|need|deserve|mind)\b)/g, "don't "],
  [/(?<=\b(?:there|it|that) )\bain'?t\b/g, "isn't"],
  [/\bain'?t (?=(?:nobody|no one)\b)/g, ''],
  // Northern "te" (to) after a word that takes "to"; Geordie "al" (I'll) and "av" (I've) before a verb.
  [
    /(?<=\b(?:want|going|have|has|had|got|need|used|trying|hard|reason|ready|able|afraid|scared) )\bte\b/g,
    'to',
  ],
  [/\bal (?=(?:be|never|just|not|do|end|go|kill|take|finish|make|miss)\b)/g, "i'll "],
  [
    /\bav (?=(?:written|wrote|been|got|had|done|took|taken|made|tried|bought|decided|sorted|picked|packed|saved|thought|never|just|already|no|nothing|given|gave|left|planned|said|told|finished|seen|kept|started|stopped|cut|hurt|lost|felt)\b)/g,
    "i've ",
  ],
]);

/** Last, after the standard contractions: double negation and Creole "dead" as a verb. */
export const DIALECT_LAST: readonly Unify[] = edged([
  // "I can't take it no more", "don't want to be here no more": "anymore" at the end of a clause with a negation
  // (not "no more mountains").
  [
    /(?<=(?:n't|\bnever|\bnot)\b[^.!?,;]{0,40} )\bno more\b(?=[ ]?(?:[^ \w]|$)| (?:tbh|honestly|fr|lol|ngl|man|mate|now|either|mi|me)\b)/g,
    'anymore',
  ],
  // Creole "mi waan dead", "mi a go dead": "dead" after "to", ending the clause, is the verb "die".
  [
    /(?<=\b(?:want to|going to|about to|ready to|like to|let me|wish i could) )\bdead\b(?=[ ]?(?:[^ \w]|$)| (?:now|tonight|today|tomorrow|soon|already|fr|tbh|honestly|and|but|so)\b)/g,
    'die',
  ],
]);
