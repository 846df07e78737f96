/** Words of the lighting feature, zh-CN and en; keys start with 'lighting.'. */
import { defineMessages } from '../i18n/define';

export const lightingMessages = defineMessages({}, {});
