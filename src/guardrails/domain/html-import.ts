import type { DefaultTreeAdapterMap } from 'parse5';
import { consentManagerOf } from './consent-managers';
import { normaliseText } from './normalise';
import {
  AUDIENCES,
  LEGAL_BASES,
  definitionSchema,
  type Audience,
  type ConsentDefinition,
  type FieldDefinition,
  type FormDefinition,
  type LegalBasis,
  type ModuleRef,
  type PageDefinition,
  type PageDefinitionInput,
  type SchemaIssue,
  type ThirdPartyResource,
  describeIssues,
  issuesFromZod
} from './definition';
import type { Finding } from './evaluate';
import { localised } from './messages';

/** A page as parse5's `parse` returns it (html-page.ts parses; the issue panel loads parse5 on demand). */
export type ParsedPage = DefaultTreeAdapterMap['document'];
type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

export interface HtmlImport {
  definition: PageDefinition;
  /** Problems with the page's own declarations (e.g. a non-numeric data-retention-months). */
  findings: Finding[];
}

interface ControlContext {
  element: Element;
  form: Element | null;
  wrappingLabel: Element | null;
  fieldset: Element | null;
  radioGroup: Element | null;
}

/** A link to a privacy notice and its place in document order (see `nearestPrivacyLink`). */
interface PrivacyLink {
  order: number;
  href: string;
}

/** A form's extent in document order: elements numbered from `start` (the form) to `end` are inside it. */
interface Span {
  start: number;
  end: number;
}

interface PageScan {
  title: string | undefined;
  forms: Element[];
  formSpans: Map<Element, Span>;
  privacyLinks: PrivacyLink[];
  /** A known CMP detected from the page's scripts. */
  consentManager: string | undefined;
  /** The CMP the page names in <meta name="tandem-consent-manager">. */
  declaredConsentManager: string | undefined;
  controls: ControlContext[];
  labelsFor: Map<string, Element[]>;
  byId: Map<string, Element>;
  modules: ModuleRef[];
  scripts: ThirdPartyResource[];
  embeds: ThirdPartyResource[];
}

const IGNORED_INPUT_TYPES = new Set(['submit', 'button', 'reset', 'image']);
const SCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module', 'text/ecmascript']);
const NON_CONTENT_TAGS = new Set(['script', 'style', 'template', 'noscript']);
const CONSENT_TEXT =
  /\b(j accepte|i agree|i accept|i consent|je consens|consentement|consent|newsletter|recevoir|receive|offres|offers|communications?|s inscrire|subscribe|opt ?in|cgu|cgv|conditions generales|terms|politique de confidentialite|privacy policy)\b/;
const DO_NOT_SHARE_NOTICE =
  /\b(donnees? sensibles?|informations? sensibles?|sensitive (data|information|details)|ne (communiquez|partagez|indiquez|transmettez|saisissez|mentionnez) (pas|aucune?)|do not (share|include|enter|send|disclose)|don t (share|include|enter|send)|please avoid sharing)\b/;
// "Mentions légales" alone is the publisher's legal notice, not a privacy notice (it counts once it
// mentions personal data).
const PRIVACY_LINK =
  /\b(confidentialite|privacy|donnees personnelles|donnees a caractere personnel|vie privee|rgpd|gdpr|protection (des|de vos) donnees|data protection|personal data)\b/;
const INTEGER = /^\d+$/;
/** On a checkbox: "false" says it is not a consent (e.g. a pre-ticked setting), "true" that it is one. */
export const CONSENT_MARKER = 'data-tandem-consent';
/** On a <script> of a tag manager: the tags it loads, separated by commas or semicolons. */
export const TAGS_ATTRIBUTE = 'data-tandem-tags';
/** <meta name="tandem-consent-manager" content="…">: a CMP the import does not recognise by itself. */
export const CONSENT_MANAGER_META = 'tandem-consent-manager';

const MAX_TEXT = 500;

function clip(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
}

function tagsOf(script: Element): string[] | undefined {
  const listed = attr(script, TAGS_ATTRIBUTE);
  if (listed === undefined) return undefined;
  const tags = listed
    .split(/[;,]/)
    .map((tag) => clip(tag.trim()))
    .filter((tag) => tag !== '')
    .slice(0, 200);
  return tags.length === 0 ? undefined : tags;
}

