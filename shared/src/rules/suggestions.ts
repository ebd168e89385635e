/** Words for suggested pseudonyms: a calm adjective, an animal and a number, e.g. "SteadyHeron42". */
export const ADJECTIVES =
  `Amber Brave Bright Calm Candid Cheerful Clever Cosy Curious Daring Gentle Glad Golden
Hardy Hopeful Jolly Keen Kind Lively Lucky Mellow Merry Mild Misty Nimble Patient Plucky Quiet Ready Rested Sage
Serene Silver Sincere Snug Spry Steady Sunny Swift Thoughtful Tidy Tranquil Trusty Warm Wise Witty Zesty`.split(
    /\s+/,
  );

export const ANIMALS =
  `Badger Bear Beaver Bison Crane Deer Dolphin Dove Falcon Ferret Finch Fox Gecko Hare Hedgehog
Heron Ibis Koala Lark Lemur Lynx Marten Mole Moose Newt Otter Owl Panda Pelican Penguin Puffin Quail Rabbit Raven
Robin Salmon Seal Sparrow Stork Swan Tapir Tern Toucan Turtle Walrus Wombat Wren Yak Zebra`.split(/\s+/);

/**
 * One suggestion from a random source in [0, 1). Pure, so the client and tests can call it with a seeded source.
 * @example suggestPseudonym(Math.random) // "PatientOtter17"
 */
export function suggestPseudonym(random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length) % list.length] as T;
  const n = 10 + Math.floor(random() * 90);
  return `${pick(ADJECTIVES)}${pick(ANIMALS)}${n}`;
}
