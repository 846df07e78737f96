/** Words of the renovation feature, zh-CN and en; keys start with 'renovation.'. */
import { defineMessages } from '../i18n/define';

export const renovationMessages = defineMessages({}, {});
