import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProvisioningOverview, ProvisioningRun } from '@contract/provisioning';
import { getProvisioningOverview, type UiError, type UiResult } from '../../common/client';
import { ACTIVE_STATUSES } from './labels';

export const POLL_INTERVAL_MS = 2000;

export type OverviewState =
  | { kind: 'loading' }
  | { kind: 'forbidden' }
  | { kind: 'error'; error: UiError }
  | { kind: 'ready'; overview: ProvisioningOverview; refreshError?: UiError };

/**
 * Loads provisioning/overview, and polls it every ~2 s while a run is queued, running or
 * waiting to retry. A failed refresh keeps the last good overview on screen and says so;
 * polling goes on, since the usual cause (a slow or busy Jira) is transient.
 */
export function useOverview() {
  const [state, setState] = useState<OverviewState>({ kind: 'loading' });
  const mounted = useRef(true);

  const apply = useCallback((result: UiResult<ProvisioningOverview>, initial: boolean) => {
    if (!mounted.current) return;
    if (result.ok) {
      setState({ kind: 'ready', overview: result.data });
    } else if (result.error.code === 'FORBIDDEN') {
      setState({ kind: 'forbidden' });
    } else {
      const error = result.error;
      setState((previous) =>
        previous.kind === 'ready' && !initial
          ? { ...previous, refreshError: error }
          : { kind: 'error', error }
      );
    }
  }, []);

  const fetchOverview = useCallback(
    (initial: boolean) => getProvisioningOverview().then((result) => apply(result, initial)),
    [apply]
  );

  useEffect(() => {
    mounted.current = true;
    void getProvisioningOverview().then((result) => apply(result, true));
    return () => {
      mounted.current = false;
    };
  }, [apply]);

  const active = state.kind === 'ready' && ACTIVE_STATUSES.has(state.overview.run.status);

  useEffect(() => {
    if (!active) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await fetchOverview(false);
      if (!stopped) timer = setTimeout(() => void tick(), POLL_INTERVAL_MS);
    };
    timer = setTimeout(() => void tick(), POLL_INTERVAL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, fetchOverview]);

  const reload = useCallback(() => {
    setState({ kind: 'loading' });
    void fetchOverview(true);
  }, [fetchOverview]);

  /** The run provisioning/start answered: shown at once, and it starts the polling. */
  const showRun = useCallback((run: ProvisioningRun) => {
    setState((previous) =>
      previous.kind === 'ready' ? { kind: 'ready', overview: { ...previous.overview, run } } : previous
    );
  }, []);

  return { state, reload, showRun };
}
