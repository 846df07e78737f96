import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKSPACE, initialWorkspace, parseWorkspace, urlWithWorkspace, WORKSPACES } from './workspaces';

describe('workspaces in the address', () => {
  it('starts on the overview without ?ws= or with an unknown one', () => {
    expect(initialWorkspace('')).toBe(DEFAULT_WORKSPACE);
    expect(initialWorkspace('?ws=nonsense')).toBe(DEFAULT_WORKSPACE);
    expect(parseWorkspace(null)).toBeNull();
  });

  it('opens every workspace named in ?ws=', () => {
    for (const ws of WORKSPACES) expect(initialWorkspace(`?lang=en&ws=${ws}`)).toBe(ws);
  });

  it('writes ?ws= for a workspace, drops it for the default, keeps the rest', () => {
    const href = 'http://127.0.0.1:5173/?lang=zh#x';
    expect(urlWithWorkspace(href, DEFAULT_WORKSPACE)).toBe(href);
    for (const ws of WORKSPACES.filter((w) => w !== DEFAULT_WORKSPACE)) {
      const url = new URL(urlWithWorkspace(href, ws));
      expect(url.searchParams.get('ws')).toBe(ws);
      expect(url.searchParams.get('lang')).toBe('zh');
      expect(url.hash).toBe('#x');
    }
  });
});
