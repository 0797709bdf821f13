import type { FieldDoc, StatusDoc } from './types';

/** The app's own identity when it calls asApp(); shows up as reporter of what it creates. */
export const APP_ACCOUNT_ID = '557058:tandem-app';

/** Jira's built-in permissions (key → id, type) as listed by GET /rest/api/3/permissions. */
export const PERMISSIONS: Record<string, { id: string; name: string; type: 'GLOBAL' | 'PROJECT' }> = {
  ADMINISTER: { id: '0', name: 'Administer Jira', type: 'GLOBAL' },
  SYSTEM_ADMIN: { id: '44', name: 'Jira System Administrators', type: 'GLOBAL' },
  USER_PICKER: { id: '27', name: 'Browse users and groups', type: 'GLOBAL' },
  CREATE_SHARED_OBJECTS: { id: '22', name: 'Share dashboards and filters', type: 'GLOBAL' },
  BULK_CHANGE: { id: '33', name: 'Make bulk changes', type: 'GLOBAL' },
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', type: 'PROJECT' },
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', type: 'PROJECT' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT' },
  ASSIGN_ISSUES: { id: '13', name: 'Assign Issues', type: 'PROJECT' },
  RESOLVE_ISSUES: { id: '14', name: 'Resolve Issues', type: 'PROJECT' },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', type: 'PROJECT' },
  DELETE_ISSUES: { id: '16', name: 'Delete Issues', type: 'PROJECT' },
  ASSIGNABLE_USER: { id: '17', name: 'Assignable User', type: 'PROJECT' },
  CLOSE_ISSUES: { id: '18', name: 'Close Issues', type: 'PROJECT' },
  CREATE_ATTACHMENTS: { id: '19', name: 'Create Attachments', type: 'PROJECT' },
  LINK_ISSUES: { id: '21', name: 'Link Issues', type: 'PROJECT' },
  MOVE_ISSUES: { id: '25', name: 'Move Issues', type: 'PROJECT' },
  SCHEDULE_ISSUES: { id: '28', name: 'Schedule Issues', type: 'PROJECT' },
  TRANSITION_ISSUES: { id: '46', name: 'Transition Issues', type: 'PROJECT' }
};

export const DEFAULT_ROLES = ['Administrators', 'Members', 'Viewers'];

/** Like Jira's default permission scheme: members work on issues, viewers browse, admins administer. */
export const DEFAULT_PERMISSION_SCHEME: Record<string, string[]> = {
  BROWSE_PROJECTS: ['Administrators', 'Members', 'Viewers'],
  CREATE_ISSUES: ['Administrators', 'Members'],
  EDIT_ISSUES: ['Administrators', 'Members'],
  ASSIGN_ISSUES: ['Administrators', 'Members'],
  ASSIGNABLE_USER: ['Administrators', 'Members'],
  RESOLVE_ISSUES: ['Administrators', 'Members'],
  CLOSE_ISSUES: ['Administrators', 'Members'],
  TRANSITION_ISSUES: ['Administrators', 'Members'],
  SCHEDULE_ISSUES: ['Administrators', 'Members'],
  ADD_COMMENTS: ['Administrators', 'Members'],
  CREATE_ATTACHMENTS: ['Administrators', 'Members'],
  LINK_ISSUES: ['Administrators', 'Members'],
  MOVE_ISSUES: ['Administrators'],
  DELETE_ISSUES: ['Administrators'],
  ADMINISTER_PROJECTS: ['Administrators']
};

export const ADMIN_GROUP = 'jira-administrators';

export const STATUSES: StatusDoc[] = [
  { id: '10000', name: 'To Do', category: 'new' },
  { id: '3', name: 'In Progress', category: 'indeterminate' },
  { id: '10001', name: 'In Review', category: 'indeterminate' },
  { id: '10002', name: 'Done', category: 'done' }
];

/** One simplified workflow for every project: a global transition into each status. */
export const TRANSITIONS = [
  { id: '11', name: 'To Do', to: '10000' },
  { id: '21', name: 'In Progress', to: '3' },
  { id: '31', name: 'In Review', to: '10001' },
  { id: '41', name: 'Done', to: '10002' }
];

export const STATUS_CATEGORIES = {
  new: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, key: 'done', name: 'Done', colorName: 'green' }
};

