/**
 * The workspaces, one per kind of work: the overview every user starts on, and one for each
 * workspace a feature adds (the problem ledger, renovation coverage, street lighting). The
 * current one lives in the address (`?ws=ledger`), so a bookmark or a wall-screen URL opens it.
 * Pure: tested in Node.
 */
export const WORKSPACES = ['overview', 'ledger', 'renovation', 'lighting'] as const;
export type Workspace = (typeof WORKSPACES)[number];
export const DEFAULT_WORKSPACE: Workspace = 'overview';
export const WORKSPACE_QUERY_PARAM = 'ws';

export function parseWorkspace(value: string | null | undefined): Workspace | null {
  return (WORKSPACES as readonly string[]).includes(value ?? '') ? (value as Workspace) : null;
}

export function initialWorkspace(search: string): Workspace {
  return parseWorkspace(new URLSearchParams(search).get(WORKSPACE_QUERY_PARAM)) ?? DEFAULT_WORKSPACE;
}

/** The address with `?ws=` set (dropped for the default), other parameters and the hash kept. */
export function urlWithWorkspace(href: string, workspace: Workspace): string {
  const url = new URL(href);
  if (workspace === DEFAULT_WORKSPACE) url.searchParams.delete(WORKSPACE_QUERY_PARAM);
  else url.searchParams.set(WORKSPACE_QUERY_PARAM, workspace);
  return url.href;
}
