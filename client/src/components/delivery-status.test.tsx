import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { DeliveryStatus } from './delivery-status';

describe('where a message of mine stands', () => {
  it('when drawn, then the words carry the meaning: the dot is hidden from screen readers, the tone is a class', () => {
    expect(renderToStaticMarkup(<DeliveryStatus tone="sent">Sent</DeliveryStatus>)).toBe(
      '<p class="delivery-status delivery-status--sent"><span class="delivery-status__dot" aria-hidden="true"></span>Sent</p>',
    );
  });

  it('when a message was not sent, then the line can be an alert and keeps the place’s own class', () => {
    const html = renderToStaticMarkup(
      <DeliveryStatus tone="problem" role="alert" className="cmsg__status">
        Not sent.
      </DeliveryStatus>,
    );
    expect(html).toContain('<p class="delivery-status delivery-status--problem cmsg__status" role="alert">');
  });
});
