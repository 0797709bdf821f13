import Resolver from '@forge/resolver';
import { registerCapacityPageResolvers } from '../capacity/page-resolver';

/** The "Tandem lanes" project page's resolver: board, plan, what-if and card moves (PROJECT_PAGE_KEYS). */
const resolver = new Resolver();
registerCapacityPageResolvers(resolver);

export const projectPageResolver = resolver.getDefinitions();
