import { Alert } from 'antd';
import type { Problem } from '../api/problem.ts';
import { problemMessage } from '../i18n/problemMessage.ts';
import { useLocaleStore } from '../i18n/localeStore.ts';

/** A problem from the backend or the transport, translated into the UI language when it renders. */
export function ProblemAlert({ problem, onClose }: { problem: Problem | null; onClose?: () => void }) {
  const locale = useLocaleStore((state) => state.locale);
  if (problem === null) return null;
  return <Alert type="error" showIcon message={problemMessage(locale, problem)} {...(onClose ? { closable: true, onClose } : {})} />;
}
