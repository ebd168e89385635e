import { describe, expect, it } from 'vitest';
import { encodeAck, encodeEvent, encodeEventParts } from './encoded-emit.js';

/** Reads one unmasked WebSocket frame: [fin+opcode byte, payload text]. */
function readFrame(frame: Buffer): { first: number; payload: string } {
  const len7 = (frame[1] as number) & 0x7f;
  expect((frame[1] as number) & 0x80).toBe(0); // server frames are not masked
  let offset = 2;
  let length = len7;
  if (len7 === 126) {
    length = frame.readUInt16BE(2);
    offset = 4;
  } else if (len7 === 127) {
    length = Number(frame.readBigUInt64BE(2));
    offset = 10;
  }
  expect(frame.length).toBe(offset + length);
  return { first: frame[0] as number, payload: frame.subarray(offset).toString('utf8') };
}

describe('encodeEvent', () => {
  it.each([
    ['a short payload (7-bit length)', 10],
    ['a payload of 126 to 65,535 bytes (16-bit length)', 2_000],
    ['a payload over 65,535 bytes (64-bit length)', 70_000],
  ])(
    'when the event has %s, then the frame is one final text frame holding the engine.io message',
    (_, n) => {
      const payload = JSON.stringify({ groupId: 'g', text: 'é'.repeat(n) });
      const event = encodeEvent('message:new', payload);
      expect(event.packet).toBe(`2["message:new",${payload}]`);
      const { first, payload: text } = readFrame(event.frame);
      expect(first).toBe(0x81);
      expect(text).toBe(`4${event.packet}`);
      expect(JSON.parse(text.slice(2))).toEqual(['message:new', JSON.parse(payload)]);
    },
  );

  it('when lengths fall on the header boundaries, then the length field is the right size', () => {
    // '4' + '2["e",' + payload + ']' = payload + 8 bytes; the payload is a string of total - 10 x's, quoted.
    for (const total of [125, 126, 65_535, 65_536]) {
      const event = encodeEvent('e', `"${'x'.repeat(total - 10)}"`);
      expect(Buffer.byteLength(event.packet) + 1).toBe(total);
      const headerBytes = total < 126 ? 2 : total < 65_536 ? 4 : 10;
      expect(event.frame.length).toBe(headerBytes + total);
      expect(readFrame(event.frame).payload).toBe(`4${event.packet}`);
    }
  });
});

describe('encodeAck', () => {
  it('when an event with id 12 is answered, then the frame holds the ack packet socket.io writes for it', () => {
    const answer = { ok: true, data: { seq: 7, ts: 1, duplicate: false, text: 'é "quoted"' } };
    const ack = encodeAck(12, [answer]);
    // socket.io-parser: type 3 (ACK), no namespace for "/", the id, then JSON of the arguments array.
    expect(ack.packet).toBe(`312${JSON.stringify([answer])}`);
    const { first, payload } = readFrame(ack.frame);
    expect(first).toBe(0x81);
    expect(payload).toBe(`4${ack.packet}`);
    expect(JSON.parse(payload.slice(4))).toEqual([answer]);
  });

  it('when the id has several digits and the answer is long, then the length field still fits', () => {
    const ack = encodeAck(123_456, [{ ok: false, error: { code: 'X', message: 'y'.repeat(300) } }]);
    expect(ack.packet.startsWith('3123456[')).toBe(true);
    expect(readFrame(ack.frame).payload).toBe(`4${ack.packet}`);
  });
});

describe('encodeEventParts', () => {
  it.each([10, 2_000, 70_000])(
    "when the payload comes as bytes and text (%i characters of text), then the frame and packet are encodeEvent's",
    (n) => {
      const one = JSON.stringify({ seq: 1, groupId: 'g', text: 'é'.repeat(n) });
      const two = JSON.stringify({ seq: 2, groupId: 'g', text: '☕ ok' });
      const parts = ['{"groupId":"g","messages":[', Buffer.from(one), ',', Buffer.from(two), ']}'];
      const whole = `{"groupId":"g","messages":[${one},${two}]}`;
      const fromParts = encodeEventParts('message:batch', parts);
      const fromText = encodeEvent('message:batch', whole);
      expect(fromParts.frame.equals(fromText.frame)).toBe(true);
      expect(fromParts.packet).toBe(fromText.packet);
      expect(readFrame(fromParts.frame).payload).toBe(`4${fromParts.packet}`);
    },
  );
});
