import { describe, expect, it } from 'vitest';
import { parseFilter, parseQueryParams, parseSort, resolvePeriod } from '../../src/metrics/request.js';

const none = async () => null;

describe('query parameters shared by fupan query and GET /api/query', () => {
  it('parses the documented example', async () => {
    expect(await parseQueryParams({ metrics: 'gmv,buyers', by: 'channel', month: '2026-10' }, none)).toEqual({
      metrics: ['gmv', 'buyers'],
      dimensions: ['channel'],
      filters: [],
      period: { from: '2026-10-01', to: '2026-10-31' },
      compare: [],
      sort: [],
    });
  });

  it('filters: = is in, != is not_in, commas list values, the rest of the text is the value', () => {
    expect(parseFilter('channel=直播,短视频')).toEqual({
      dimension: 'channel',
      op: 'in',
      values: ['直播', '短视频'],
    });
    expect(parseFilter('device!=pc')).toEqual({ dimension: 'device', op: 'not_in', values: ['pc'] });
    expect(parseFilter("channel='; DROP TABLE orders; --")).toEqual({
      dimension: 'channel',
      op: 'in',
      values: ["'; DROP TABLE orders; --"],
    });
    expect(() => parseFilter('Channel;=x')).toThrow('expected DIMENSION=VALUE');
  });

  it('sort, limit and periods', async () => {
    expect(parseSort('gmv:desc,channel')).toEqual([
      { field: 'gmv', desc: true },
      { field: 'channel', desc: false },
    ]);
    expect(() => parseSort('gmv:down')).toThrow('asc or desc');
    await expect(parseQueryParams({ metrics: 'gmv', month: '2026-10', limit: '-1' }, none)).rejects.toThrow(
      'whole number',
    );
    await expect(resolvePeriod({ month: '2026-10', from: '2026-10-01' }, none)).rejects.toThrow('not both');
    await expect(resolvePeriod({ from: '2026-10-01' }, none)).rejects.toThrow('go together');
    await expect(resolvePeriod({}, none)).rejects.toThrow('no paid orders');
    expect(await resolvePeriod({}, async () => '2026-09')).toEqual({ from: '2026-09-01', to: '2026-09-30' });
  });

  it('refuses oversized input', async () => {
    await expect(parseQueryParams({ metrics: 'gmv,'.repeat(1000), month: '2026-10' }, none)).rejects.toThrow(
      'too long',
    );
    const filter = Array.from({ length: 21 }, (_, i) => `channel=${i}`);
    await expect(parseQueryParams({ metrics: 'gmv', month: '2026-10', filter }, none)).rejects.toThrow(
      'at most 20 filters',
    );
  });
});