export const DEFAULT_ISSUE_TYPES = [
  {
    id: '10000',
    name: 'Epic',
    description: 'A big user story that needs to be broken down.',
    hierarchyLevel: 1
  },
  { id: '10001', name: 'Task', description: 'A small, distinct piece of work.', hierarchyLevel: 0 },
  {
    id: '10002',
    name: 'Sub-task',
    description: 'A small piece of work within a bigger task.',
    hierarchyLevel: -1
  },
  { id: '10003', name: 'Story', description: 'A feature expressed as a user goal.', hierarchyLevel: 0 },
  { id: '10004', name: 'Bug', description: 'A problem which impairs product function.', hierarchyLevel: 0 }
];

export const DEFAULT_SCHEME_ID = '10000';
export const DEFAULT_SCREEN_ID = '1';
export const DEFAULT_TAB_ID = '10000';

function system(id: string, name: string, type: string, extra: Partial<FieldDoc> = {}): FieldDoc {
  return {
    id,
    name,
    custom: false,
    type,
    schema: { type, system: id },
    clauseNames: [id],
    ...extra
  };
}

export const SYSTEM_FIELDS: FieldDoc[] = [
  system('summary', 'Summary', 'string'),
  system('description', 'Description', 'string'),
  system('issuetype', 'Issue Type', 'issuetype', { clauseNames: ['issuetype', 'type'] }),
  system('project', 'Project', 'project'),
  system('status', 'Status', 'status'),
  system('labels', 'Labels', 'array', { schema: { type: 'array', items: 'string', system: 'labels' } }),
  system('components', 'Components', 'array', {
    schema: { type: 'array', items: 'component', system: 'components' },
    clauseNames: ['component']
  }),
  system('parent', 'Parent', 'issuelink'),
  system('reporter', 'Reporter', 'user'),
  system('assignee', 'Assignee', 'user'),
  system('duedate', 'Due date', 'date'),
  system('created', 'Created', 'datetime', { clauseNames: ['created', 'createdDate'] }),
  system('updated', 'Updated', 'datetime', { clauseNames: ['updated', 'updatedDate'] }),
  system('issuelinks', 'Linked Issues', 'array', {
    schema: { type: 'array', items: 'issuelinks', system: 'issuelinks' }
  }),
  system('issuekey', 'Key', 'string', { clauseNames: ['id', 'issue', 'issuekey', 'key'] })
];

/** Fields on the Default Screen of a fresh site: what create and edit accept. */
export const DEFAULT_SCREEN_FIELDS = [
  'summary',
  'issuetype',
  'description',
  'labels',
  'components',
  'parent',
  'reporter',
  'assignee',
  'duedate'
];

export const CUSTOM_FIELD_TYPES: Record<string, { schemaType: string; items?: string; options?: boolean }> = {
  'com.atlassian.jira.plugin.system.customfieldtypes:textfield': { schemaType: 'string' },
  'com.atlassian.jira.plugin.system.customfieldtypes:textarea': { schemaType: 'string' },
  'com.atlassian.jira.plugin.system.customfieldtypes:url': { schemaType: 'string' },
  'com.atlassian.jira.plugin.system.customfieldtypes:float': { schemaType: 'number' },
  'com.atlassian.jira.plugin.system.customfieldtypes:datepicker': { schemaType: 'date' },
  'com.atlassian.jira.plugin.system.customfieldtypes:datetime': { schemaType: 'datetime' },
  'com.atlassian.jira.plugin.system.customfieldtypes:userpicker': { schemaType: 'user' },
  'com.atlassian.jira.plugin.system.customfieldtypes:labels': { schemaType: 'array', items: 'string' },
  'com.atlassian.jira.plugin.system.customfieldtypes:select': { schemaType: 'option', options: true },
  'com.atlassian.jira.plugin.system.customfieldtypes:radiobuttons': { schemaType: 'option', options: true },
  'com.atlassian.jira.plugin.system.customfieldtypes:multiselect': {
    schemaType: 'array',
    items: 'option',
    options: true
  },
  'com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes': {
    schemaType: 'array',
    items: 'option',
    options: true
  }
};

export const LINK_TYPES = [
  { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
  { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' }
];
