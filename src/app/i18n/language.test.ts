import { describe, expect, it } from 'vitest';
import { initialLang, parseLang, urlWithLang } from './language';

describe('initialLang', () => {
  it('defaults to Chinese', () => {
    expect(initialLang('', null)).toBe('zh-CN');
  });

  it('takes the stored choice when the address says nothing', () => {
    expect(initialLang('', 'en')).toBe('en');
  });

  it('lets ?lang= override the stored choice', () => {
    expect(initialLang('?lang=en', 'zh-CN')).toBe('en');
    expect(initialLang('?x=1&lang=zh', 'en')).toBe('zh-CN');
  });

  it('ignores an unknown language and falls through to the next source', () => {
    expect(initialLang('?lang=fr', 'en')).toBe('en');
    expect(initialLang('?lang=fr', 'klingon')).toBe('zh-CN');
  });
});

describe('parseLang', () => {
  it('reads common tags loosely', () => {
    expect(parseLang('zh-Hans')).toBe('zh-CN');
    expect(parseLang('ZH-cn')).toBe('zh-CN');
    expect(parseLang('en-US')).toBe('en');
    expect(parseLang('')).toBeNull();
    expect(parseLang(undefined)).toBeNull();
  });
});

describe('urlWithLang', () => {
  it('sets ?lang= and keeps the rest of the address', () => {
    expect(urlWithLang('http://host/guatu/?demo=1#map', 'en')).toBe('http://host/guatu/?demo=1&lang=en#map');
    expect(urlWithLang('http://host/?lang=en', 'zh-CN')).toBe('http://host/?lang=zh');
  });
});
