import { Queue } from '@forge/events';
import { PlatformError } from './errors';

/** Queue keys must match `modules.consumer[].queue` in manifest.yml. */
export const QUEUES = {
  provisioning: 'tandem-provisioning',
  capacityRelabel: 'tandem-capacity-relabel'
} as const;

export type Enqueue = (body: Record<string, unknown>, delayInSeconds?: number) => Promise<void>;

export function queueFor(key: (typeof QUEUES)[keyof typeof QUEUES]): Enqueue {
  return async (body, delayInSeconds) => {
    try {
      await new Queue({ key }).push({ body, ...(delayInSeconds ? { delayInSeconds } : {}) });
    } catch (error) {
      throw new PlatformError(
        'unavailable',
        `Could not queue the job: ${error instanceof Error ? error.message : String(error)}`
      );
    }
  };
}
