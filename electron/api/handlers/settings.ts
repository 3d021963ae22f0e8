import type { settingsMethods } from '../../../shared/api/settings';
import type { DomainHandlers } from './types';

export const settingsHandlers: DomainHandlers<typeof settingsMethods> = {};
