import Resolver from '@forge/resolver';
import { registerGuardrailAdminResolvers } from '../guardrails/admin-resolver';
import { registerProvisioningResolvers } from '../issue-types/admin-resolver';

/** The admin page's resolver: provisioning, policy and audit export (ADMIN_PAGE_KEYS). */
const resolver = new Resolver();
registerProvisioningResolvers(resolver);
registerGuardrailAdminResolvers(resolver);

export const adminPageResolver = resolver.getDefinitions();
