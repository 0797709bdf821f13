import { createRelabelWorker } from '../capacity/enforcement/relabel';

/** The queue consumer that relabels a project's issues after a change of lanes or rules. */
export const runCapacityRelabel = createRelabelWorker();
