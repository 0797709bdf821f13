import { z } from 'zod';
import { jiraAsApp } from '../platform/jira';
import { QUEUES, queueFor } from '../platform/queue';
import { forgeStore } from '../platform/store';
import { runProvisioningJob } from './provisioning';
import { InstallRecordSchema, KEYS } from './records';
import { lazySchema } from '../contract/lazy-schema';

const JobEvent = lazySchema(() => z.object({ body: z.object({ runId: z.string().min(1) }) }));

/** Queue consumer: runs (or resumes) a provisioning run as the app, after an admin asked for it. */
export async function handleProvisioningEvent(event: unknown): Promise<void> {
  const parsed = JobEvent.safeParse(event);
  if (!parsed.success) {
    console.error('provisioning event ignored: no runId');
    return;
  }
  const outcome = await runProvisioningJob(parsed.data.body.runId, {
    jira: jiraAsApp(),
    store: forgeStore,
    enqueue: queueFor(QUEUES.provisioning),
    now: () => new Date()
  });
  console.info(`provisioning run ${parsed.data.body.runId}: ${outcome}`);
}

/** Install records when the app arrived (for the 403 grace period) and changes nothing in Jira. */
export async function handleLifecycleEvent(event: unknown): Promise<void> {
  // The install payload carries installerAccountId, an upgrade's does not; some deliveries
  // also name the event in eventType.
  const payload = (event ?? {}) as { eventType?: unknown; installerAccountId?: unknown };
  if (payload.eventType === 'avi:forge:installed:app' || typeof payload.installerAccountId === 'string') {
    await forgeStore.set(KEYS.install, { installedAt: new Date().toISOString() });
    return;
  }
  // An upgrade keeps the first install's time; record one only if it was never written.
  const existing = await forgeStore.get(KEYS.install, InstallRecordSchema);
  if (!existing) await forgeStore.setIfAbsent(KEYS.install, { installedAt: new Date().toISOString() });
}
