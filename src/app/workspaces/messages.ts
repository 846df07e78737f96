/** Names of the workspaces (the tabs in the header). */
import { defineMessages } from '../i18n/define';

export const workspaceMessages = defineMessages(
  {
    'workspace.tabs': '工作区',
    'workspace.overview': '总览',
    'workspace.ledger': '问题台账',
    'workspace.renovation': '老旧小区改造',
    'workspace.lighting': '路灯照明',
  },
  {
    'workspace.tabs': 'Workspaces',
    'workspace.overview': 'Overview',
    'workspace.ledger': 'Problem ledger',
    'workspace.renovation': 'Renovation',
    'workspace.lighting': 'Street lighting',
  },
);
