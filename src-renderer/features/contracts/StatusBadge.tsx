import { Badge } from 'antd';
import type { ContractStatus } from '../../../src-shared/model/contract.ts';
import { useT } from '../../i18n/useT.ts';

const badgeStatus: Record<ContractStatus, 'default' | 'success' | 'warning' | 'error'> = {
  draft: 'default',
  active: 'success',
  expired: 'warning',
  terminated: 'error',
};

/** A contract's status as a coloured dot and its word (the word carries the meaning; the colour only helps). */
export function StatusBadge({ status }: { status: ContractStatus }) {
  const t = useT();
  return <Badge status={badgeStatus[status]} text={t(`contractStatus.${status}`)} />;
}
