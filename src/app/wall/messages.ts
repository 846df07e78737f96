/** Words of the wall feature, zh-CN and en; keys start with 'wall.'. */
import { defineMessages } from '../i18n/define';

export const wallMessages = defineMessages({}, {});
