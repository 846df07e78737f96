/** Words of the ledger feature, zh-CN and en; keys start with 'ledger.'. */
import { defineMessages } from '../i18n/define';

export const ledgerMessages = defineMessages({}, {});
