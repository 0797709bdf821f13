/**
 * ADF validation for tests: the macros' export documents are checked against Atlassian's schema
 * (specs/adf-full.json, located like the OpenAPI documents: preview/openapi/specs-dir.ts). The
 * preview's export view uses the same check, so a test and the preview never disagree.
 */
export { adfErrors } from '../../preview/openapi/adf';
