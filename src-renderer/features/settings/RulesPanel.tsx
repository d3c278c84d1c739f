import { Button, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { contractTypes, type ContractType } from '../../../src-shared/model/contract.ts';
import { matchAlgorithms, type MatchAlgorithm } from '../../../src-shared/rules/classification/matchRule.ts';
import type { ClassificationRule } from '../../../src-shared/rules/classification/classificationRule.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';

type TargetKind = ClassificationRule['target']['kind'];
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT, type Translator } from '../../i18n/useT.ts';
import type { MessageKey } from '../../../src-shared/i18n/en.ts';

/** Each match algorithm's name, spelled out so the catalogue check sees every key in use. */
const algorithmLabels: Record<MatchAlgorithm, MessageKey> = {
  any: 'ui.rules.algorithm.any',
  all: 'ui.rules.algorithm.all',
  exact: 'ui.rules.algorithm.exact',
  regex: 'ui.rules.algorithm.regex',
  fuzzy: 'ui.rules.algorithm.fuzzy',
  none: 'ui.rules.algorithm.none',
};
const kindLabels: Record<TargetKind, MessageKey> = { type: 'ui.rules.kind.type', tag: 'ui.rules.kind.tag', customer: 'ui.rules.kind.customer' };


interface NewRule {
  kind: TargetKind;
  type: ContractType;
  value: string;
  algorithm: MatchAlgorithm;
  pattern: string;
  priority: number;
}

function targetLabel(t: Translator, rule: ClassificationRule, customerNames: ReadonlyMap<string, string>): string {
  const { target } = rule;
  if (target.kind === 'type') return `${t('ui.rules.kind.type')}: ${t(`contractType.${target.value}`)}`;
  if (target.kind === 'tag') return `${t('ui.rules.kind.tag')}: ${target.value}`;
  return `${t('ui.rules.kind.customer')}: ${customerNames.get(target.value) ?? target.value}`;
}

/** The vault's classification rules (Paperless-style): what each assigns, how it matches; add and remove. */
export function RulesPanel() {
  const t = useT();
  const [rules, setRules] = useState<ClassificationRule[] | null>(null);
  const [customerNames, setCustomerNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [problem, setProblem] = useState<Problem | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<NewRule>();
  const kind = Form.useWatch('kind', form) ?? 'type';

  const load = useCallback(async () => {
    const [listed, customers] = await Promise.all([callApi(appApi, 'rules.list', {}), callApi(appApi, 'customers.list', {})]);
    if (listed.ok) setRules(listed.value);
    else setProblem(listed.problem);
    if (customers.ok) setCustomerNames(new Map(customers.value.map((c) => [c.id, c.name])));
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const add = async (values: NewRule): Promise<void> => {
    setAdding(true);
    const target = values.kind === 'type' ? { kind: 'type' as const, value: values.type } : { kind: values.kind, value: values.value };
    const outcome = await callApi(appApi, 'rules.add', { target, rule: { algorithm: values.algorithm, pattern: values.pattern }, priority: values.priority });
    setAdding(false);
    if (outcome.ok) {
      form.resetFields(['value', 'pattern']);
      setProblem(null);
      await load();
    } else setProblem(outcome.problem);
  };

  const remove = async (id: string): Promise<void> => {
    const outcome = await callApi(appApi, 'rules.remove', { id });
    if (outcome.ok) await load();
    else setProblem(outcome.problem);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      <Table<ClassificationRule>
        size="small"
        rowKey="id"
        loading={rules === null}
        dataSource={rules ?? []}
        pagination={false}
        columns={[
          { key: 'target', title: t('ui.rules.assigns'), render: (_v, rule) => targetLabel(t, rule, customerNames) },
          { key: 'algorithm', title: t('ui.rules.match'), render: (_v, rule) => t(algorithmLabels[rule.rule.algorithm]) },
          { key: 'pattern', title: t('ui.rules.pattern'), render: (_v, rule) => <code>{rule.rule.pattern}</code> },
          { key: 'priority', title: t('ui.rules.priority'), dataIndex: 'priority' },
          {
            key: 'flags',
            title: t('ui.rules.state'),
            render: (_v, rule) => (
              <Space size={4}>
                {rule.builtin ? <Tag>{t('ui.rules.builtin')}</Tag> : null}
                {rule.enabled ? null : <Tag>{t('ui.rules.disabled')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'actions',
            title: t('ui.rules.actions'),
            render: (_v, rule) => (
              <Popconfirm title={t('ui.rules.removeConfirm')} okText={t('ui.rules.remove')} cancelText={t('ui.rules.cancel')} onConfirm={() => void remove(rule.id)}>
                <Button size="small">{t('ui.rules.remove')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Form<NewRule>
        form={form}
        layout="inline"
        initialValues={{ kind: 'type', type: 'service', algorithm: 'any', priority: 0 }}
        onFinish={(values) => void add(values)}
        aria-label={t('ui.rules.addTitle')}
      >
        <Form.Item name="kind" label={t('ui.rules.assigns')}>
          <Select style={{ width: 130 }} options={(['type', 'tag', 'customer'] as const).map((k) => ({ value: k, label: t(kindLabels[k]) }))} />
        </Form.Item>
        {kind === 'type' ? (
          <Form.Item name="type" label={t('ui.rules.kind.type')}>
            <Select style={{ width: 170 }} options={contractTypes.map((type) => ({ value: type, label: t(`contractType.${type}`) }))} />
          </Form.Item>
        ) : kind === 'tag' ? (
          <Form.Item name="value" label={t('ui.rules.kind.tag')} rules={[{ required: true, whitespace: true, message: t('ui.settings.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
        ) : (
          <Form.Item name="value" label={t('ui.rules.kind.customer')} rules={[{ required: true, message: t('ui.settings.required') }]}>
            <Select style={{ width: 220 }} showSearch optionFilterProp="label" options={[...customerNames].map(([id, name]) => ({ value: id, label: name }))} />
          </Form.Item>
        )}
        <Form.Item name="algorithm" label={t('ui.rules.match')}>
          <Select style={{ width: 150 }} options={matchAlgorithms.map((a) => ({ value: a, label: t(algorithmLabels[a]) }))} />
        </Form.Item>
        <Form.Item name="pattern" label={t('ui.rules.pattern')} rules={[{ required: true, message: t('ui.settings.required') }]}>
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item name="priority" label={t('ui.rules.priority')}>
          <InputNumber min={-1000} max={1000} precision={0} style={{ width: 90 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={adding}>{t('ui.rules.add')}</Button>
      </Form>
    </Space>
  );
}
