import { describe, expect, it } from 'vitest';
import {
  CRISIS_THRESHOLDS,
  detectCrisis,
  detectCrisisWith,
  normaliseForCrisis,
  type CrisisThresholds,
} from './crisis.js';

const flagged = (text: string) => detectCrisis(text).risk;

/**
 * Thresholds with the model off as a flagger: it never flags alone (every bar of its own over 1). `veto` sets the bars
 * at which it vetoes the rules' flags: 0, never (the rules alone); 2, every flag it may veto; or each bar apart.
 */
function modelOff(veto: number | Pick<CrisisThresholds, 'vetoWeak' | 'vetoStrong' | 'vetoOutside'>): {
  thresholds: CrisisThresholds;
} {
  const bars = typeof veto === 'number' ? { vetoWeak: veto, vetoStrong: veto, vetoOutside: veto } : veto;
  return {
    thresholds: {
      ...CRISIS_THRESHOLDS,
      self: 2,
      plan: 2,
      dismissed: 2,
      negated: 2,
      ungated: 2,
      ungatedDismissed: 2,
      sure: 2,
      ...bars,
    },
  };
}

describe('detectCrisis', () => {
  it('flags direct statements', () => {
    for (const text of [
      'I want to die',
      "I'm going to kill myself if this keeps up",
      'I have been thinking about ending it all',
      "I'm thinking about taking my own life",
      "I'm suicidal and I don't know who to tell",
      'I cut myself again last night',
      'the urge to self harm is really strong tonight',
    ]) {
      expect(flagged(text), text).toBe(true);
    }
  });

  it('flags indirect statements, plans, means and goodbyes', () => {
    for (const text of [
      "I don't want to be here anymore",
      'Everyone would be better off without me',
      "There's no reason to live",
      'I wish I could go to sleep and not wake up',
      'No one would notice if I was gone',
      "I've been saving up my sleeping pills",
      'I keep thinking about driving into a tree on the way to work',
      "I've decided how I'm going to do it",
      'Goodbye everyone. This is my last message.',
      'By the time you read this I will be gone',
      "There's a bottle of pills on my desk and I keep staring at it",
      'I just want peace, permanently.',
    ]) {
      expect(flagged(text), text).toBe(true);
    }
  });

  it('does not flag everyday teacher talk', () => {
    for (const text of [
      'this marking is killing me',
      'I could kill for a coffee',
      'the lesson died a death',
      "I'm dead tired",
      "I'm dying to try this",
      'we had suicide prevention training today',
      "a student's essay about a character who dies",
      'the prom dresses were drop dead gorgeous',
      "I'd rather die than do another Zoom INSET",
      'I wanted to die of embarrassment',
      "I'm killing myself trying to finish reports",
      'Kill me now, it is a 7am meeting',
      'Cut yourself some slack',
      'I cut myself on the laminator',
      // Model round 4 (2026-12-06): the model trained on ten authors flags "I could sleep forever after this week"
      // (p(self) 0.93, above even the raised bar of 0.9); moved to the known trade-offs below.
      // Model round 3 (2026-12-06): the retrained model flags "I wish I could disappear to a beach for August"
      // (p(self) 0.96, the authors' passive lines "I wish I could disappear"); moved to the known trade-offs below.
      "I don't want to be here at 7pm for parents evening",
      "I'm so done with this term, I just want it to end",
      "I'm going to end it with a quiz",
      'I ran 5 kms today',
    ]) {
      expect(flagged(text), text).toBe(false);
    }
  });

  it('treats a negated cue as weak: alone it does not flag, with another sign of distress it does', () => {
    expect(flagged("I'm not suicidal, just exhausted")).toBe(false);
    expect(flagged('I would never hurt myself')).toBe(false);
    expect(flagged("I'm not suicidal but I feel hopeless and trapped")).toBe(true);
    expect(flagged("It's not that I want to die")).toBe(true);
  });

  it('ignores quoted cues only in a literary context', () => {
    expect(flagged('The poem\'s speaker says "I want to die" in the last stanza')).toBe(false);
    expect(flagged('My colleague said "I want to die" in the car park today')).toBe(true);
  });

  it('ignores professional and third-person mentions unless the writer speaks about themself', () => {
    expect(flagged('A pupil disclosed self-harm today and I followed the procedure')).toBe(false);
    expect(flagged('My Year 12 sociologists are reading Durkheim on suicide')).toBe(false);
    expect(flagged('A Year 9 told me she wants to die, I followed procedure')).toBe(false);
    expect(flagged('I have been struggling with my self-harm again')).toBe(true);
  });

  it('treats a goodbye with an ordinary reason as weak', () => {
    expect(flagged("Goodbye everyone, I'm retiring at the end of term")).toBe(false);
    expect(flagged('This is my last message before I go on maternity leave')).toBe(false);
    expect(flagged("Goodbye everyone, I'm retiring. I can't do this anymore and nothing matters")).toBe(true);
  });

  it('sees through simple obfuscation', () => {
    expect(flagged('I w4nt t0 d1e')).toBe(true);
    expect(flagged('s u i c i d a l thoughts again')).toBe(true);
    expect(flagged('thinking about su*cide')).toBe(true);
    expect(flagged('i wanna diiie')).toBe(true);
    expect(flagged('kms')).toBe(true);
  });

  it('reports the phrases that raised the flag, and none when there is no risk', () => {
    expect(detectCrisis('honestly I just want to disappear')).toMatchObject({
      risk: true,
      matches: ['want to disappear'],
    });
    expect(detectCrisis('this marking is killing me')).toMatchObject({
      risk: false,
      kind: 'none',
      matches: [],
    });
    expect(detectCrisis('')).toMatchObject({
      risk: false,
      kind: 'none',
      concernForOther: false,
      matches: [],
    });
  });
});

describe('detectCrisis kinds', () => {
  it('tells a plan, a means or an act in progress from passive ideation', () => {
    expect(detectCrisis("I've got the pills counted out and I'm doing it tonight").kind).toBe('plan');
    expect(detectCrisis('took the whole packet of my sleeping tablets an hour ago').kind).toBe('plan');
    expect(detectCrisis('I just want to die').kind).toBe('passive');
  });

  it('reports concern for someone else as its own kind, not as the writer at risk', () => {
    const r = detectCrisis('my colleague told me she wants to kill herself and has a plan');
    expect(r).toMatchObject({ risk: false, kind: 'third-person', concernForOther: true });
    expect(r.matches.length).toBeGreaterThan(0);
  });

  it('does not flag recovery milestones, grief or a chore that "makes me want to die"', () => {
    for (const text of [
      '100 days clean today',
      'my dad died by suicide, any advice for the anniversary?',
      'this schedule makes me want to die',
      'one year since my last attempt and glad to be here',
    ]) {
      expect(detectCrisis(text), text).toMatchObject({ risk: false, concernForOther: false });
    }
  });

  it('lets the model alone flag nothing short or unrelated (it is unreliable there)', () => {
    for (const text of [
      'Settings',
      'whatever',
      'Let us keep it kind, please.',
      'Written on the train, offline',
      'a wrong guess at the passphrase',
      'The queue is empty',
    ]) {
      expect(detectCrisis(text), text).toMatchObject({ risk: false, kind: 'none' });
    }
  });

  it('lets the model alone flag no impersonal workplace talk, yet still a means or a question about one', () => {
    // Each of these was flagged by the model alone before the impersonal check (issue 11).
    for (const text of [
      'The car crash outside school held up every bus this morning.',
      'The next train to Leeds is delayed again.',
      'The engine of the school minibus failed on the motorway.',
      'Please hang your coats on the pegs.',
    ]) {
      expect(detectCrisis(text), text).toMatchObject({ risk: false, kind: 'none' });
    }
    // Model round 3 (2026-12-06): "a gun is easy to get round here" (no first person, p(self) 0.50 < self 0.7) is no
    // longer flagged; see the known trade-offs below.
    for (const text of [
      'can you overdose on sertraline if you take the whole pack',
      'the plan is the bridge after school on friday',
      'their lives would be easier without me around',
    ]) {
      expect(flagged(text), text).toBe(true);
    }
  });

  it('still flags present risk next to a recovery context', () => {
    expect(detectCrisis('a year clean and I relapsed tonight, I want to die').risk).toBe(true);
  });
});

