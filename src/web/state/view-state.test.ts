import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, parseViewState, serializeViewState, type ViewState } from './view-state.js';

describe('view state in the address', () => {
  it('round-trips every field', () => {
    const s: ViewState = {
      view: 'breakdown',
      lang: 'en',
      preset: 'custom',
      from: '2026-10-03',
      to: '2026-10-09',
      grain: 'week',
      dim: 'device',
      diag: 'conversion',
      filters: { channel: '直播', province: '广东' },
      sort: { field: 'orders', desc: false },
      today: '2026-10-31',
    };
    const text = serializeViewState(s);
    expect(text).toBe(
      '?view=breakdown&lang=en&preset=custom&from=2026-10-03&to=2026-10-09&grain=week&dim=device&diag=conversion' +
        '&channel=%E7%9B%B4%E6%92%AD&province=%E5%B9%BF%E4%B8%9C&sort=%2Borders&today=2026-10-31',
    );
    expect(parseViewState(text)).toEqual(s);
  });

  it('leaves defaults out, and falls back to them for anything unknown or malformed', () => {
    expect(serializeViewState(DEFAULT_STATE)).toBe('');
    const s = parseViewState(
      '?view=admin&lang=fr&preset=forever&grain=hour&dim=password&diag=roas&sort=-x;DROP&today=2026-13-01&from=2026-01-01&foo=1',
    );
    expect(s).toEqual(DEFAULT_STATE);
  });

  it('keeps filter values as text (they are bound parameters on the server)', () => {
    const s = parseViewState(`?channel=${encodeURIComponent("'; DROP TABLE orders; --")}`);
    expect(s.filters.channel).toBe("'; DROP TABLE orders; --");
  });
});