/** Thrown when a page cannot be represented as a definition (e.g. more forms than a definition allows). */
export class HtmlImportError extends Error {
  constructor(
    message: string,
    readonly issues: SchemaIssue[]
  ) {
    super(message);
    this.name = 'HtmlImportError';
  }
}

function attr(element: Element, name: string): string | undefined {
  for (const attribute of element.attrs) {
    if (attribute.name === name) return attribute.value;
  }
  return undefined;
}

function hasAttr(element: Element, name: string): boolean {
  return element.attrs.some((attribute) => attribute.name === name);
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function collectText(node: Node, out: string[], skipControls: boolean): void {
  if (node.nodeName === '#text') {
    out.push((node as DefaultTreeAdapterMap['textNode']).value);
    return;
  }
  if (!isElement(node)) return;
  if (NON_CONTENT_TAGS.has(node.tagName)) return;
  if (skipControls && (node.tagName === 'select' || node.tagName === 'textarea')) return;
  for (const child of node.childNodes) collectText(child, out, skipControls);
}

function textOf(node: Node, skipControls = false): string {
  const out: string[] = [];
  collectText(node, out, skipControls);
  return out.join(' ').replace(/\s+/g, ' ').trim();
}

function scanPage(document: ParsedPage): PageScan {
  const scan: PageScan = {
    title: undefined,
    forms: [],
    formSpans: new Map(),
    privacyLinks: [],
    consentManager: undefined,
    declaredConsentManager: undefined,
    controls: [],
    labelsFor: new Map(),
    byId: new Map(),
    modules: [],
    scripts: [],
    embeds: []
  };
  let order = 0;
  const walk = (
    node: Node,
    form: Element | null,
    label: Element | null,
    fieldset: Element | null,
    radioGroup: Element | null
  ) => {
    if (!isElement(node)) {
      if ('childNodes' in node)
        for (const child of node.childNodes) walk(child, form, label, fieldset, radioGroup);
      return;
    }
    const tag = node.tagName;
    order += 1;
    const id = attr(node, 'id');
    if (id !== undefined && !scan.byId.has(id)) scan.byId.set(id, node);
    const moduleId = attr(node, 'data-module');
    if (moduleId !== undefined && moduleId.trim() !== '') {
      scan.modules.push({
        id: moduleId.trim(),
        version: (attr(node, 'data-module-version') ?? '').trim() || 'unversioned'
      });
    }
    switch (tag) {
      case 'meta':
        if (attr(node, 'name')?.trim().toLowerCase() === CONSENT_MANAGER_META) {
          const declared = attr(node, 'content')?.trim();
          if (declared) scan.declaredConsentManager ??= declared.slice(0, 100);
        }
        return;
      case 'title':
        if (scan.title === undefined) scan.title = textOf(node) || undefined;
        return;
      case 'script': {
        const src = attr(node, 'src');
        const type = (attr(node, 'type') ?? '').trim().toLowerCase();
        const tags = tagsOf(node);
        let script: ThirdPartyResource | undefined;
        if (src !== undefined && src.trim() !== '') script = { url: src.trim() };
        else if (SCRIPT_TYPES.has(type)) {
          const code = node.childNodes
            .map((child) =>
              child.nodeName === '#text' ? (child as DefaultTreeAdapterMap['textNode']).value : ''
            )
            .join('');
          if (code.trim() !== '') script = { inline: code.trim().slice(0, 20_000) };
        }
        if (script !== undefined) {
          if (tags !== undefined) script.tags = tags;
          scan.scripts.push(script);
          scan.consentManager ??= consentManagerOf(script.url ?? script.inline ?? '');
        }
        return;
      }
      case 'iframe':
      case 'embed':
      case 'object': {
        const src = attr(node, tag === 'object' ? 'data' : 'src');
        if (src !== undefined && src.trim() !== '') scan.embeds.push({ url: src.trim() });
        else {
          const srcdoc = attr(node, 'srcdoc');
          if (srcdoc !== undefined && srcdoc.trim() !== '')
            scan.embeds.push({ inline: srcdoc.slice(0, 20_000) });
        }
        break;
      }
      case 'template':
        // A template's content is inert (parse5 keeps it apart from childNodes): not part of the page.
        return;
      case 'form': {
        scan.forms.push(node);
        const span = { start: order, end: order };
        scan.formSpans.set(node, span);
        for (const child of node.childNodes) walk(child, node, label, fieldset, radioGroup);
        span.end = order;
        return;
      }
      case 'a': {
        const href = attr(node, 'href')?.trim();
        if (href && PRIVACY_LINK.test(normaliseText(`${textOf(node)} ${href}`)))
          scan.privacyLinks.push({ order, href });
        break;
      }
      case 'label': {
        const target = attr(node, 'for');
        if (target !== undefined) {
          const list = scan.labelsFor.get(target);
          if (list === undefined) scan.labelsFor.set(target, [node]);
          else list.push(node);
        }
        label = node;
        break;
      }
      case 'fieldset':
        fieldset = node;
        break;
      case 'input':
      case 'select':
      case 'textarea':
        scan.controls.push({ element: node, form, wrappingLabel: label, fieldset, radioGroup });
        break;
      default:
        if (attr(node, 'role') === 'radiogroup' || attr(node, 'role') === 'group') radioGroup = node;
    }
    for (const child of node.childNodes) walk(child, form, label, fieldset, radioGroup);
  };
  walk(document, null, null, null, null);
  return scan;
}

function textOfIds(ids: string, scan: PageScan): string {
  const parts: string[] = [];
  for (const id of ids.split(/\s+/)) {
    const target = scan.byId.get(id);
    if (target !== undefined) parts.push(textOf(target, true));
  }
  return parts.join(' ').trim();
}

/** The accessible name a screen reader would announce, in the order of the HTML-AAM spec. */
function accessibleLabel(control: ControlContext, scan: PageScan): string | undefined {
  const { element } = control;
  const labelledBy = attr(element, 'aria-labelledby');
  if (labelledBy !== undefined) {
    const text = textOfIds(labelledBy, scan);
    if (text !== '') return text;
  }
  const ariaLabel = attr(element, 'aria-label')?.trim();
  if (ariaLabel) return ariaLabel;
  const id = attr(element, 'id');
  if (id !== undefined) {
    const labels = scan.labelsFor.get(id);
    if (labels !== undefined) {
      const text = labels
        .map((label) => textOf(label, true))
        .join(' ')
        .trim();
      if (text !== '') return text;
    }
  }
  if (control.wrappingLabel !== null) {
    const text = textOf(control.wrappingLabel, true);
    if (text !== '') return text;
  }
  const title = attr(element, 'title')?.trim();
  if (title) return title;
  return undefined;
}

function groupLabel(control: ControlContext, scan: PageScan): string | undefined {
  if (control.radioGroup !== null) {
    const labelledBy = attr(control.radioGroup, 'aria-labelledby');
    if (labelledBy !== undefined) {
      const text = textOfIds(labelledBy, scan);
      if (text !== '') return text;
    }
    const ariaLabel = attr(control.radioGroup, 'aria-label')?.trim();
    if (ariaLabel) return ariaLabel;
  }
  if (control.fieldset !== null) {
    const legend = control.fieldset.childNodes.find(
      (child) => isElement(child) && child.tagName === 'legend'
    );
    if (legend !== undefined) {
      const text = textOf(legend);
      if (text !== '') return text;
    }
  }
  return undefined;
}

function describedNotice(element: Element, scan: PageScan): string | undefined {
  const describedBy = attr(element, 'aria-describedby');
  if (describedBy === undefined) return undefined;
  const text = textOfIds(describedBy, scan);
  return DO_NOT_SHARE_NOTICE.test(normaliseText(text)) ? text : undefined;
}

function selectOptions(select: Element): string[] {
  const options: string[] = [];
  const visit = (node: Node) => {
    if (!isElement(node)) return;
    if (node.tagName === 'option') {
      const value = attr(node, 'value');
      const text = textOf(node);
      // The "Choose…" placeholder option carries no answer.
      if (value !== '' && text !== '') options.push(clip(text));
      return;
    }
    for (const child of node.childNodes) visit(child);
  };
  for (const child of select.childNodes) visit(child);
  return options;
}

interface FormBuild {
  fields: FieldDefinition[];
  consents: ConsentDefinition[];
  groups: Map<string, FieldDefinition>;
  unnamed: number;
}

function controlName(element: Element, build: FormBuild): string {
  const name = attr(element, 'name')?.trim() || attr(element, 'id')?.trim();
  if (name) return name;
  build.unnamed += 1;
  return `${element.tagName}-${build.unnamed}`;
}

function addControl(control: ControlContext, scan: PageScan, build: FormBuild): void {
  const { element } = control;
  const tag = element.tagName;
  const type = tag === 'input' ? (attr(element, 'type') ?? 'text').trim().toLowerCase() || 'text' : tag;
  if (IGNORED_INPUT_TYPES.has(type)) return;
  const name = controlName(element, build);
  const required = hasAttr(element, 'required') || attr(element, 'aria-required') === 'true';
  const autocomplete = attr(element, 'autocomplete')?.trim() || undefined;
  const accessible = accessibleLabel(control, scan);
  const label = accessible === undefined ? undefined : clip(accessible);
  const rawPlaceholder = attr(element, 'placeholder')?.trim();
  const placeholder = rawPlaceholder ? clip(rawPlaceholder) : undefined;

  if (type === 'hidden') {
    build.fields.push({ name, required: false, inputType: 'hidden', hidden: true });
    return;
  }
  if (type === 'radio' || type === 'checkbox') {
    const optionLabel = clip(label ?? attr(element, 'value') ?? name);
    if (type === 'checkbox') {
      const marker = attr(element, CONSENT_MARKER)?.trim().toLowerCase();
      const checked = hasAttr(element, 'checked');
      // CNIL: consent is never pre-ticked, and a box ticked in advance reads as consent whatever its
      // wording ("Tips and updates by email"), unless the page marks it as not a consent.
      const isConsent =
        marker === 'true' ||
        (marker !== 'false' &&
          (checked || (!build.groups.has(name) && CONSENT_TEXT.test(normaliseText(optionLabel)))));
      if (isConsent) {
        const taken = build.consents.some((consent) => consent.id === name);
        const id = taken ? `${name}:${attr(element, 'value') ?? build.consents.length + 1}` : name;
        build.consents.push({ id, purpose: optionLabel, preTicked: checked });
        return;
      }
    }
    const existing = build.groups.get(name);
    if (existing !== undefined) {
      existing.options = [...(existing.options ?? []), optionLabel];
      if (required) existing.required = true;
      return;
    }
    const question = groupLabel(control, scan);
    const field: FieldDefinition = {
      name,
      label: question === undefined ? optionLabel : clip(question),
      required,
      inputType: type,
      hidden: false,
      options: [optionLabel]
    };
    build.groups.set(name, field);
    build.fields.push(field);
    return;
  }
  const field: FieldDefinition = { name, required, inputType: type, hidden: false };
  if (label !== undefined) field.label = label;
  if (placeholder !== undefined) field.placeholder = placeholder;
  if (autocomplete !== undefined) field.autocomplete = autocomplete;
  if (tag === 'select') field.options = selectOptions(element);
  const notice = describedNotice(element, scan);
  if (notice !== undefined) field.notice = clip(notice);
  build.fields.push(field);
}

/**
 * Pages put the privacy link after the form, beside its button or in the footer rather than inside
 * <form>: any link to a privacy notice on the page counts, and each form takes the nearest one in
 * document order (a link inside the form is nearest of all).
 */
function nearestPrivacyLink(span: Span | undefined, links: ReadonlyArray<PrivacyLink>): string | undefined {
  if (span === undefined) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const link of links) {
    const distance =
      link.order < span.start ? span.start - link.order : link.order > span.end ? link.order - span.end : 0;
    if (distance < bestDistance) {
      best = link.href;
      bestDistance = distance;
    }
  }
  return best;
}