describe('normaliseForCrisis', () => {
  it('folds case, quotes, contractions, leetspeak and spacing', () => {
    expect(normaliseForCrisis('I  DONT   want to b3 here')).toBe("i don't want to be here");
    expect(normaliseForCrisis('I’m 5 kms away')).toBe("i'm 5 kms away");
    expect(normaliseForCrisis('k.i.l.l')).toBe('kill');
  });
});

describe('detectCrisis, model round 7: "don\'t want to be here" and an ordinary time or event', () => {
  // Every model path open: the model alone would flag any first-person message the rules did not explain away.
  const ungatedOpen = {
    thresholds: { ...CRISIS_THRESHOLDS, self: 2, plan: 2, dismissed: 2, negated: 2, ungated: 0 },
  };
  const rulesOnly = {
    thresholds: { ...CRISIS_THRESHOLDS, self: 2, plan: 2, dismissed: 2, negated: 2, ungated: 2 },
  };

  it('reads it scoped to a time or a school event as no cue, not even for the model alone', () => {
    for (const text of [
      "I don't want to be here at 7pm for parents evening",
      'I dont want to be here for parents evening',
      "I don't want to be here on Monday",
      "I don't want to be here for the staff meeting",
      "I don't want to be here until 6",
      "I don't want to be here at INSET",
      'i do not want to be here for the trip',
      "I don't want to be here at 4.15pm",
    ]) {
      expect(detectCrisisWith(text, true, rulesOnly).risk, text).toBe(false);
      expect(detectCrisisWith(text, true, ungatedOpen).risk, text).toBe(false);
    }
  });

  it('keeps it a cue when nothing or a risk continuation follows', () => {
    for (const text of [
      "I don't want to be here anymore",
      "don't want to be here tonight or ever",
      'i dont want to be here any more tbh',
      "I just don't want to be here",
      "don't want to be here for much longer",
      "don't want to be here, on this earth",
      "I don't want to be here at 7pm or ever again",
    ]) {
      expect(detectCrisisWith(text, true, rulesOnly).risk, text).toBe(true);
    }
  });
});

describe('detectCrisis, model round 8: reports about someone else, ordinary scopes, the surest model alone', () => {
  // Every model path open (the model alone would flag any message), except where the rules explained it away.
  const modelOpen = {
    thresholds: { ...CRISIS_THRESHOLDS, self: 0, plan: 0, negated: 0, ungated: 0, sure: 0, dismissed: 2 },
  };
  const rulesOnly = {
    thresholds: { ...CRISIS_THRESHOLDS, self: 2, plan: 2, dismissed: 2, negated: 2, ungated: 2, sure: 2 },
  };

  it('reads a report of someone else with no cue about the writer as concern for another only', () => {
    // The model gave it p(self) 0.82 (round 7, over self 0.8) and p(third) 0.09: the report's words are a plan's.
    const report = 'They told me last week that they have a plan to kill themselves. I am scared for them.';
    expect(detectCrisisWith(report, true, modelOpen)).toMatchObject({
      risk: false,
      kind: 'third-person',
      concernForOther: true,
    });
    expect(detectCrisis(report)).toMatchObject({ risk: false, kind: 'third-person' });
    // A cue about the writer beside the report still counts.
    expect(
      detectCrisisWith(
        'She told me she has a plan to end her life and honestly I want to die too',
        true,
        modelOpen,
      ).risk,
    ).toBe(true);
  });

  it('reads "nobody would notice if" with someone or something else as the subject as no cue', () => {
    for (const text of [
      'Nobody would notice if we moved the staff meeting to Thursday, honestly.',
      'nobody would notice if we skipped the fire drill paperwork',
      'No one would notice if the printer disappeared',
    ]) {
      expect(detectCrisisWith(text, true, modelOpen).risk, text).toBe(false);
    }
    // Still a cue about the writer (not explained away, so the open model may flag it).
    for (const text of ['No one would notice if I was gone', 'nobody would notice if i stopped turning up']) {
      expect(detectCrisisWith(text, true, modelOpen).risk, text).toBe(true);
    }
  });

  it('reads "could sleep forever" scoped to an ordinary time as no cue', () => {
    for (const text of [
      'I could sleep forever after this week',
      "I'm going to sleep forever this half term.",
    ])
      expect(detectCrisisWith(text, true, modelOpen).risk, text).toBe(false);
    expect(detectCrisisWith('I want to sleep forever after this week', true, rulesOnly).risk).toBe(true);
  });

  it('lets the surest model flag plain words with no gate word and no word of the writer', () => {
    // W1's line, missed by every path before round 8 (no gate word, no "I"): p(self) 1.00 by the fold model that
    // never saw W1, and by the shipped one.
    const text = 'Already done it. Took them at 9. Just waiting now.';
    expect(flagged(text)).toBe(true);
    expect(detectCrisisWith(text, true, { thresholds: { ...CRISIS_THRESHOLDS, sure: 2 } }).risk).toBe(false);
  });

  it('never lets the model veto self-harm going on now, told with "since" or "for"', () => {
    // Round 8's model reads "since September" as a recovery milestone (p(self) 0.30, under vetoStrong 0.4, and
    // "since" is a veto context word), which vetoed this crisis.txt line.
    for (const text of [
      "I've been self harming since September",
      'Ive been self-harming for weeks and i hide it',
      "I've been self harming since my divorce, not going to lie",
    ])
      expect(flagged(text), text).toBe(true);
    // Ended, free, denied, or another verb: unchanged (not flagged).
    for (const text of [
      "I've been self harm free since September",
      "I haven't been self harming since September",
      'I have not been self harming for months',
      'I have been self harming on and off since I was 15 but I am ok now, 2 years clean',
      'I have been self harming since I was 15 but I stopped last year',
      "I've been cutting down on sugar since January",
    ])
      expect(flagged(text), text).toBe(false);
  });

  it('does not let the model alone flag an absence notice with an ordinary reason', () => {
    // Round 8's model gives these p(self) 0.90–0.98 (authors' euphemisms taught it "I won't be here next week").
    for (const text of [
      "I won't be here tomorrow, dentist",
      "I won't be here on Thursday, I'm on a course.",
      "I won't be here for the staff meeting tonight",
      "I won't be around tomorrow, cover is sorted",
      "won't be in on Monday, it's my sister's wedding",
    ]) {
      expect(flagged(text), text).toBe(false);
      expect(detectCrisisWith(text, true, modelOpen).risk, text).toBe(false);
    }
    // A word of permanence, farewell or means keeps it the model's (and the rules') to read.
    for (const text of [
      "I won't be here for the staff meeting tonight or ever again, I'm sorry",
      "won't be in on Monday. I've sorted everything and the kids will be with my mum. Goodbye",
      "I won't be at the meeting tomorrow, I'll have taken the pills by then",
    ])
      expect(flagged(text), text).toBe(true);
  });
});

