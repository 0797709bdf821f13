import {
  doc,
  p,
  status,
  table,
  tableCell,
  tableHeader,
  tableRow,
  text,
  bulletList,
  listItem
} from '@atlaskit/adf-utils/builders';
import { adfErrors } from '../support/adf';

describe('adfErrors (Atlassian ADF schema, specs/adf-full.json)', () => {
  it('accepts a document built with @atlaskit/adf-utils: paragraph, list, table, status', () => {
    const document = doc(
      p(text('Retro S12')),
      bulletList(listItem([p(text('Went well'))])),
      table(
        tableRow([tableHeader({})(p(text('Action'))), tableHeader({})(p(text('Status')))]),
        tableRow([
          tableCell({})(p(text('Fix the form'))),
          tableCell({})(p(status({ text: 'OPEN', color: 'blue', localId: 's1' })))
        ])
      )
    );
    expect(adfErrors(document)).toEqual([]);
  });

  it('names what is wrong in a document Confluence would refuse', () => {
    expect(
      adfErrors({
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text' }] }]
      }).join('\n')
    ).toMatch(/text/);
    expect(adfErrors({ type: 'doc', content: [] }).join('\n')).toContain('version');
    expect(
      adfErrors({
        type: 'doc',
        version: 1,
        content: [{ type: 'status', attrs: { text: 'x', color: 'pink' } }]
      })
    ).not.toEqual([]);
    expect(adfErrors('<p>html</p>')).not.toEqual([]);
  });
});