function invalidAttribute(
  formId: string,
  attribute: string,
  value: string,
  expected: { en: string; fr: string }
): Finding {
  return {
    code: 'import.invalid_attribute',
    severity: 'fix',
    form: formId,
    field: attribute,
    message: localised(
      `Form “${formId}”: ${attribute}="${value}" is not valid; expected ${expected.en}.`,
      `Formulaire « ${formId} » : ${attribute}="${value}" n'est pas valide ; attendu : ${expected.fr}.`
    )
  };
}

/**
 * Imports every <form> of an HTML page into a definition. A form declares what the page cannot show
 * through data attributes: data-purpose, data-retention-months, data-privacy-url (else the nearest link to
 * a privacy notice on the page), data-legal-basis, data-explicit-consent, data-dpia="done",
 * data-audience. Sections built from library modules carry data-module and data-module-version.
 */
export function importParsedHtml(document: ParsedPage): HtmlImport {
  const scan = scanPage(document);
  const findings: Finding[] = [];
  const formIds = new Map<Element, string>();
  const builds = new Map<Element, FormBuild>();
  const formsById = new Map<string, Element>();
  scan.forms.forEach((form, index) => {
    const id = attr(form, 'id')?.trim() || attr(form, 'name')?.trim() || `form-${index + 1}`;
    formIds.set(form, id);
    builds.set(form, { fields: [], consents: [], groups: new Map(), unnamed: 0 });
    const domId = attr(form, 'id');
    if (domId !== undefined) formsById.set(domId, form);
  });

  for (const control of scan.controls) {
    // A control outside the <form> element still belongs to it through its form="…" attribute.
    const owner = attr(control.element, 'form');
    const form = owner !== undefined ? (formsById.get(owner) ?? null) : control.form;
    if (form === null) continue;
    const build = builds.get(form);
    if (build !== undefined) addControl(control, scan, build);
  }

  const page: PageDefinitionInput = {
    modules: scan.modules,
    forms: [],
    scripts: scan.scripts,
    embeds: scan.embeds
  };
  if (scan.title !== undefined) page.title = scan.title.slice(0, 500);
  const consentManager = scan.declaredConsentManager ?? scan.consentManager;
  if (consentManager !== undefined) page.consentManagementPlatform = consentManager;
  const forms: FormDefinition[] = [];
  for (const form of scan.forms) {
    const id = formIds.get(form) ?? 'form';
    const build = builds.get(form);
    if (build === undefined) continue;
    const definition: FormDefinition = { id, fields: build.fields, consents: build.consents };
    const purpose = attr(form, 'data-purpose')?.trim();
    if (purpose) definition.purpose = purpose.slice(0, 500);
    const privacy =
      attr(form, 'data-privacy-url')?.trim() ||
      nearestPrivacyLink(scan.formSpans.get(form), scan.privacyLinks);
    if (privacy) definition.privacyNoticeUrl = privacy.slice(0, 2000);
    const retention = attr(form, 'data-retention-months')?.trim();
    if (retention !== undefined) {
      if (INTEGER.test(retention) && Number(retention) <= 1200)
        definition.retentionMonths = Number(retention);
      else
        findings.push(
          invalidAttribute(
            id,
            'data-retention-months',
            retention,
            localised('a whole number of months', 'un nombre entier de mois')
          )
        );
    }
    // A free-text notice is often a paragraph of the form rather than the field's aria-describedby.
    const formText = normaliseText(textOf(form, true));
    if (DO_NOT_SHARE_NOTICE.test(formText)) {
      for (const field of build.fields) {
        if (field.notice === undefined && (field.inputType === 'textarea' || field.inputType === 'text'))
          field.notice = 'notice in the form text';
      }
    }
    const legalBasis = attr(form, 'data-legal-basis')?.trim();
    if (legalBasis !== undefined) {
      if ((LEGAL_BASES as ReadonlyArray<string>).includes(legalBasis))
        page.legalBasis ??= legalBasis as LegalBasis;
      else
        findings.push(
          invalidAttribute(
            id,
            'data-legal-basis',
            legalBasis,
            localised(LEGAL_BASES.join(' | '), LEGAL_BASES.join(' | '))
          )
        );
    }
    const explicitConsent = attr(form, 'data-explicit-consent')?.trim();
    if (explicitConsent) page.explicitConsentText ??= explicitConsent.slice(0, 20_000);
    const dpia = attr(form, 'data-dpia')?.trim().toLowerCase();
    if (dpia === 'done') page.dpiaCompleted = true;
    const audience = attr(form, 'data-audience')?.trim();
    if (audience !== undefined) {
      if ((AUDIENCES as ReadonlyArray<string>).includes(audience)) {
        if (page.audience === undefined || audience === 'minors') page.audience = audience as Audience;
      } else
        findings.push(
          invalidAttribute(
            id,
            'data-audience',
            audience,
            localised(AUDIENCES.join(' | '), AUDIENCES.join(' | '))
          )
        );
    }
    forms.push(definition);
  }
  page.forms = forms;
  // Parsing fills in defaults and enforces the same bounds as a JSON definition.
  const parsed = definitionSchema.safeParse(page);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error);
    throw new HtmlImportError(`the page cannot be imported: ${describeIssues(issues)}`, issues);
  }
  return { definition: parsed.data, findings };
}
