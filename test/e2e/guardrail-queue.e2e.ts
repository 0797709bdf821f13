import type { Page } from 'playwright-core';
import {
  actAs,
  expectVisible,
  invokeAsPersona,
  previewForSuite,
  screenshot,
  startPreview,
  tempDir
} from './support/harness';

/**
 * The approvers' JQL queue: the guardrail state is copied to the issue property the manifest
 * indexes (tandemDecision, tandemApproval, tandemTier), so Jira's own search finds what waits
 * for approval. Driven through the preview's issue search (Filters), as the IT approver.
 */

const PAGE_KEY = 'MKT-14';

async function issueIdOf(page: Page, key: string): Promise<string> {
  return page.evaluate(async (issueKey) => {
    const res = await fetch('/api/product-fetch', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ product: 'jira', restPath: `/rest/api/3/issue/${issueKey}?fields=summary` })
    });
    const answer = (await res.json()) as { body: string };
    return (JSON.parse(answer.body) as { id: string }).id;
  }, key);
}

async function invokePanel(page: Page, functionKey: string, payload: unknown): Promise<void> {
  const answer = (await invokeAsPersona(page, {
    moduleKey: 'tandem-guardrail-panel',
    functionKey,
    payload,
    location: { issueKey: PAGE_KEY }
  })) as { ok: boolean; error?: unknown };
  expect(answer).toMatchObject({ ok: true });
}

describe('approvers find their queue with JQL', () => {
  const suite = previewForSuite(() => startPreview({ dataDir: tempDir('queue') }));

  it('a requested approval shows in "tandemApproval = requested" for the IT approver', async () => {
    const page = await suite.browser().page();
    const base = suite.preview().url;
    await page.goto(`${base}/`);
    await actAs(page, 'requester');
    const issueId = await issueIdOf(page, PAGE_KEY);
    await invokePanel(page, 'guardrails/save', {
      issueId,
      definition: {
        title: 'Winter collection',
        purpose: 'Answer demo requests',
        privacyNoticeUrl: 'https://www.example.com/privacy',
        retentionMonths: 24,
        forms: [
          {
            id: 'signup',
            fields: [
              { name: 'email', label: 'Work email', inputType: 'email', required: true },
              { name: 'dob', label: 'Date de naissance', inputType: 'date' }
            ]
          }
        ]
      }
    });
    await invokePanel(page, 'guardrails/request-approval', { issueId });

    await actAs(page, 'approver');
    // From any Jira page, as people do: the top bar's Filters.
    await page.goto(`${base}/jira/browse/MKT-1`);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'Filters' }).first().click()
    ]);
    await expectVisible(page.getByRole('heading', { name: 'Search issues' }));
    expect(await page.locator('#jql').inputValue()).toBe('tandemApproval = requested ORDER BY updated DESC');
    const row = page.getByRole('table').getByRole('row').filter({ hasText: PAGE_KEY });
    await expectVisible(row);
    await screenshot(page, 'guardrail-approver-queue');

    // The other queues: the page needs approval; nothing is blocked.
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Need approval' }).click()]);
    await expectVisible(page.getByRole('table').getByRole('row').filter({ hasText: PAGE_KEY }));
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Blocked pages' }).click()]);
    await expectVisible(page.getByText('No issue matches this query.'));

    // A query Jira refuses says so.
    await page.locator('#jql').fill('tandemTier = ');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Search', exact: true }).click()
    ]);
    await expectVisible(page.getByRole('alert').getByText('Jira refused the query'));

    // From the queue to the issue.
    await page.goto(`${base}/jira/issues`);
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: PAGE_KEY }).click()]);
    expect(new URL(page.url()).pathname).toBe(`/jira/browse/${PAGE_KEY}`);
  });
});
