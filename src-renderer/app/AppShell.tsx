import { CloudUploadOutlined, FileTextOutlined, LockOutlined, SearchOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { Badge, Button, Layout, Menu, Tooltip } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { BackupsPage } from '../features/backup/BackupsPage.tsx';
import { useBackupStore } from '../features/backup/backupStore.ts';
import { BackupWarningBanner } from '../features/backup/BackupWarningBanner.tsx';
import { ContractPage } from '../features/contract/ContractPage.tsx';
import { ContractsPage } from '../features/contracts/ContractsPage.tsx';
import { CustomerPage } from '../features/customers/CustomerPage.tsx';
import { CustomersPage } from '../features/customers/CustomersPage.tsx';
import { DesktopImportRequests } from '../features/import/DesktopImportRequests.tsx';
import { DropImportLayer } from '../features/import/DropImportLayer.tsx';
import { ImportQueuePanel } from '../features/import/ImportQueuePanel.tsx';
import { GlobalSearchBox } from '../features/search/GlobalSearchBox.tsx';
import { SearchPage } from '../features/search/SearchPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { useVaultStore } from '../features/vault/vaultStore.ts';
import { useT } from '../i18n/useT.ts';
import { lockVault } from './lockVault.ts';
import { useNavigationStore, type Page } from './navigationStore.ts';
import { ProblemAlert } from './ProblemAlert.tsx';

const screens: Record<Page, () => ReactNode> = {
  contracts: () => <ContractsPage />,
  customers: () => <CustomersPage />,
  customer: () => <CustomerPage />,
  search: () => <SearchPage />,
  settings: () => <SettingsPage />,
  contract: () => <ContractPage />,
  backups: () => <BackupsPage />,
};

/** The open vault's frame: the left navigation, the header (search, vault status, Lock) and the current screen. */
export function AppShell() {
  const t = useT();
  const page = useNavigationStore((state) => state.page);
  const go = useNavigationStore((state) => state.go);
  const returnTo = useNavigationStore((state) => state.returnTo);
  const vaultDir = useVaultStore((state) => state.vaultDir);
  const busy = useVaultStore((state) => state.busy);
  const problem = useVaultStore((state) => state.problem);
  const clearProblem = useVaultStore((state) => state.clearProblem);
  // The backup warning is shown on every screen: load the status once the vault is open.
  useEffect(() => {
    void useBackupStore.getState().load();
  }, []);
  return (
    <Layout className="shell">
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={64} className="shell-sider">
        <div className="brand">{t('ui.app.name')}</div>
        <nav aria-label={t('ui.nav.label')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[page === 'contract' ? (returnTo === 'customer' ? 'customers' : returnTo) : page === 'customer' ? 'customers' : page]}
            onClick={({ key }) => go(key as Page)}
            items={[
              { key: 'contracts', icon: <FileTextOutlined aria-hidden />, label: t('ui.nav.contracts') },
              { key: 'customers', icon: <TeamOutlined aria-hidden />, label: t('ui.nav.customers') },
              { key: 'search', icon: <SearchOutlined aria-hidden />, label: t('ui.nav.search') },
              { key: 'backups', icon: <CloudUploadOutlined aria-hidden />, label: t('ui.nav.backups') },
              { key: 'settings', icon: <SettingOutlined aria-hidden />, label: t('ui.nav.settings') },
            ]}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="shell-header">
          <GlobalSearchBox />
          <div className="shell-header-right">
            <Tooltip title={vaultDir}>
              <Badge status="success" text={t('ui.header.unlocked')} className="vault-status" />
            </Tooltip>
            <Button icon={<LockOutlined aria-hidden />} loading={busy} onClick={() => void lockVault()}>
              {t('ui.header.lock')}
            </Button>
          </div>
        </Layout.Header>
        <Layout.Content className="shell-content">
          <ProblemAlert problem={problem} onClose={clearProblem} />
          {page === 'backups' ? null : <BackupWarningBanner withLink />}
          {screens[page]()}
        </Layout.Content>
      </Layout>
      <DropImportLayer />
      <DesktopImportRequests />
      <ImportQueuePanel />
    </Layout>
  );
}
