/** The settings dialog's one resolver call (the idea backlog's function answers it too). */
import { IDEAS_KEYS, type ConfigOptions, type ConfigOptionsPayload } from '@contract/ideas';
import { callResolver } from '../../common/invoke';
import type { UiResult } from '../../common/ui-result';

export const getConfigOptions = (payload: ConfigOptionsPayload): Promise<UiResult<ConfigOptions>> =>
  callResolver(IDEAS_KEYS.configOptions, payload);
