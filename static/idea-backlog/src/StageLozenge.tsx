import type { Stage } from '@contract/ideas';
import { Lozenge, type LozengeAppearance } from '../../common/components';
import { stageName } from './model';

const APPEARANCE: Record<Stage, LozengeAppearance> = {
  captured: 'default',
  reviewing: 'inprogress',
  experiment: 'new',
  adopted: 'success',
  parked: 'moved',
  dropped: 'removed'
};

export function StageLozenge({ stage }: { stage: Stage }) {
  return (
    <span aria-hidden="true">
      <Lozenge appearance={APPEARANCE[stage]}>{stageName(stage)}</Lozenge>
    </span>
  );
}
