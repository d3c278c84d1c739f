import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Empty, Spin, Tabs } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { ContractDetail } from '../../../src-shared/model/contract.ts';
import { PageTitle } from '../../app/PageTitle.tsx';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useNavigationStore, type ContractTarget } from '../../app/navigationStore.ts';
import { useT } from '../../i18n/useT.ts';
import { AuditTrail } from './AuditTrail.tsx';
import { ComparePanel } from './compare/ComparePanel.tsx';
import { ContractDetailsForm } from './ContractDetailsForm.tsx';
import { ContractFilesPanel } from './ContractFilesPanel.tsx';
import { useContractPageStore } from './contractPageStore.ts';
import { ExtractedFieldsList } from './ExtractedFieldsList.tsx';
import { FileViewer } from './viewer/FileViewer.tsx';

type ContractTab = 'details' | 'files' | 'viewer' | 'compare' | 'history';

/** What the viewer shows: one version, optionally at a page with words to mark. */
export interface ViewRequest {
  versionId: string;
  page?: number;
  terms?: string[];
}

/** The latest version of the main document (else of the first file): what the viewer opens by default. */
function defaultVersion(detail: ContractDetail): string | null {
  const file = detail.files.find((f) => f.role === 'main') ?? detail.files[0];
  return file?.versions[0]?.id ?? null;
}

/** One contract: its metadata (editable, with what import found), its files and versions, a viewer, compare, and its audit trail. */
export function ContractPage() {
  const target = useNavigationStore((state) => state.contract);
  // A new target (another contract, or another search hit) starts the screen afresh.
  const key = target === null ? 'none' : `${target.contractId}|${target.versionId ?? ''}|${target.page ?? ''}|${(target.terms ?? []).join('\u0000')}`;
  return target === null ? null : <ContractScreen key={key} target={target} />;
}

function ContractScreen({ target }: { target: ContractTarget }) {
  const t = useT();
  const go = useNavigationStore((state) => state.go);
  const returnTo = useNavigationStore((state) => state.returnTo);
  const { detail, loading, problem, load, clearProblem } = useContractPageStore();
  const [tab, setTab] = useState<ContractTab>(target.versionId === undefined ? 'details' : 'viewer');
  const [viewing, setViewing] = useState<ViewRequest | null>(
    target.versionId === undefined ? null : { versionId: target.versionId, ...(target.page === undefined ? {} : { page: target.page }), ...(target.terms ? { terms: target.terms } : {}) },
  );
  const [compareFileId, setCompareFileId] = useState<string | null>(null);

  useEffect(() => {
    void load(target.contractId);
  }, [load, target.contractId]);

  const shown = detail?.id === target.contractId ? detail : null;
  const viewRequest = useMemo<ViewRequest | null>(() => {
    if (viewing) return viewing;
    const version = shown ? defaultVersion(shown) : null;
    return version === null ? null : { versionId: version };
  }, [viewing, shown]);

  const back = (
    <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => go(returnTo)}>
      {t('ui.contract.back')}
    </Button>
  );
  if (shown === null) {
    return (
      <div className="page-fill">
        <PageTitle extra={back}>{t('ui.contract.title')}</PageTitle>
        <ProblemAlert problem={problem} onClose={clearProblem} />
        {loading ? <Spin aria-label={t('ui.app.loading')} /> : null}
      </div>
    );
  }
  return (
    <div className="page-fill contract-page">
      <PageTitle extra={back}>{shown.displayName}</PageTitle>
      <ProblemAlert problem={problem} onClose={clearProblem} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as ContractTab)}
        destroyOnHidden
        items={[
          {
            key: 'details',
            label: t('ui.contract.tab.details'),
            children: (
              <div className="contract-details">
                <ContractDetailsForm detail={shown} />
                <ExtractedFieldsList detail={shown} />
              </div>
            ),
          },
          {
            key: 'files',
            label: t('ui.contract.tab.files'),
            children: (
              <ContractFilesPanel
                detail={shown}
                onView={(versionId) => {
                  setViewing({ versionId });
                  setTab('viewer');
                }}
                onCompare={(fileId) => {
                  setCompareFileId(fileId);
                  setTab('compare');
                }}
              />
            ),
          },
          {
            key: 'viewer',
            label: t('ui.contract.tab.viewer'),
            children: viewRequest === null
              ? <Empty description={t('ui.contract.noFiles')} />
              : <FileViewer detail={shown} request={viewRequest} />,
          },
          {
            key: 'compare',
            label: t('ui.contract.tab.compare'),
            children: <ComparePanel detail={shown} initialFileId={compareFileId} />,
          },
          {
            key: 'history',
            label: t('ui.contract.tab.history'),
            children: <AuditTrail detail={shown} />,
          },
        ]}
      />
    </div>
  );
}
