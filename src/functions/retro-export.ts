import { exportRetro } from '../retro/export-function';

/** The retrospective macro's `adfExport` function: the page export's static copy of the board. */
export const retroExport = exportRetro;
