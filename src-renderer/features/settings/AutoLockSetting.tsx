import { InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT } from '../../i18n/useT.ts';

/** The vault's auto-lock time (settings.autoLockMinutes): the backend locks the vault after that long without use. */
export function AutoLockSetting() {
  const t = useT();
  const [minutes, setMinutes] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let live = true;
    void callApi(appApi, 'settings.get', {}).then((outcome) => {
      if (!live) return;
      if (outcome.ok) setMinutes(outcome.value.autoLockMinutes);
      else setProblem(outcome.problem);
    });
    return () => {
      live = false;
    };
  }, []);

  const save = async (value: number | null): Promise<void> => {
    if (value === null || !Number.isInteger(value)) return;
    setSaved(false);
    const outcome = await callApi(appApi, 'settings.update', { autoLockMinutes: value });
    if (outcome.ok) {
      setMinutes(outcome.value.autoLockMinutes);
      setSaved(true);
      setProblem(null);
    } else setProblem(outcome.problem);
  };

  return (
    <>
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      <Space align="center">
        <InputNumber
          id="auto-lock-minutes"
          aria-label={t('ui.settings.autoLock')}
          min={0}
          max={1440}
          precision={0}
          value={minutes}
          disabled={minutes === null}
          addonAfter={t('ui.settings.minutes')}
          onChange={(value) => setMinutes(value)}
          onBlur={() => void save(minutes)}
          onPressEnter={() => void save(minutes)}
        />
        {saved ? <Typography.Text type="success">{t('ui.settings.saved')}</Typography.Text> : null}
      </Space>
    </>
  );
}