describe('detectCrisis, model rounds 4 to 8 (tests/fixtures/guards/README.md, "Model round 7" and "8")', () => {
  it('no longer flags tiredness in words of passive ideation (round 7; round 5 flagged it)', () => {
    // Round 4 flagged it (two authors' passive lines, "Just want to sleep forever", taught it); round 4b's authors
    // W15–W17 wrote harmless look-alikes of indirect risk talk, and the model stopped. Round 5's model (w18–w20 added,
    // chosen by CV across twenty-one author groups) gives it p(self) 0.91, above both round 4b's bar (0.9) and round
    // 5's (0.82): more authors wrote passive ideation as wanting to sleep and not wake. Recorded, not patched with a
    // rule. Round 7's model (w21 and w22 added: present self-harm beside recovery, and denials) gives it 0.79, under
    // the bars of round 7 (self 0.8, ungated 0.85), so it is not flagged: the harmless direction, ordinary tiredness,
    // and what the test expected before round 5. Round 8's model (w23–w25 added) gives it 0.85, over self 0.8: it
    // stays unflagged because "could sleep forever" scoped to an ordinary time ("after this week") is now explained
    // away by the rules, so the model alone must reach dismissed (0.92).
    expect(detectCrisis('I could sleep forever after this week').risk).toBe(false);
  });
});

describe('detectCrisis, model round 3 known trade-offs (tests/fixtures/guards/README.md, "Model round 3")', () => {
  it('records the two in-sample expectations the retrained model changed', () => {
    // Chosen by cross-validation across authors; both are reported to the lead rather than patched with a rule.
    expect(detectCrisis('I wish I could disappear to a beach for August').risk).toBe(true);
    expect(detectCrisis('a gun is easy to get round here').risk).toBe(false);
  });
});

describe('detectCrisis, dialect and regional spellings (dialect.ts, issue 11)', () => {
  it('reads dialect, regional and texting spellings as the standard words', () => {
    expect(normaliseForCrisis('naebody wid notice if ah wis gone')).toBe('nobody would notice if i was gone');
    expect(normaliseForCrisis('Ah cannae dae this nae mair')).toBe("i can't do this anymore");
    expect(normaliseForCrisis('mi cyaan tek it nuh more')).toBe("i can't take it anymore");
    expect(normaliseForCrisis('ion wanna be here no more')).toBe("i don't want to be here anymore");
    expect(normaliseForCrisis('imma end it tonite')).toBe("i'm going to end it tonight");
    expect(normaliseForCrisis("I ain't scared no more")).toBe("i'm not scared anymore");
    expect(normaliseForCrisis('mi just waan fi dead')).toBe('i just want to die');
    expect(normaliseForCrisis("goin' hame tae masel")).toBe('going home to myself');
  });

  it('keeps ordinary words that look like dialect forms', () => {
    for (const text of [
      'a canny lad, a goat and a wee dram',
      'ah well, ah see',
      'an ion channel in a cell',
      'the wi-fi is down again',
      'tae kwon do club after school',
      'my mum and ma came to the play',
      'it ended in a cabin with a robin',
      'the AV cupboard',
    ])
      expect(normaliseForCrisis(text), text).toBe(text.toLowerCase());
  });

  it('flags risk written in dialect as it flags the standard spelling', () => {
    for (const text of [
      'ah cannae dae this anymore, ah just want tae die', // Scots
      'a dinnae want tae be here nae mair',
      'naebody wid even notice if ah wisnae here',
      'wish ah wis deid',
      "I'm fixin' to end it, ain't nobody gonna miss me", // US South
      'imma kill masel tonite', // texting
      'abeg make I just die, I don tire', // Nigerian English
    ])
      expect(flagged(text), text).toBe(true);
  });

  it('does not flag hyperbole and venting in dialect, as in standard spelling', () => {
    for (const text of [
      "this marking's killin me, ah cannae be bothered",
      "ah'm deid tired",
      'mi a go dead from all this marking lol',
      'imma die if one more kid asks for a pen',
      'ion wanna see another worksheet ever',
      'ah could kill for a coffee',
      'nae chance ah’m daein cover the morra',
      "I ain't going to the staff meeting, dead tired",
      'finna sleep for a week after this term',
      'mi tired, mi done wid dis term',
    ])
      expect(flagged(text), text).toBe(false);
  });
});

describe('detectCrisis, the plainest statements in other languages (Cue.modelBlind)', () => {
  it('flags them in nine languages, however many ordinary words are around, which the model (English only) cannot veto', () => {
    for (const text of [
      'Quiero morirme, ya no puedo más con este colegio',
      "J'ai envie de mourir ce soir, je n'en peux plus",
      'Ich möchte sterben. Die Klasse, die Schulleitung, alles.',
      'Eu quero morrer, não aguento mais essa escola',
      'Voglio morire, sono stanca di tutto',
      'Nie chcę już żyć, mam dość',
      'gusto ko nang mamatay, pagod na pagod na ako',
      'main marna chahta hoon, bahut thak gaya hoon',
      'nataka kufa, sina nguvu tena',
    ]) {
      const r = detectCrisis(text);
      expect(r.risk, text).toBe(true);
      expect(r.concernForOther, text).toBe(false);
    }
  });

  it("does not flag that language's own negation, a figure of speech, or a joke", () => {
    for (const text of [
      "je n'ai pas envie de mourir, juste de dormir",
      'no quiero morir, solo estoy cansada',
      'je vais mourir de rire avec cette classe',
      'quiero morir lol este examen',
      'Meine Klasse spielt heute Theater.',
    ])
      expect(detectCrisis(text).risk, text).toBe(false);
  });
});

describe('detectCrisis, model round 12: an ordinary ache explains "hurts" away for the model alone', () => {
  // Every model-alone path open unless the rules explained something away (then never).
  const open = {
    thresholds: {
      ...CRISIS_THRESHOLDS,
      self: 0,
      plan: 0,
      ungated: 0,
      sure: 0,
      dismissed: 2,
      ungatedDismissed: 2,
    },
  };

  it('does not let the model alone flag an ache named plainly', () => {
    for (const text of [
      "I've marked 120 books this week and my wrist hurts",
      'Two hours of duty on the yard and my feet are killing me',
      'my back still aches from moving the tables for the exam hall',
    ])
      expect(detectCrisisWith(text, true, open).risk, text).toBe(false);
  });

  it('still lets it flag an ache told in words of self-harm, and the rules flag their cues beside an ache', () => {
    for (const text of [
      'my wrist hurts where I cut it last night and nobody at school knows',
      'my hands hurt from punching the wall in the staff toilet again',
    ])
      expect(detectCrisisWith(text, true, open).risk, text).toBe(true);
    expect(detectCrisis('my head hurts and I want to kill myself tonight').risk).toBe(true);
  });
});

