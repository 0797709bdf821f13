import type { FieldDefinition, FieldKind, Tier } from './definition';
import { tierRank } from './kinds';
import { normaliseText } from './normalise';
import type { Policy } from './policy';
import { matchedRule, wordStartIndex, type CharRegex, type CompiledRule } from './rule-index';
import { AUTOCOMPLETE_KINDS, INPUT_TYPE_KINDS, OPTION_RULES } from './word-tables';

// Accent folding moved to normalise.ts; re-exported so callers keep importing it from here.
export { normaliseSlowly, normaliseText } from './normalise';

export type ClassificationSource =
  'declared' | 'autocomplete' | 'inputType' | 'label' | 'options' | 'freeTextDefault' | 'unplaced';

export interface FieldClassification {
  /** The field's `name`, which identifies it in findings. */
  field: string;
  /** What the visitor sees (label, else placeholder, else name): used in messages. */
  displayLabel: string;
  kind: FieldKind | null;
  tier: Tier;
  source: ClassificationSource;
  /** The kind is inferred from what the answers would reveal, not from what is asked (CJEU C-184/20). */
  indirect: boolean;
  /** When a declared kind ranks below what the label suggests, the label's kind (for an info finding). */
  labelSuggests: FieldKind | null;
}

const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;
const WHITESPACE = /\s+/;

interface KindMatch {
  kind: FieldKind;
  indirect: boolean;
  viaOptions?: boolean;
}

function isBetter(rule: CompiledRule, rank: number, best: CompiledRule | null, bestRank: number): boolean {
  // Higher tier wins; on a tie the rule listed first (the more specific one) wins.
  return rank > bestRank || (rank === bestRank && best !== null && rule.order < best.order);
}

function tryAt(compiled: CharRegex, text: string, position: number): RegExpExecArray | null {
  compiled.regex.lastIndex = position === 0 ? 0 : position - 1;
  return compiled.regex.exec(text);
}

/** Reads normalised text word by word and returns the highest-tier rule that matches. */
export function bestTextMatch(text: string, policy: Policy): KindMatch | null {
  let best: CompiledRule | null = null;
  let bestRank = -1;
  const { byChar, any } = wordStartIndex();
  let position = 0;
  while (position < text.length) {
    let skipTo = position;
    const compiled = byChar.get(text[position] ?? '');
    const match = compiled === undefined ? null : tryAt(compiled, text, position);
    const rule = match === null || compiled === undefined ? undefined : matchedRule(compiled, match);
    if (match !== null && rule !== undefined) {
      const rank = rule.neutral ? -1 : tierRank(policy.kindTiers[rule.kind]);
      if (!rule.neutral && isBetter(rule, rank, best, bestRank)) {
        best = rule;
        bestRank = rank;
      }
      // A benign phrase owns its words: "adresse e mail" is not read again as "adresse".
      if (rule.benign) skipTo = match.index + match[0].length;
    } else if (any !== null) {
      const loose = tryAt(any, text, position);
      const looseRule = loose === null ? undefined : matchedRule(any, loose);
      if (looseRule !== undefined) {
        const rank = tierRank(policy.kindTiers[looseRule.kind]);
        if (isBetter(looseRule, rank, best, bestRank)) {
          best = looseRule;
          bestRank = rank;
        }
      }
    }
    const nextSpace = text.indexOf(' ', skipTo === position ? position : skipTo);
    if (nextSpace === -1) break;
    position = nextSpace + 1;
  }
  return best;
}

function bestOptionMatch(options: ReadonlyArray<string>, policy: Policy): KindMatch | null {
  if (options.length === 0) return null;
  const text = normaliseText(options.join(' | '));
  let best: KindMatch | null = null;
  let bestRank = -1;
  for (const rule of OPTION_RULES) {
    if (!rule.pattern.test(text)) continue;
    const rank = tierRank(policy.kindTiers[rule.kind]);
    if (rank > bestRank) {
      best = rule;
      bestRank = rank;
    }
  }
  return best;
}

export function autocompleteKind(autocomplete: string | undefined): FieldKind | null {
  if (autocomplete === undefined || autocomplete === '') return null;
  const tokens = autocomplete.toLowerCase().trim().split(WHITESPACE);
  // The field name is the last token that is not a modifier ("section-x shipping street-address", "username webauthn").
  for (let i = tokens.length - 1; i >= 0; i--) {
    const kind = AUTOCOMPLETE_KINDS.get(tokens[i] ?? '');
    if (kind !== undefined) return kind;
  }
  return null;
}

function fieldText(field: FieldDefinition): string {
  const name = field.name.replace(CAMEL_BOUNDARY, '$1 $2');
  if (field.hidden) return field.label === undefined ? name : `${field.label} ${name}`;
  return `${field.label ?? ''} ${field.placeholder ?? ''} ${name}`;
}

function displayLabel(field: FieldDefinition): string {
  const label = field.label?.trim();
  if (label) return label;
  const placeholder = field.placeholder?.trim();
  if (placeholder) return placeholder;
  return field.name;
}

/** Infers the kind from what the visitor reads and what the page calls the field, ignoring any declared kind. */
export function inferKindFromText(field: FieldDefinition, policy: Policy): KindMatch | null {
  const fromText = bestTextMatch(normaliseText(fieldText(field)), policy);
  const fromOptions = field.options === undefined ? null : bestOptionMatch(field.options, policy);
  if (fromOptions === null) return fromText;
  if (fromText === null) return fromOptions;
  return tierRank(policy.kindTiers[fromOptions.kind]) > tierRank(policy.kindTiers[fromText.kind])
    ? fromOptions
    : fromText;
}

export function classifyField(field: FieldDefinition, policy: Policy): FieldClassification {
  const tiers = policy.kindTiers;
  const inputType = field.inputType.toLowerCase();
  let kind: FieldKind | null = null;
  let source: ClassificationSource = 'unplaced';
  let indirect = false;
  let rank = -1;
  let labelSuggests: FieldKind | null = null;

  // A declared kind is the requester's precise answer and wins over label guesses; the browser-level
  // facts (a password input, a cc-number autocomplete) still win when they rank higher. Candidates are
  // considered in priority order and only a strictly higher tier replaces the current one.
  if (field.kind !== undefined) {
    kind = field.kind;
    source = 'declared';
    rank = tierRank(tiers[kind]);
  }
  const fromAutocomplete = autocompleteKind(field.autocomplete);
  if (fromAutocomplete !== null && tierRank(tiers[fromAutocomplete]) > rank) {
    kind = fromAutocomplete;
    source = 'autocomplete';
    rank = tierRank(tiers[fromAutocomplete]);
  }
  const fromInputType = INPUT_TYPE_KINDS.get(inputType);
  if (fromInputType !== undefined && tierRank(tiers[fromInputType]) > rank) {
    kind = fromInputType;
    source = 'inputType';
    rank = tierRank(tiers[fromInputType]);
  }

  const fromText = inferKindFromText(field, policy);
  if (fromText !== null && tierRank(tiers[fromText.kind]) > rank) {
    if (field.kind === undefined) {
      kind = fromText.kind;
      source = fromText.viaOptions === true ? 'options' : 'label';
      indirect = fromText.indirect;
    } else {
      labelSuggests = fromText.kind;
    }
  }

  if (kind === null && inputType === 'textarea') {
    kind = 'free_text';
    source = 'freeTextDefault';
  }

  return {
    field: field.name,
    displayLabel: displayLabel(field),
    kind,
    tier: kind === null ? policy.unplacedFieldTier : tiers[kind],
    source,
    indirect,
    labelSuggests
  };
}
