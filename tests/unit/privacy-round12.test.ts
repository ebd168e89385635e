/**
 * Privacy round 12: names in casual text with no title, phones of every country (tests/fixtures/guards/README.md,
 * "Privacy round 12"). Every line here is my own, written for the rule it tests; none is a line of a training or
 * held-out file.
 */
import { describe, expect, it } from 'vitest';
import { getCountries, getExampleNumber, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { detectIdentifying } from '@staffroom/shared/guards/privacy';
import { matches, quiet } from '../support/privacy-expect.js';

const phoneFound = (text: string) => detectIdentifying(text).some((f) => f.kind === 'phone');

describe('privacy round 12: names with no title in casual text', () => {
  it('a lower-case full name by what the sentence says of the person', () => {
    expect(matches('ran into bongani dlamini at the shops, he says hi', 'full-name')).toEqual([
      'bongani dlamini',
    ]);
    expect(matches('saw thandiwe mokoena at the station, she looks well', 'full-name')).toEqual([
      'thandiwe mokoena',
    ]);
    expect(matches('kavya reddy reversed into the bollard again', 'full-name')).toEqual(['kavya reddy']);
    expect(matches('congrats to funmi adeyemi on the baby', 'full-name')).toEqual(['funmi adeyemi']);
    expect(matches('emeka obi is organising the quiz', 'full-name')).toEqual(['emeka obi']);
    expect(matches("priyanka sharma's leaving drinks are on friday", 'full-name')).toEqual([
      'priyanka sharma',
    ]);
    quiet([
      'grace hopper invented the compiler',
      'interest in science, she said',
      'tim hortons run anyone?',
      'got a voucher for the john lewis sale',
    ]);
  });

  it('a surname with its department, asked for or starting the sentence', () => {
    expect(matches('ogundipe from science has borrowed my kettle', 'full-name')).toEqual(['ogundipe']);
    expect(matches('ask brannigan in music for the keys', 'full-name')).toEqual(['brannigan']);
    quiet(['cover from maths tomorrow', 'progress in maths is slow']);
  });

  it('the writer in lower case, "… here" or "it\'s … btw"; a saint\'s school with no town', () => {
    expect(matches('tamati here, new to the group', 'full-name')).toEqual(['tamati']);
    expect(matches("it's priyanka btw, year 4", 'full-name')).toEqual(['priyanka']);
    expect(matches("meeting at st brigid's catholic primary on tuesday", 'school')).toEqual([
      "st brigid's catholic primary",
    ]);
    quiet(['its me btw', 'st patricks day school trip']);
  });
});

describe('privacy round 12: contact details of many countries', () => {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  // Numbers of at least seven digits (a few territories have five or six, below any phone rule's floor).
  const countries = getCountries().flatMap((c) => {
    const example = getExampleNumber(c, examples);
    return example && example.nationalNumber.length >= 7 ? [{ c, example }] : [];
  });

  it('every country: +CC always, the national format with a phone word or with the country named', () => {
    expect(countries.length).toBeGreaterThan(200);
    const missed: string[] = [];
    for (const { c, example } of countries) {
      const national = example.formatNational();
      const country = names.of(c as CountryCode) ?? c;
      if (!phoneFound(`${example.formatInternational()} after school`)) missed.push(`${c} +CC`);
      if (!phoneFound(`my number is ${national}, after school`)) missed.push(`${c} phone word`);
      if (!phoneFound(`my number is ${national.replace(/ /g, '.')}, after school`)) missed.push(`${c} dots`);
      // With the country named and no phone word, only a number in groups that is not a date's shape (Haiti's "34 10
      // 1234" reads as one): a run of digits alone stays quiet.
      const grouped = /\d \d/.test(national) && !/^\d{1,2} \d{1,2} \d{4}$/.test(national);
      if (grouped && !phoneFound(`back home in ${country}: ${national} after school`))
        missed.push(`${c} named`);
    }
    expect(missed).toEqual([]);
  });

  it('a national number with its trunk prefix, " / " groups, a phone word of another language, in words', () => {
    expect(matches('ruf mich an: 0151 / 2345 6789', 'phone')).toEqual(['0151 / 2345 6789']);
    expect(matches('mój numer: 512 345 678', 'phone')).toEqual(['512 345 678']);
    expect(matches('in Denmark my number is 20.12.34.56', 'phone')).toEqual(['20.12.34.56']);
    expect(matches('back home in Norway: 412 34 567', 'phone')).toEqual(['412 34 567']);
    expect(matches('my cell is seven oh three, five five five, double one two three', 'phone')).toEqual([
      'seven oh three, five five five, double one two three',
    ]);
    quiet([
      'one two three four five six seven eight, lets count',
      'the sats were 12.05.24 and 13.05.24',
      'class of 2019 2020 2021',
    ]);
  });

  it("addresses of more countries: a Japanese block number and ward, Bangladesh's house and road", () => {
    expect(matches('post it to 4-5-6 Nishiazabu, Minato-ku, Tokyo', 'address')).toEqual([
      '4-5-6 Nishiazabu, Minato-ku',
    ]);
    expect(matches('we are at House 7, Road 11, Gulshan', 'address')).toEqual(['House 7, Road 11']);
    quiet(['our house 12 road trip was fun', 'we sold 12 houses, road tax is due']);
  });

  it('another kind of number named before it; an email with the words of another language', () => {
    quiet(['PO number 4500987654 for the laptops', 'order no. 5551234567 arrived']);
    expect(matches('escreve pra mim: lucas ponto ferreira arroba gmail ponto com', 'email')).toEqual([
      'lucas ponto ferreira arroba gmail ponto com',
    ]);
  });
});
