import Resolver from '@forge/resolver';
import { registerIdeaResolvers } from '../ideas/resolver';

/** The idea backlog macro's and its config dialog's resolver (IDEA_BACKLOG_KEYS). */
const resolver = new Resolver();
registerIdeaResolvers(resolver);

export const ideaBacklogResolver = resolver.getDefinitions();
