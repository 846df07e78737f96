import { describe, expect, it } from 'vitest';
import { clockOfSliderMinute, DEFAULT_LIGHTING_VIEW, readLightingView, sliderMinuteOfClock, urlWithLightingView } from './view-state';

describe('the lighting view in the address', () => {
  it('reads the defaults from an address without lighting parameters', () => {
    expect(readLightingView('?ws=lighting&lang=en')).toEqual(DEFAULT_LIGHTING_VIEW);
  });

  it('reads a night view: date, time after midnight, overrides off, metric, faulty list open', () => {
    expect(readLightingView('?ltNight=1&ltDate=2026-11-20&ltTime=00:30&ltOff=b,a,a&ltMetric=dark&ltFaulty=1')).toEqual({
      night: true,
      date: '2026-11-20',
      minute: 24 * 60 + 30,
      disabled: ['a', 'b'],
      metric: 'dark',
      faultyOpen: true,
    });
  });

  it('drops what is malformed or outside the evening slider', () => {
    expect(readLightingView('?ltDate=2026-02-30&ltTime=12:30&ltMetric=heat')).toEqual(DEFAULT_LIGHTING_VIEW);
    expect(readLightingView('?ltTime=25:00').minute).toBeNull();
  });

  it('writes only what differs from the defaults and keeps the other parameters and the hash', () => {
    const href = urlWithLightingView('http://127.0.0.1:5173/?ws=lighting&lang=zh#map', { ...DEFAULT_LIGHTING_VIEW, night: true, minute: 23 * 60, disabled: ['back-2h-later'] });
    const url = new URL(href);
    expect(url.searchParams.get('ltNight')).toBe('1');
    expect(url.searchParams.get('ltTime')).toBe('23:00');
    expect(url.searchParams.get('ltOff')).toBe('back-2h-later');
    expect(url.searchParams.get('ltMetric')).toBeNull();
    expect(url.searchParams.get('ws')).toBe('lighting');
    expect(url.hash).toBe('#map');
    expect(readLightingView(url.search)).toEqual({ ...DEFAULT_LIGHTING_VIEW, night: true, minute: 23 * 60, disabled: ['back-2h-later'] });
    expect(new URL(urlWithLightingView(href, DEFAULT_LIGHTING_VIEW)).search).toBe('?ws=lighting&lang=zh');
  });

  it('maps clock times onto the evening slider and back, mornings after midnight', () => {
    expect(sliderMinuteOfClock('16:00')).toBe(960);
    expect(sliderMinuteOfClock('01:30')).toBe(1530);
    expect(sliderMinuteOfClock('08:00')).toBe(1920);
    expect(sliderMinuteOfClock('08:10')).toBeNull();
    expect(sliderMinuteOfClock('15:50')).toBeNull();
    expect(clockOfSliderMinute(1530)).toBe('01:30');
  });
});
