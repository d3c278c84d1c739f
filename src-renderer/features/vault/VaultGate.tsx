import { Card, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useDesktopRequestStore } from '../../app/desktopRequestStore.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT } from '../../i18n/useT.ts';
import { LanguageSwitch } from '../settings/LanguageSwitch.tsx';
import { CreateVaultForm } from './CreateVaultForm.tsx';
import { RestoreFromBackupForm } from './RestoreFromBackupForm.tsx';
import { UnlockVaultForm } from './UnlockVaultForm.tsx';
import { useVaultStore } from './vaultStore.ts';

type GateTab = 'unlock' | 'create' | 'restore';

/** The first screen while no vault is open: unlock the last one, create a new one, or restore one from a backup. */
export function VaultGate() {
  const t = useT();
  const rememberedDir = useVaultStore((state) => state.vaultDir);
  const problem = useVaultStore((state) => state.problem);
  const clearProblem = useVaultStore((state) => state.clearProblem);
  // A first start (no vault opened here before) lands on "create"; later starts on "unlock".
  const [tab, setTab] = useState<GateTab>(rememberedDir === '' ? 'create' : 'unlock');
  // A `.cvbackup` opened with the desktop app while no vault is open: the restore tab takes it.
  const pendingRestore = useDesktopRequestStore((state) => state.pending?.kind === 'restoreBackup');
  useEffect(() => {
    if (pendingRestore) setTab('restore');
  }, [pendingRestore]);
  return (
    <main className="gate">
      <Card className="gate-card">
        <div className="gate-header">
          <Typography.Title level={1}>{t('ui.app.name')}</Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('ui.gate.tagline')}</Typography.Paragraph>
        <ProblemAlert problem={problem} onClose={clearProblem} />
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            clearProblem();
            setTab(key as GateTab);
          }}
          items={[
            { key: 'unlock', label: t('ui.gate.unlockTab'), children: <UnlockVaultForm /> },
            { key: 'create', label: t('ui.gate.createTab'), children: <CreateVaultForm /> },
            // #5: restore needs no open vault (backup.restore is an `open` operation).
            { key: 'restore', label: t('ui.gate.restoreTab'), children: <RestoreFromBackupForm /> },
          ]}
        />
      </Card>
    </main>
  );
}
