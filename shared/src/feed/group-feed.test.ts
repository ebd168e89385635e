import { describe, expect, it } from 'vitest';
import type { Message } from '../schemas/messages.js';
import { GroupFeed } from './group-feed.js';

const msg = (seq: number, text = `m${seq}`): Message => ({
  groupId: 'g',
  seq,
  ts: seq,
  kind: 'text',
  author: { tag: 't', name: 'n' },
  text,
});
const seqs = (feed: GroupFeed) => feed.messages.map((m) => m.seq);

describe('GroupFeed', () => {
  it('when the first page arrives, then older history is not a hole', () => {
    const feed = new GroupFeed();
    feed.setBase([msg(51), msg(52)], 52);
    expect(seqs(feed)).toEqual([51, 52]);
    expect(feed.lastSeq).toBe(52);
    expect(feed.needsFill()).toBe(false);
  });

  it('when an empty group opens, then the next seq applies', () => {
    const feed = new GroupFeed();
    feed.setBase([], 0);
    feed.receive(msg(1));
    expect(seqs(feed)).toEqual([1]);
  });

  it('when live messages arrive before the first page, then they wait and apply in order once', () => {
    const feed = new GroupFeed();
    feed.receive(msg(12));
    feed.receive(msg(11));
    expect(seqs(feed)).toEqual([]);
    feed.setBase([msg(9), msg(10), msg(11)], 11);
    expect(seqs(feed)).toEqual([9, 10, 11, 12]);
  });

  it('when seqs arrive out of order, then each is shown once in order', () => {
    const feed = new GroupFeed();
    feed.setBase([], 0);
    for (const s of [2, 1, 4, 3, 3, 1, 5]) feed.receive(msg(s));
    expect(seqs(feed)).toEqual([1, 2, 3, 4, 5]);
  });

  it('when a seq is missing, then the feed asks for a fill and resumes after it', () => {
    const feed = new GroupFeed();
    feed.setBase([msg(1)], 1);
    feed.receive(msg(3));
    expect(feed.needsFill()).toBe(true);
    expect(feed.lastSeq).toBe(1);
    feed.receiveMany([msg(2), msg(3)]);
    expect(feed.needsFill()).toBe(false);
    expect(seqs(feed)).toEqual([1, 2, 3]);
  });

  it('when the server reports trimmed seqs, then the gap is recorded and the feed moves on', () => {
    const feed = new GroupFeed();
    feed.setBase([msg(1)], 1);
    feed.receive(msg(9));
    feed.skipGap({ from: 2, to: 8 });
    expect(feed.gaps).toEqual([{ from: 2, to: 8 }]);
    expect(seqs(feed)).toEqual([1, 9]);
  });

  it('when older history is paged in, then it goes before without duplicates', () => {
    const feed = new GroupFeed();
    feed.setBase([msg(5), msg(6)], 6);
    feed.prepend([msg(3), msg(4), msg(5)]);
    expect(seqs(feed)).toEqual([3, 4, 5, 6]);
  });

  it('when a message is updated, then it is replaced in place', () => {
    const feed = new GroupFeed();
    feed.setBase([msg(1), msg(2)], 2);
    feed.update({ ...msg(2), kind: 'removed', text: '' });
    expect(feed.find(2)?.kind).toBe('removed');
    expect(seqs(feed)).toEqual([1, 2]);
  });
});