describe('detectCrisis, model round 13: current self-harm in plain verbs on the body', () => {
  // The model never flags alone and vetoes every flag of the rules it may veto: only the rules decide.
  const rulesVetoed = modelOff(2);
  const rules = (text: string) => detectCrisisWith(text, true, rulesVetoed).risk;

  it('flags an act on the body told now, and the model may not veto it', () => {
    for (const text of [
      'aussie TA, cut my thighs where no one looks, 3rd time this week',
      'burned my arm with a lighter in the car park at lunch then back in for period 5',
      'Scratched my arms up with a compass during my PPA. Hate that I am back to this.',
      'cut again last night after the data meeting, long sleeves tomorrow',
      'I dig my nails into my wrists in meetings till they bleed',
    ])
      expect(rules(text), text).toBe(true);
  });

  it('does not flag an accident after it, or the same act told as the past', () => {
    for (const text of [
      'I burned my arm on the oven tray getting the cakes out for the bake sale',
      'cut my leg while gardening at the weekend, plaster on, all fine',
      'Years ago I burned my arms with a lighter. I am a school counsellor now.',
      "I scratched my wrists raw in my first year of teaching. It's been three years now and I have a therapist.",
      'Our budget got cut again, so no more trips this year.',
    ])
      expect(rules(text), text).toBe(false);
  });
});

describe('detectCrisis, model round 14: waking up at an ordinary time', () => {
  // The model alone flags any message with a gate word unless the rules explained something away.
  const modelOpen = {
    thresholds: { ...CRISIS_THRESHOLDS, self: 0, plan: 0, dismissed: 2, negated: 2, ungated: 2, sure: 2 },
  };
  const open = (text: string) => detectCrisisWith(text, true, modelOpen).risk;

  it('explains "don\'t want to wake up" away before an ordinary time or event, not otherwise', () => {
    for (const text of [
      "I don't want to wake up at 5:30 on Monday",
      "I don't want to wake up for the 6am alarm again",
      'i dont want to wake up before registration tomorrow',
    ])
      expect(open(text), text).toBe(false);
    // …and keeps it a cue alone, for good, or with no ordinary time.
    for (const text of [
      "I don't want to wake up",
      "I don't want to wake up tomorrow",
      "I don't want to wake up on Monday, or ever",
      'i dont want to wake up at all',
    ])
      expect(open(text), text).toBe(true);
  });
});

describe('detectCrisis, model round 14: ways of dying asked about, injury till the body gives', () => {
  // The rules alone: the model never flags and never vetoes.
  const rulesAlone = modelOff(0);
  const rules = (text: string) => detectCrisisWith(text, true, rulesAlone);

  it("flags the writer asking how quick or painful a way of dying is and self-injury till the body gives, only the writer's and now", () => {
    for (const text of [
      'is drowning quick? asking for real, the rip at our beach is bad',
      'how painless is hanging, i just need to know',
      'anyone know how long it takes to bleed out',
      'punched the wall in the store room till my knuckles split, every break now',
      'banging my head on the desk at home till I see stars most nights',
      'I burn my wrist with the iron after school when nobody is home',
    ])
      expect(rules(text).risk, text).toBe(true);
    // The same question put by someone else is concern; the past or an accident is no risk.
    for (const text of ['A sixth former asked me if drowning is quick and then went quiet.']) {
      const r = rules(text);
      expect(r.risk, text).toBe(false);
      expect(r.concernForOther, text).toBe(true);
    }
    for (const text of [
      'I used to hit my head against walls until I saw stars. It has been four years.',
      'I always burn my arm on the oven tray at the bake sale',
      "I'll keep marking till my hands go numb",
      'Year 9 water safety unit: how deep does water have to be for a child to drown?',
    ])
      expect(rules(text).risk, text).toBe(false);
  });
});

describe('detectCrisis, model round 15: cover stories, days not meant to be seen, affairs and slang', () => {
  // The rules alone: the model never flags and never vetoes.
  const rulesAlone = modelOff(0);
  const rules = (text: string) => detectCrisisWith(text, true, rulesAlone);

  it('flags an ordinary reason for going that the writer then denies, only as the writer', () => {
    for (const text of [
      'Told the team I am moving to Leeds. I am not moving anywhere.',
      "I told my line manager it was a dentist appointment. It isn't.",
      "packed up my desk, said i'm retiring. i'm not",
      "My mum thinks it's because of the new job in Bristol. There is no new job.",
      "Gave my plants to the office. Everyone thinks I'm having a clear-out. I'm not.",
    ])
      expect(rules(text).risk, text).toBe(true);
    for (const text of [
      "She told the head she's moving. She is not, she told me so.",
      "They told me it was a hospital appointment. It wasn't, it was a course, and I'm fine with that.",
      "I told the class I'm moving to a new classroom next term, but I'm not sure which one yet.",
      "They think I'm leaving for a new job. I'm not, I'm staying for years.",
    ])
      expect(rules(text).risk, text).toBe(false);
  });

  it('flags not meaning to see a coming day, and going to sleep for good, not ordinary ends', () => {
    for (const text of [
      'I have no intention of seeing Christmas this year.',
      "honestly i'd rather not be around to see another term",
      "I wouldn't mind much if I didn't see my next birthday.",
      'some nights I want to close my eyes and never open them again',
      'i just want to go to sleep after parents evening and not wake up',
    ])
      expect(rules(text).risk, text).toBe(true);
    for (const text of [
      'I have no intention of seeing the end of term show again, it clashes with my sister.',
      "I'm not planning to see Saturday's match, too much marking.",
      'I could lie down on the staffroom sofa and never get up till half term.',
    ])
      expect(rules(text).risk, text).toBe(false);
  });

  it('flags two plain arrangements together, medicine saved up and "sh" in slang; one arrangement or a reason is not enough', () => {
    for (const text of [
      'Gave away my fishing rods this week and rehomed the dog with my brother.',
      'Signed the flat over to my son. The date is picked.',
      "I've stopped taking my tablets so I can save them up.",
      'back to doing sh most nights, nobody knows',
      "the department would save a lot of money if I just wasn't here.",
    ])
      expect(rules(text).risk, text).toBe(true);
    for (const text of [
      'Updated my will after the baby was born, feels very grown up.',
      'Giving away all my old textbooks because I am retiring in July and my house is full.',
      'Rehomed the class hamster with a Year 4 family over the summer.',
      "I stopped taking my meds because of the side effects; the GP's changing them.",
      'sh, the baby is asleep',
    ])
      expect(rules(text).risk, text).toBe(false);
  });

  it('explains away a past belief disowned, a denied "ctb", and a joke beside a lesson plan', () => {
    for (const text of [
      "I used to believe my family would be better off without me. I don't believe that any more.",
      'no ctb thoughts, promise, just knackered',
      'if i have to rewrite this lesson plan once more im going to unalive myself skull emoji',
    ])
      expect(rules(text).risk, text).toBe(false);
    // The risk after the disowning still counts, and a plan beside a joke is still a plan.
    for (const text of [
      "I used to believe my family would be better off without me. I don't believe that any more. Now I want to die.",
      'ctb plan is done, the pills are in my drawer lol',
    ])
      expect(rules(text).risk, text).toBe(true);
  });
});

