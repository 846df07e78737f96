/** Words of the briefing feature, zh-CN and en; keys start with 'briefing.'. */
import { defineMessages } from '../i18n/define';

export const briefingMessages = defineMessages({}, {});
