/** The settings dialog's one resolver call (the idea backlog's function answers it too). */
import { invoke } from '@forge/bridge';
import { IDEAS_KEYS, type ConfigOptions, type ConfigOptionsPayload } from '@contract/ideas';
import { networkError, toResult, type UiResult } from '../../common/ui-result';
import { showUnlicensed } from '../../common/unlicensed';

export async function getConfigOptions(payload: ConfigOptionsPayload): Promise<UiResult<ConfigOptions>> {
  let result: UiResult<ConfigOptions>;
  try {
    result = toResult<ConfigOptions>(
      await invoke(IDEAS_KEYS.configOptions, payload as Record<string, unknown>)
    );
  } catch (err) {
    return networkError(err);
  }
  // As in static/common/client.ts: an unlicensed site gets the one unlicensed page.
  if (!result.ok && result.error.code === 'UNLICENSED') showUnlicensed();
  return result;
}
