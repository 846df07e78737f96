/** Names of the workspaces (the tabs in the header). */
import { defineMessages } from '../i18n/define';

export const workspaceMessages = defineMessages(
  {
    'workspace.tabs': '工作区',
    'workspace.overview': '总览',
  },
  {
    'workspace.tabs': 'Workspaces',
    'workspace.overview': 'Overview',
  },
);