describe('detectCrisis, model round 15: ordinary times and arrangements for the model alone', () => {
  // The model alone flags any message with a gate word unless the rules explained something away.
  const modelOpen = {
    thresholds: { ...CRISIS_THRESHOLDS, self: 0, plan: 0, dismissed: 2, negated: 2, ungated: 2, sure: 2 },
  };
  const open = (text: string) => detectCrisisWith(text, true, modelOpen).risk;

  it('explains away waking early or late and a date set for an ordinary event, not an end', () => {
    for (const text of [
      "I don't want to wake up early on Saturday for the open day.",
      "i dont want to wake up so early tomorrow, it's the trip",
      "I've set the date for the parents' information evening.",
      'We picked the day for the Year 6 trip at last',
    ])
      expect(open(text), text).toBe(false);
    for (const text of [
      "I don't want to wake up early or ever again",
      "I've set the date for the end. Everything is sorted.",
      "I don't want to wake up tomorrow",
    ])
      expect(open(text), text).toBe(true);
  });
});

describe('detectCrisis, model round 15: a negation inside the cue is not the veto context', () => {
  // The model never flags alone; it vetoes every cue in a negation or past context and none outside one.
  const vetoInContext = modelOff({ vetoWeak: 2, vetoStrong: 2, vetoOutside: 0 });
  const flaggedThere = (text: string) => detectCrisisWith(text, true, vetoInContext).risk;

  it("reads the cue's own 'not' or 'no' as part of the cue, and a negation beside it as context", () => {
    for (const text of [
      'I have no intention of seeing Christmas this year.',
      "Told the team I'm moving to Leeds. I'm not moving anywhere.",
      'Some nights I want to lie down and never get up again.',
    ])
      expect(flaggedThere(text), text).toBe(true);
    for (const text of [
      "I have no intention of seeing Christmas this year, I'm not joking.",
      'Years ago I wanted to lie down and never get up again.',
    ])
      expect(flaggedThere(text), text).toBe(false);
  });
});

describe('detectCrisis: ids and codes are not words', () => {
  it('does not let a reference code make a short message long enough for the model alone', () => {
    // "Written on the bus, offline" scores 0.88 with the model but is five words, under the model-alone paths' six;
    // with a 12-character id after it (the e2e canary), main flagged it in 325 of 3,000 random ids.
    for (const id of ['c07a915d229c', 'd39f925c93e3', 'a65987c52a70'])
      expect(detectCrisis(`Written on the bus, offline ${id}`).risk, id).toBe(false);
  });

  it('still counts numbers and short codes as words', () => {
    expect(detectCrisis('Already done it. Took them at 9. Just waiting now.').risk).toBe(true);
    expect(detectCrisis('Done it. Took 500mg x 20 at 9. Waiting now.').risk).toBe(true);
  });
});

describe('detectCrisis: long posts (round 16L)', () => {
  // A venting post of 93 words the model reads at 0.14 as a whole; one of its windows ("it is the way you stop being a
  // person, bit by bit") reads 0.99, and "life" in the first sentence opened the gate.
  const venting =
    'Honestly the job has eaten my whole life this year. I used to paint on Sundays and go to gigs with friends. Now ' +
    'my weekends are marking and planning and a WhatsApp group that is mostly complaints about the trust. Someone at ' +
    'a wedding asked what I do for fun and I had nothing to say. It is the way you stop being a person, bit by bit, ' +
    'without noticing. I still like the kids and the subject. I just want my evenings back. Has anyone gone part ' +
    'time and found it helped?';
  // Risk buried mid-post: the whole reads 0.93, the window with "easier to just not wake up one morning" 1.00.
  const buried =
    'Another week of cover and duties and data drops. I sit in the car park for twenty minutes before I can go in. My ' +
    "sister keeps asking if I'm okay and I say I'm fine, just tired. The truth is I keep thinking it would be easier " +
    'to just not wake up one morning and be done with all of it. Then I go in and teach Year 8 about volcanoes like ' +
    'nothing is wrong. The head wants new seating plans by Monday.';

  // windowConfirm ships off (0): held-out long posts lost more risk lines than false alarms with 0.3 (README).
  const confirming = { ...CRISIS_THRESHOLDS, windowConfirm: 0.3 };

  it('with windowConfirm, does not flag a long post on one window the rest of the post does not confirm', () => {
    expect(detectCrisis(venting).score.self).toBeLessThan(confirming.windowConfirm);
    expect(detectCrisisWith(venting, true, { thresholds: confirming }).risk).toBe(false);
    expect(detectCrisisWith(venting, true, { thresholds: { ...confirming, windowConfirm: 0 } }).risk).toBe(
      true,
    );
  });

  it('still reads a long post in windows when the whole message confirms the window', () => {
    // Bars over the whole message's 0.93 and the model-alone paths off, so only a window can flag it.
    const high = { ...confirming, self: 0.97, plan: 0.97, ungated: 2, ungatedDismissed: 2, sure: 2 };
    expect(detectCrisisWith(buried, true, { thresholds: high }).risk).toBe(true);
    expect(detectCrisisWith(buried, true, { thresholds: { ...high, windowWords: 0 } }).risk).toBe(false);
    expect(flagged(buried)).toBe(true);
  });

  it("needs a long post's present risk near a cue before it keeps the model from vetoing", () => {
    // "wanted to die" told of two winters back; "I'm going to" and "right now" (PRESENT_RISK) only in the last lines.
    const recovery =
      'I start at a new school in January and I wanted to share it here, because this group got me through the worst ' +
      'of it. Two winters back I wanted to die. I stopped eating properly and I could not face the staffroom. A ' +
      'colleague noticed and sat with me in the car park until I agreed to see the GP. Five months off, therapy, ' +
      "medication and a lot of walking. The new head says nobody sends emails after five. I'm going to take the dog " +
      "for a long walk to celebrate. If you're in that place right now, please tell someone.";
    expect(flagged(recovery)).toBe(false);
    expect(flagged(recovery.replace('Two winters back I wanted to die.', 'Right now I want to die.'))).toBe(
      true,
    );
  });

  it('does not flag a long post on two cues the writer negated alone', () => {
    // "not thinking about hurting myself" and "not suicidal": each negated cue counts as weak, and the model reads the
    // whole post's distress at 0.36, over vetoWeak (0.1).
    const before =
      "I want to say first that I'm not in any danger and I'm not thinking about hurting myself, I've got the kids " +
      "and I'm going nowhere. But I'm so close to walking out of my job that it scares me. I can't see a way through. " +
      'My mentor left and was never replaced and';
    const after =
      'I get in at seven and leave at half five and mark at the kitchen table after bedtime. So no, not suicidal, ' +
      "just worn right down and empty. I need to know there's something on the other side of this.";
    expect(flagged(`${before} nobody checks on me. ${after}`)).toBe(false);
    // A weak cue the writer did not negate ("I feel so alone") still makes the pair.
    expect(flagged(`${before} I feel so alone. ${after}`)).toBe(true);
    // A short message keeps the old reading ("I'm not suicidal but I feel hopeless and trapped" is flagged above).
    expect(detectCrisis("I'm not suicidal but I feel hopeless and trapped").risk).toBe(true);
  });
});

