import Resolver from '@forge/resolver';
import { registerCapacitySettingsResolvers } from '../capacity/settings-resolver';

/** The project settings page's resolver: lanes, people, time off, user search (PROJECT_SETTINGS_KEYS). */
const resolver = new Resolver();
registerCapacitySettingsResolvers(resolver);

export const projectSettingsResolver = resolver.getDefinitions();
