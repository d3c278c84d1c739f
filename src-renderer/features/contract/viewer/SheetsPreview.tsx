import { Alert, Spin, Table, Tabs } from 'antd';
import type { SheetPreview } from '../../../../src-shared/model/fileView.ts';
import { ProblemAlert } from '../../../app/ProblemAlert.tsx';
import { useT } from '../../../i18n/useT.ts';
import { useVersionData } from './useVersionData.ts';

/** Excel's column names: A … Z, AA … */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function SheetTable({ sheet, maxRows, maxColumns }: { sheet: SheetPreview; maxRows: number; maxColumns: number }) {
  const t = useT();
  const width = sheet.rows.reduce((max, row) => Math.max(max, row.length), 0);
  const rows = sheet.rows.map((cells, index) => ({ key: index, number: index + 1, cells }));
  return (
    <>
      {sheet.truncated ? (
        <Alert type="info" showIcon className="sheet-cap" message={t('ui.viewer.sheetCapped', { rows: sheet.totalRows, columns: sheet.totalColumns, maxRows, maxColumns })} />
      ) : null}
      <Table
        size="small"
        bordered
        pagination={false}
        virtual
        scroll={{ x: Math.max(600, 60 + width * 140), y: 520 }}
        dataSource={rows}
        aria-label={sheet.name}
        columns={[
          { key: 'n', title: '#', dataIndex: 'number', width: 60, fixed: 'left' },
          ...Array.from({ length: width }, (_, column) => ({
            key: String(column),
            title: columnName(column),
            width: 140,
            ellipsis: true,
            render: (_value: unknown, row: { cells: string[] }) => row.cells[column] ?? '',
          })),
        ]}
      />
    </>
  );
}

/** A workbook as tables of cell texts, one tab per sheet, saying when a sheet is larger than the preview shows. */
export function SheetsPreview({ contractId, versionId }: { contractId: string; versionId: string }) {
  const t = useT();
  const preview = useVersionData('files.preview', contractId, versionId);
  if (preview.state === 'failed') return <ProblemAlert problem={preview.problem} />;
  if (preview.state === 'loading' || preview.value.kind !== 'sheets') return <Spin aria-label={t('ui.app.loading')} />;
  const { sheets, maxRows, maxColumns } = preview.value;
  return (
    <Tabs
      className="sheets-preview"
      items={sheets.map((sheet, index) => ({ key: String(index), label: sheet.name, children: <SheetTable sheet={sheet} maxRows={maxRows} maxColumns={maxColumns} /> }))}
    />
  );
}
