/** The current workspace as reactive state, kept in step with `?ws=` in the address. */
import { onUrlState } from '../url-state';
import { initialWorkspace, urlWithWorkspace, type Workspace } from './workspaces';

let current = $state<Workspace>(initialWorkspace(location.search));

// A tour step or briefing scene that names another workspace switches to it.
onUrlState((search) => {
  current = initialWorkspace(search);
});

export function workspace(): Workspace {
  return current;
}

export function setWorkspace(next: Workspace): void {
  current = next;
  history.replaceState(history.state, '', urlWithWorkspace(location.href, next));
}
