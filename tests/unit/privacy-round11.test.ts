/**
 * Privacy round 11: casual social text (tests/fixtures/guards/README.md, "Privacy round 11"). Every line here is my
 * own, written for the rule it tests; none is a line of a training or held-out file.
 */
import { describe, expect, it } from 'vitest';
import { matches, quiet } from '../support/privacy-expect.js';

describe('privacy round 11: casual social text', () => {
  it('a lower-case honorific before a word no list knows, in a person context', () => {
    expect(matches('mrs adebanjo in yr 6 cancelled the trip again', 'full-name')).toEqual(['mrs adebanjo']);
    expect(matches('pls tell mr thornycroft the printer is broken', 'full-name')).toEqual(['mr thornycroft']);
    expect(matches('ms quinlan from pastoral rang me at home', 'full-name')).toEqual(['ms quinlan']);
    expect(matches('mr hollingsworth the deputy said no phones', 'full-name')).toEqual(['mr hollingsworth']);
    expect(matches('it was miss ashdown in y3 who saw it', 'full-name')).toEqual(['miss ashdown']);
    expect(matches('mr and mrs kettleby came in after school', 'full-name')).toEqual(['mrs kettleby']);
    quiet([
      'mr tumble is on again, mr cellophane is a song',
      'i miss summer so much',
      'gonna miss hershey bars in the staffroom',
      'tl;dr boyfriend got cross and left',
      'we will miss tuesday in yr 6 because of the trip',
    ]);
  });

  it('a lower-case full name after a school role or "run by", before a role or a pronoun', () => {
    expect(matches('my hod is karen winterbottom and she hates me', 'full-name')).toEqual([
      'karen winterbottom',
    ]);
    expect(matches('head of year is gareth prothero hes sound', 'full-name')).toEqual(['gareth prothero']);
    expect(matches('the choir is run by fiona mcandrew', 'full-name')).toEqual(['fiona mcandrew']);
    expect(matches('my neighbour is colin braithwaite the councillor', 'full-name')).toEqual([
      'colin braithwaite',
    ]);
    expect(matches('the lollipop man aka bill tarrant is retiring', 'full-name')).toEqual(['bill tarrant']);
    quiet(['my hod is lovely and she is fair', 'the club is run by volunteers', 'aka bill payment day']);
  });

  it('a lower-case school with its town, a saint school with its town or a school word', () => {
    expect(matches('anyone at oakfield academy in swindon?', 'school')).toEqual(['oakfield academy']);
    expect(matches('cresthaven junior high in tulsa is hiring', 'school')).toEqual([
      'cresthaven junior high',
    ]);
    expect(matches('brackenway comp in rotherham has a new head', 'school')).toEqual(['brackenway comp']);
    expect(matches('i started at st brigids in athlone', 'school')).toEqual(['st brigids']);
    expect(matches('st cuthberts c of e in durham is tiny', 'school')).toEqual(['st cuthberts c of e']);
    quiet([
      'my sons high school in ohio is huge',
      'we went to st ives in cornwall',
      'st pauls in london is lovely at night',
      'i teach primary in kent',
      'a rural school in wales',
      'grad school in boston was hard',
      'the best school in town',
    ]);
  });

  it('a lower-case street after "live" or "moved", and lower-case UK postcodes by their area', () => {
    expect(matches('we live off larch st near the park', 'address')).toEqual(['larch st']);
    expect(matches('they moved to holloway lane last year', 'address')).toEqual(['holloway lane']);
    expect(matches('the venue postcode is bs7 8qt', 'address')).toEqual(['bs7 8qt']);
    expect(matches('my postcode is m14 6ab', 'address')).toEqual(['m14 6ab']);
    quiet([
      'i live on a busy road',
      'we moved to the main road',
      'i live off toast in term time',
      'see u b4 2pm',
      'ks2 3rd in the league',
    ]);
  });

  it('a phone with "my mobile" after it, a web address in words, a handle named on a platform', () => {
    expect(matches('07123 456789 my mobile if the bus is late', 'phone')).toEqual(['07123 456789']);
    expect(matches('my blog is marginsandmugs dot wordpress dot com', 'profile-url')).toEqual([
      'marginsandmugs dot wordpress dot com',
    ]);
    expect(matches('find me on twitter as missjteaches', 'profile-url')).toEqual(['missjteaches']);
    expect(matches('my insta handle is chalkymrsp', 'profile-url')).toEqual(['chalkymrsp']);
    quiet([
      'scored 12345 67890 my home record',
      'google dot com has the answer',
      'im on twitter as well',
      'i was on tiktok as a guest',
    ]);
  });

  it('sitcom characters are public names', () => {
    quiet(['michael scott energy at the inset day', 'very leslie knope of her to plan it all']);
  });
});
