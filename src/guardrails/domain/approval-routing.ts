import { approvalReason } from './finding-messages';
import type { ApprovalRequirement, Finding, FindingCode } from './findings';
import type { Tier } from './definition';
import type { Policy } from './policy';

/* Who must approve a page and why, from the findings that need an approval. */

export function approvalsFor(
  findings: ReadonlyArray<Finding>,
  policy: Policy,
  pageTier: Tier
): ApprovalRequirement[] {
  const byGroup = new Map<string, FindingCode[]>();
  for (const finding of findings) {
    if (finding.severity !== 'approval' || finding.approverGroup === undefined) continue;
    const codes = byGroup.get(finding.approverGroup);
    if (codes === undefined) byGroup.set(finding.approverGroup, [finding.code]);
    else if (!codes.includes(finding.code)) codes.push(finding.code);
  }
  const tierGroup = policy.tiers[pageTier].approverGroup;
  const requirements: ApprovalRequirement[] = [];
  for (const [group, codes] of byGroup) {
    // The page tier's approver covers lower-tier fields too: the DPO does not wait on a privacy reviewer.
    const isDataGroup = codes.every(
      (code) => code === 'field.personal' || code === 'field.sensitive' || code === 'audience.minors'
    );
    if (isDataGroup && group !== tierGroup && tierGroup !== null) continue;
    const isIt = group === policy.itApproverGroup && !isDataGroup;
    requirements.push({
      group,
      codes,
      slaHours: isIt ? policy.itApprovalSlaHours : policy.tiers[pageTier].approvalSlaHours,
      reason: approvalReason(isIt, pageTier)
    });
  }
  return requirements;
}
