import type { IdeaSource, Stage } from '@contract/ideas';
import { CheckboxField, SelectField, TextField } from '../../common/fields';
import { t } from '../../common/i18n';
import { SOURCES, sourceName, STAGES, stageName, type Filter } from './model';

export function Filters({
  filter,
  onChange,
  shown,
  total
}: {
  filter: Filter;
  onChange: (next: Filter) => void;
  shown: number;
  total: number;
}) {
  return (
    <fieldset className="ideas-filters">
      <legend className="tdm-sr-only">{t('ideas.filters.label')}</legend>
      <TextField
        label={t('ideas.filters.text')}
        type="search"
        autoComplete="off"
        value={filter.text}
        onChange={(text) => onChange({ ...filter, text })}
      />
      <SelectField<Stage | ''>
        label={t('ideas.filters.stage')}
        value={filter.stage}
        options={[
          { value: '', label: t('ideas.filters.any') },
          ...STAGES.map((stage) => ({ value: stage, label: stageName(stage) }))
        ]}
        onChange={(stage) => onChange({ ...filter, stage })}
      />
      <SelectField<IdeaSource | ''>
        label={t('ideas.filters.source')}
        value={filter.source}
        options={[
          { value: '', label: t('ideas.filters.any') },
          ...SOURCES.map((source) => ({ value: source, label: sourceName(source) }))
        ]}
        onChange={(source) => onChange({ ...filter, source })}
      />
      <div className="ideas-filters__checks">
        <CheckboxField
          label={t('ideas.filters.flagged')}
          checked={filter.flaggedOnly}
          onChange={(flaggedOnly) => onChange({ ...filter, flaggedOnly })}
        />
        <CheckboxField
          label={t('ideas.filters.scored')}
          checked={filter.scoredOnly}
          onChange={(scoredOnly) => onChange({ ...filter, scoredOnly })}
        />
      </div>
      <p className="tdm-small tdm-subtle ideas-filters__count" aria-live="polite">
        {t('ideas.filters.shown', { shown, total })}
      </p>
    </fieldset>
  );
}
