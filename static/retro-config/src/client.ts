/** The settings dialog's one resolver call (the macro's resolver function answers it). */
import { RETRO_KEYS, type ConfigureAnswer, type ConfigurePayload } from '@contract/retro';
import { callResolver } from '../../common/invoke';
import type { UiResult } from '../../common/ui-result';

export const configureRetro = (payload: ConfigurePayload): Promise<UiResult<ConfigureAnswer>> =>
  callResolver(RETRO_KEYS.configure, payload);