describe('detectCrisis, model round 16: acts under way, practical questions, affairs settled', () => {
  // The rules alone: the model never flags and never vetoes.
  const rulesAlone = modelOff(0);
  const rules = (text: string) => detectCrisisWith(text, true, rulesAlone).risk;

  it('flags something taken and felt now, a failed attempt to be tried again, and a roof now', () => {
    for (const text of [
      'so dizzy from what i took, cant really type',
      "From what I've taken my hands are shaking and I feel sick.",
      'I did something stupid an hour ago. Now my heart is pounding.',
      'did it last night. it didnt work. gonna try again tonight',
      "i'm on the roof of the sports hall",
      "I'm sat on the roof now.",
    ])
      expect(rules(text), text).toBe(true);
    for (const text of [
      'Feeling drowsy from what I took for my hay fever.',
      'I did something stupid at parents evening, my head is still buzzing.',
      "Tried the new seating plan. It didn't work. Going to try again after half term.",
      "Printer jammed again. Tried, it didn't work, I'll try again after lunch.",
      "I'm on the roof fixing the aerial, back in ten.",
      "I'm on the roof rota this week.",
      "I'm up on the roof now with the caretaker getting the footballs.",
    ])
      expect(rules(text), text).toBe(false);
  });

  it('flags practical questions and notes in the words of a plan, not their ordinary twins', () => {
    for (const text of [
      'Who normally finds the body? I would hate it to be my daughter.',
      'my policy has a 12 month suicide exclusion, I took it out two years ago, am I covered now?',
      'When does the last train pass the level crossing on Mill Lane? Not catching it.',
      'I searched for "lethal doses" at lunch today.',
      "If you're reading this, I'm sorry.",
      'Put rocks in my coat pockets and sat by the river.',
      'sleeping tablets in the cupboard. how many is too many, asking for me',
      'is there a high place near the school? asking for me, not a trip',
    ])
      expect(rules(text), text).toBe(true);
    for (const text of [
      'Who finds people to cover the Year 9 trip?',
      'Does the death in service policy have a suicide exclusion? HR did not know.',
      "What time is the last train? Not catching it, I'm getting a lift.",
      'I searched for painless ways to get rid of wasps.',
      "If you're reading this on Monday, I'm sorry I missed the meeting.",
      'Who finds the body when the marking finally finishes me off?',
    ])
      expect(rules(text), text).toBe(false);
  });

  it('flags a cover story denied in more words, as round 15 did', () => {
    for (const text of [
      "Told the office I'm off on Monday for an appointment. There isn't one.",
      "Told my HoD I'm taking leave next week. I'm not coming back.",
      'Said I was moving to Spain. The only place I am going is the bridge.',
    ])
      expect(rules(text), text).toBe(true);
    expect(
      rules("Told my HoD I'm taking leave next week. I'm not coming back till June, it's a long one."),
      'back till',
    ).toBe(false);
  });

  it('flags two of affairs settled and a time or window named, not one', () => {
    for (const text of [
      'Paid back the money I owed Sam. That gives me the weekend.',
      'Made a will on Sunday. Not long now.',
      "Wrote instructions for my funeral. The old bridge, that's where.",
      'Figured out the dose from what I read online. Tonight is the night.',
      "My husband's away till Tuesday. I have what I need. I'll go before anyone's up.",
    ])
      expect(rules(text), text).toBe(true);
    for (const text of [
      'Made a will after the baby was born, feels very grown up.',
      'My husband gets home at 6. That gives me enough time to mark.',
      'Not long now!',
      "My wife's at her mum's. I have what I need for the DIY.",
    ])
      expect(rules(text), text).toBe(false);
  });

  it('flags passive wishes in new words: still here, the world without me, not fighting, fading, envying the dead', () => {
    for (const text of [
      "3am and I'm wondering why I'm still here.",
      "The world's better without me, I think.",
      "If I got seriously ill I wouldn't bother with treatment.",
      'if i just drifted off one night that would be fine',
      'I envy the people in the death notices.',
      'I wish I could rub myself out too.',
      'Some days I want to give it all away and just stop being.',
      'please god do not let me see another christmas',
    ])
      expect(rules(text), text).toBe(true);
    for (const text of [
      "Wondering why I'm still here at 7pm on a Friday.",
      'The world is fine without me at the conference, I am sure.',
      "If I got ill I wouldn't fight it, I'd stay home.",
      'If I disappeared for a week that would be nice.',
      'I envy people who can sleep anywhere.',
      'I wish I could sign myself out of this meeting.',
      'Can you stop being so loud?',
    ])
      expect(rules(text), text).toBe(false);
  });

  it('explains away "no wish to die", an old goodbye letter, a question answered no, and "I don\'t want to disappear anymore"', () => {
    for (const text of [
      "I'm fine, honestly, no wish to die, I just need to vent.",
      'Found my old suicide note in a drawer. Binned it. Not that person now.',
      'The GP asked if I had thought about ending it all. Truthfully, no.',
    ])
      expect(detectCrisis(text).risk, text).toBe(false);
    expect(
      detectCrisis('The GP asked if I had thought about ending it all. No. I lied. I want to die.').risk,
    ).toBe(true);
    // A negated wish to disappear is a weak cue (one alone does not flag), as "I don't want to die" is.
    expect(rules("I don't want to disappear anymore.")).toBe(false);
    expect(rules('I just want to disappear.')).toBe(true);
  });

  it('never lets the model veto an act under way (Cue.acute), and explains a promised return away for the model alone', () => {
    // The model vetoes every cue (bars over 1) and never flags alone.
    const vetoAll = modelOff(2);
    expect(detectCrisisWith("heart's racing from what i took, i'm not ok", true, vetoAll).risk).toBe(true);
    // …where another strong cue is vetoed.
    expect(detectCrisisWith('Everyone would be better off without me.', true, vetoAll).risk).toBe(false);
    const modelOpen = {
      thresholds: { ...CRISIS_THRESHOLDS, self: 0, plan: 0, dismissed: 2, negated: 2, ungated: 2, sure: 2 },
    };
    const open = (text: string) => detectCrisisWith(text, true, modelOpen).risk;
    expect(
      open("Sorting my will and passwords, it's for my operation on Friday. I fully intend to be back."),
    ).toBe(false);
    expect(open('Sorting my will and passwords. I want to die.')).toBe(true);
  });
});

