import Resolver from '@forge/resolver';
import { registerRetroResolvers } from '../retro/resolver';

/** The retrospective macro's resolver and its configuration dialog's (RETRO_MACRO_KEYS). */
const resolver = new Resolver();
registerRetroResolvers(resolver);

export const retroMacroResolver = resolver.getDefinitions();
