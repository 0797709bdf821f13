import { exportBacklog } from '../ideas/export-handler';

/** The idea backlog macro's adfExport function: the backlog as an ADF table for PDF/Word export. */
export const ideaBacklogExport = exportBacklog;