describe('detectCrisis, model round 17: plans without the words of suicide (means kept, rehearsals, last tasks)', () => {
  // The rules alone: the model never flags and never vetoes.
  const rulesAlone = modelOff(0);
  const rules = (text: string) => detectCrisisWith(text, true, rulesAlone).risk;
  // The model vetoes every cue it may (bars over 1) and never flags alone.
  const vetoAll = modelOff(2);
  const vetoed = (text: string) => detectCrisisWith(text, true, vetoAll).risk;

  it('flags a medicine kept back in everyday words, and never lets the model veto a supply still being built', () => {
    for (const text of [
      "I've been putting aside half my citalopram since the autumn.",
      'kept back a week of my diazepam every month, there is a fair pile now',
      'My amitriptyline goes in a tin instead of down me these days.',
      'got a decent stash of my tramadol in the shed, should be enough',
      "I'd stockpiled my sertraline by Easter.",
    ])
      expect(rules(text), text).toBe(true);
    expect(vetoed("Been saving up my zopiclone since January, not that anyone's noticed.")).toBe(true);
    for (const text of [
      "I'm saving my insulin for the trip, the fridge there is tiny.",
      "I'm not stockpiling my sertraline, I take one a day as prescribed.",
      'Keeping back the paracetamol in the first aid box for the residential.',
      'The pharmacy kept back my prescription until the GP signed it.',
    ])
      expect(rules(text), text).toBe(false);
    // Told as done and long past, the model may still veto it.
    expect(vetoed('Years ago I stockpiled my tablets. I handed them in and I am well now.')).toBe(false);
  });

  it('flags a rehearsal at a height or with a means, never vetoed, and not a drill or a trip', () => {
    for (const text of [
      'Did a dry run on the railway bridge last night.',
      'had a test run with the rope in the garage',
    ])
      expect(vetoed(text), text).toBe(true);
    for (const text of [
      'Practice run on the roof terrace for the fire drill tomorrow.',
      'Did a dry run of the DofE route over the bridge with Year 9.',
      'Trial run of the new timetable on Monday.',
    ])
      expect(rules(text), text).toBe(false);
  });

  it('flags two signs of working up to it at an edge, not one, and not an edge of a pitch', () => {
    for (const text of [
      'sat on the parapet again tonight, working up to it',
      'The river has been calling my name all week. Got one leg over the railing on Tuesday.',
      "Got a leg over the barrier. Next time I won't climb back.",
    ])
      expect(rules(text), text).toBe(true);
    for (const text of [
      'Standing at the edge of the pitch in the rain, working up to it: the talk with the ref.',
      'That cake has been calling my name all afternoon.',
      'working up to it, the big conversation with my head',
      'Sat on the edge of the bed for ages this morning.',
    ])
      expect(rules(text), text).toBe(false);
    expect(rules('Working up the nerve to go through with it.')).toBe(true);
    expect(rules('Working up the nerve to ask for a pay rise.')).toBe(false);
  });

  it('flags some taken and the rest in question, an act under way, and not photos or the rest of the day', () => {
    for (const text of [
      "swallowed half of them. not all. don't know if I'll take the rest",
      'took some, not all. should i take the rest?',
    ])
      expect(vetoed(text), text).toBe(true);
    for (const text of [
      'Took some photos, not all of the class wanted to be in them.',
      "I'm taking the rest of the day off.",
      'Should I take the rest of the stationery home for the holidays?',
    ])
      expect(rules(text), text).toBe(false);
  });

  it('flags two of the last tasks named as the last, affairs done and a time alone; one does not flag', () => {
    for (const text of [
      'Marked the mocks so nobody has to do them for me. That was the last loose end.',
      'Life insurance is sorted and I have cleared my credit cards.',
      'Gave my passwords to my sister. Thinking Sunday, when the kids are at their dad’s.',
      "Cover's ready for three weeks. After that they won't need any from me.\nI wrote everything up because I won't be there.",
    ])
      expect(rules(text), text).toBe(true);
    for (const text of [
      'Last thing on my list: photocopying for Year 8.',
      'Cleared my overdraft at last, feels great!',
      "I won't be at the parents evening because I won't be there, I'm at a course.",
      'My pension paperwork is done, retirement here I come.',
    ])
      expect(rules(text), text).toBe(false);
  });

  it('flags an absence without end, nothing keeping the writer, ready to be dead, no future and no one missing them', () => {
    for (const text of [
      "won't be in on Friday, or any day after that",
      "Once the trip is over there's nothing keeping me.",
      "honestly I'm ready to be dead.",
      "can't see myself being alive by Christmas, and I'm calm about it",
      'Nobody would miss one more useless teacher.',
      'A man my age died in a crash on the bypass. Why him and not me.',
    ])
      expect(rules(text), text).toBe(true);
    for (const text of [
      "won't be in on Friday, or any time before ten",
      "There's nothing keeping me in this job now.",
      "I'm ready to die of embarrassment after that assembly.",
      "I can't see myself being here in five years, this school is changing.",
      'Nobody would miss one more staff meeting.',
      'The school would hardly miss one more trip.',
      "I've picked a date for the trip.",
    ])
      expect(rules(text), text).toBe(false);
    expect(rules("I've picked a date.")).toBe(true);
  });

  it("reads a cover story with the writer as its subject as the writer's, after a third-person noun", () => {
    expect(
      rules("Left the dog with my neighbour, told her I'm going away for a bit. I'm not going away."),
    ).toBe(true);
    // The story's subject "it" does not name the writer: after a third-person subject it stays another's.
    expect(rules('My neighbour told the head it was a hospital appointment. It wasn’t.')).toBe(false);
  });

  it("explains away the past, a thought that never crossed the writer's mind, and the writer's own question answered no", () => {
    for (const text of [
      'Had a horrible patch last spring, thought about ending it a lot. Therapy sorted it.',
      'Before, I wanted to die most mornings. Now I enjoy my class.',
      'The thought of ending my life has never crossed my mind, the thought of ending my contract has.',
      'Do I want to kill myself? Honestly, no. I want a holiday.',
    ])
      expect(detectCrisis(text).risk, text).toBe(false);
    // "like this" scoped to work is a weak cue (the model alone reads this line at 0.97 and may still flag it).
    expect(rules("I want to live, I just don't want to live like this, at work.")).toBe(false);
    for (const text of [
      'Do I want to kill myself? Honestly, yes.',
      'The thought of ending my life never crossed my mind until this term. Now it is all I think about.',
      "I don't want to live like this.",
    ])
      expect(detectCrisis(text).risk, text).toBe(true);
  });
});

