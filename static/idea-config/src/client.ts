/** The settings dialog's one resolver call (the idea backlog's function answers it too). */
import { invoke } from '@forge/bridge';
import { IDEAS_KEYS, type ConfigOptions, type ConfigOptionsPayload } from '@contract/ideas';
import { networkError, toResult, type UiResult } from '../../common/ui-result';

export async function getConfigOptions(payload: ConfigOptionsPayload): Promise<UiResult<ConfigOptions>> {
  try {
    return toResult<ConfigOptions>(
      await invoke(IDEAS_KEYS.configOptions, payload as Record<string, unknown>)
    );
  } catch (err) {
    return networkError(err);
  }
}
