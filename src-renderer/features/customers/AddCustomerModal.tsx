import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/useT.ts';
import { useCustomersStore } from './customersStore.ts';

interface AddCustomerValues {
  name: string;
  email?: string;
  phone?: string;
  notes?: string;
}

/** A dialog to add a customer: a name (any script), optionally an e-mail, a phone and notes. */
export function AddCustomerModal({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (id: string) => void }) {
  const t = useT();
  const add = useCustomersStore((state) => state.add);
  const [form] = Form.useForm<AddCustomerValues>();
  const [saving, setSaving] = useState(false);
  const submit = async (values: AddCustomerValues) => {
    setSaving(true);
    const blankless = (v: string | undefined) => (v === undefined || v.trim() === '' ? {} : { value: v.trim() });
    const email = blankless(values.email);
    const phone = blankless(values.phone);
    const notes = blankless(values.notes);
    const id = await add({
      name: values.name,
      ...('value' in email ? { email: email.value } : {}),
      ...('value' in phone ? { phone: phone.value } : {}),
      ...('value' in notes ? { notes: notes.value } : {}),
    });
    setSaving(false);
    if (id !== null) {
      form.resetFields();
      onAdded(id);
    }
  };
  return (
    <Modal
      open={open}
      title={t('ui.customers.add')}
      okText={t('ui.customers.addConfirm')}
      cancelText={t('ui.action.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item name="name" label={t('ui.customers.field.name')} rules={[{ required: true, whitespace: true, message: t('ui.customers.nameRequired') }]}>
          <Input autoFocus maxLength={300} />
        </Form.Item>
        <Form.Item name="email" label={t('ui.customers.field.email')} rules={[{ type: 'email', message: t('ui.customers.emailInvalid') }]}>
          <Input maxLength={320} />
        </Form.Item>
        <Form.Item name="phone" label={t('ui.customers.field.phone')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="notes" label={t('ui.customers.field.notes')}>
          <Input.TextArea rows={3} maxLength={20_000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