describe('detectCrisis, round 17F (formal register): understated wishes and plans told as arrangements', () => {
  // The rules alone: the model never flags and never vetoes.
  const rulesAlone = modelOff(0);
  const rules = (text: string) => detectCrisisWith(text, true, rulesAlone).risk;
  const expectRules = (texts: string[], want: boolean) => {
    for (const text of texts) expect(rules(text), text).toBe(want);
  };

  it('flags passive wishes in formal words: the infinitive, the noun, no wish to continue, God asked to take the writer', () => {
    expectRules(
      [
        'For some time now I have wished to be dead.',
        'I confess that I wish to be dead most evenings.',
        'I would prefer to be dead, if I am honest with you.',
        'What I feel is a quiet wish to be dead, nothing more dramatic.',
        'There is a constant longing for death in me these days.',
        'Each night I pray for a swift death.',
        'I have no wish to continue.',
        'Frankly I have lost the will to carry on any longer.',
        'I have no desire to go on living like this.',
        'I see no point and have no reason left to live.',
        'I do not see a reason to go on for very much longer.',
        'I pray every night that God takes me soon.',
        'Some evenings I ask the Lord to call me home.',
        'I am ready to go to God.',
        'I feel ready to meet my maker, and I would welcome it.',
        'Honestly, death would be a relief.',
        'Death feels like a door I would walk through gladly.',
        'Sometimes I envy my late husband.',
        'I envy him now that he is at peace.',
        'I did not care whether the bus stopped.',
        'I find it impossible to imagine any future.',
        'I cannot picture a future for myself.',
        'Watashi wa shinitai.',
        'I have become a burden to my colleagues and my family.',
        'I feel I am only a burden now.',
        'I do not wish to continue in this way.',
        'I am ready to leave this world.',
      ],
      true,
    );
  });

  it('does not flag the same words in formal venting, grief, recovery, work and polite negation', () => {
    expectRules(
      [
        'I have no wish to continue with the course after Easter.',
        'There is no reason to continue the meeting past five.',
        'I have no desire to go on the trip this year.',
        'She spoke of a wish to be dead when she was admitted.',
        'His death was a release after so long an illness.',
        'For my father, death will be a release now.',
        'I prayed that God calls me to the ministry.',
        "Fire drill in my observed lesson. Let the roof cave in, I'm ready to meet God and lodge a complaint.",
        'I am ready to go to the conference on Friday.',
        'Ready for the end of term!',
        "Sometimes I envy my late colleague's handwriting.",
        'I did not care whether the bus was late, I had a book.',
        'I cannot imagine a future in this department.',
        'I cannot see a future for the school under this trust.',
        'Frankly I find it hard to imagine another term like this one.',
        'I have no wish to die, I simply need a rest.',
        'The wish to die has faded since the spring.',
        'I do not wish to be dead; I wish to be rested.',
        'I do not wish to become a burden upon my colleagues in retirement.',
        'The new reporting system is a burden on my department.',
        'I do not wish to continue in this way with the trip planning, so let us meet on Monday.',
        'I am ready to leave this school.',
        "I'm ready to go to the pub.",
      ],
      false,
    );
  });

  it('flags plans told as arrangements: a date chosen, a method decided on, means kept, no return', () => {
    expectRules(
      [
        'I have decided that Friday night will be my last.',
        'I have set a date. I will not trouble you with it.',
        'I have now chosen the first Sunday of the holidays as the date.',
        'I have decided on a method and a time.',
        'For the form: method - overdose. Date: decided.',
        'The tablets are in the drawer and I know exactly what I will do with them.',
        'The pills are kept in the car until my husband and son are away at the weekend.',
        'My sister believes I am going on holiday. In truth I shall not be coming back.',
        'They assume I am just moving house. I will not be coming back.',
        'I will not be in on Tuesday, nor after.',
        'I shall not be returning at all.',
        'You have all been so kind, as is proper before a journey from which one does not return.',
        'Would a jump from the multi-storey be fatal?',
        'What height would a person not survive? I ask for myself.',
        'This will be my last check-in. Thank you all.',
        'By the end of the month I shall not be here.',
      ],
      true,
    );
  });

  it('flags affairs settled in formal words only two together', () => {
    // Each alone is everyday…
    expectRules(
      [
        'The newspaper and the milk are cancelled while we are in Spain.',
        'The preparations are complete for the open evening.',
        'My arrangements are made.',
        'I have made arrangements for the school trip.',
        'The cat has been rehomed with my sister.',
        'Nothing left to settle on the invoice, thank you.',
        'I think that is everything. See you on Monday.',
        'The letters to parents are scheduled to arrive on Monday.',
        'Please do not let them blame themselves for the results.',
        'I have collected three months of my blood pressure tablets before the flight.',
        'The documents are signed and with my solicitor; the house sale completes Friday.',
        'I think I am ready to go now.',
        'Could too much caffeine kill an adult?',
      ],
      false,
    );
    // …two together flag.
    expectRules(
      [
        'My decision is made and the preparations are complete.',
        'The milk and the newspaper have been cancelled. The cat has been rehomed. I think that is everything.',
        'I have collected three months of my tablets. Please do not worry about me after this week.',
        'Could too much iron kill an adult? I am asking for myself.',
        'The passwords are in the top drawer. I think I am ready to go now.',
        'Whether too much aspirin can kill an adult, I do not know. I am asking about myself.',
        'Cover for my classes is arranged until the end of the year. I shall see to the last things and then it is done.',
      ],
      true,
    );
  });

  it('does not flag ordinary dates, methods, leaving and questions in the same register', () => {
    expectRules(
      [
        'Friday will be my last day.',
        'This term will be my last, I am retiring in July.',
        'We have set a date for the trip to the museum.',
        'I have set the date for the parents information evening.',
        'I have chosen the 14th as the date of the concert.',
        'I have decided on a method for teaching long division.',
        'We found a method that works for the Year 9 set.',
        'My head of department thinks I am only moving schools. I am, I start in September.',
        'I will not be in on Monday, I have a hospital appointment.',
        'I will be back on Monday.',
        'I shall not be returning to the school after my retirement party, but I will visit.',
        'What height should the high jump bar be for Year 7?',
        'Would a fall from the climbing frame be fatal? Asking for the risk assessment.',
        'I wrote my will when my daughter was born, as everyone should.',
        'After thirty years I am retiring at Christmas. Thank you all for everything.',
        'We are grieving our late colleague, and the funeral is on Friday.',
        'I had my last check-up at the clinic and all is well.',
        'By Friday I will not be here, I am on a course in Leeds.',
        'I shall finish the reports tonight and then it is done.',
        'Cover work is set until the end of term while I have my operation.',
      ],
      false,
    );
  });

  it('reads these cues as the kind a plan is only when a plan is named, and as concern for another in the third person', () => {
    expect(detectCrisisWith('She told me she has wished to be dead for months.', true, rulesAlone).risk).toBe(
      false,
    );
    expect(detectCrisisWith('I have decided on a method and a place.', true, rulesAlone).kind).toBe('plan');
  });

  it('keeps the model from vetoing an understated cue outside a context, not inside one (Cue.understated)', () => {
    // The model vetoes every cue outside a context (vetoOutside over 1) and never flags alone.
    const vetoOutside = modelOff(2);
    const vetoed = (text: string) => !detectCrisisWith(text, true, vetoOutside).risk;
    expect(vetoed('Please understand I am calm. But lately I have wished to be dead.')).toBe(false);
    expect(vetoed('I have set a date. I tell you so the school is not surprised.')).toBe(false);
    // …where the model still vetoes another cue outside a context…
    expect(vetoed('Everyone would be better off without me.')).toBe(true);
    // …and an understated cue with a negation or the past in its own sentence.
    expect(vetoed('Years ago, when I was ill, I wished to be dead.')).toBe(true);
    // A cue's own negation is not its context: "will not be in on Monday, nor after".
    expect(vetoed('It has been an honour. I will not be in on Monday, nor after.')).toBe(false);
  });
});
