/** The settings dialog's one resolver call (the macro's resolver function answers it). */
import { invoke } from '@forge/bridge';
import { RETRO_KEYS, type ConfigureAnswer, type ConfigurePayload } from '@contract/retro';
import { networkError, toResult, type UiResult } from '../../common/ui-result';

export async function configureRetro(payload: ConfigurePayload): Promise<UiResult<ConfigureAnswer>> {
  try {
    return toResult<ConfigureAnswer>(await invoke(RETRO_KEYS.configure, payload as Record<string, unknown>));
  } catch (err) {
    return networkError(err);
  }
}
