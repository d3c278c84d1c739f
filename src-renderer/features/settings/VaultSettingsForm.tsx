import { Button, Form, Input, InputNumber, Switch } from 'antd';
import { useEffect, useState } from 'react';
import type { VaultSettings } from '../../../src-shared/model/vaultSettings.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT } from '../../i18n/useT.ts';

const MB = 1024 * 1024;

interface FormValues {
  namingTemplate: string;
  contractNumberPattern: string;
  ocrEnabled: boolean;
  importMaxMb: number;
}

function toForm(settings: VaultSettings): FormValues {
  return {
    namingTemplate: settings.namingTemplate,
    contractNumberPattern: settings.contractNumberPattern ?? '',
    ocrEnabled: settings.ocrEnabled,
    importMaxMb: Math.max(1, Math.round(settings.importMaxFileBytes / MB)),
  };
}

/** The vault's import and naming settings (settings.get / settings.update); a bad template is refused with its reason. */
export function VaultSettingsForm() {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let live = true;
    void callApi(appApi, 'settings.get', {}).then((outcome) => {
      if (!live) return;
      if (outcome.ok) {
        form.setFieldsValue(toForm(outcome.value));
        setLoaded(true);
      } else setProblem(outcome.problem);
    });
    return () => {
      live = false;
    };
  }, [form]);

  const save = async (values: FormValues): Promise<void> => {
    setSaving(true);
    setSaved(false);
    const pattern = values.contractNumberPattern.trim();
    const outcome = await callApi(appApi, 'settings.update', {
      namingTemplate: values.namingTemplate,
      contractNumberPattern: pattern === '' ? null : pattern,
      ocrEnabled: values.ocrEnabled,
      importMaxFileBytes: Math.round(values.importMaxMb) * MB,
    });
    setSaving(false);
    if (outcome.ok) {
      form.setFieldsValue(toForm(outcome.value));
      setSaved(true);
      setProblem(null);
    } else setProblem(outcome.problem);
  };

  return (
    <Form form={form} layout="vertical" disabled={!loaded} onFinish={(values) => void save(values)} onValuesChange={() => setSaved(false)}>
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      <Form.Item name="namingTemplate" label={t('ui.settings.namingTemplate')} extra={t('ui.settings.namingTemplateHelp')} rules={[{ required: true, whitespace: true, message: t('ui.settings.required') }]}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="contractNumberPattern" label={t('ui.settings.numberPattern')} extra={t('ui.settings.numberPatternHelp')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="ocrEnabled" label={t('ui.settings.ocr')} extra={t('ui.settings.ocrHelp')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="importMaxMb" label={t('ui.settings.importMax')} rules={[{ required: true, message: t('ui.settings.required') }]}>
        <InputNumber min={1} max={1024 * 1024} precision={0} addonAfter="MB" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        {saved ? t('ui.settings.saved') : t('ui.settings.save')}
      </Button>
    </Form>
  );
}
