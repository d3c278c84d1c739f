import { Progress, Typography } from 'antd';
import type { MessageKey } from '../../../src-shared/i18n/en.ts';
import { useT } from '../../i18n/useT.ts';
import { passphraseScore, type PassphraseScore } from './passphraseStrength.ts';

const labels: Record<PassphraseScore, MessageKey> = {
  0: 'ui.strength.tooShort',
  1: 'ui.strength.weak',
  2: 'ui.strength.fair',
  3: 'ui.strength.good',
  4: 'ui.strength.strong',
};
// Red to green; the label beside the bar says the same in words, so colour is never the only cue.
const colours: Record<PassphraseScore, string> = { 0: '#cf1322', 1: '#cf1322', 2: '#d46b08', 3: '#389e0d', 4: '#237804' };

/** A four-step bar and a word for how strong the typed passphrase looks (see passphraseStrength.ts). */
export function PassphraseStrengthMeter({ passphrase }: { passphrase: string }) {
  const t = useT();
  const score = passphraseScore(passphrase);
  const label = t(labels[score]);
  return (
    <div className="strength-meter" data-score={score}>
      <Progress
        steps={4}
        percent={score * 25}
        showInfo={false}
        strokeColor={colours[score]}
        aria-label={t('ui.strength.label')}
        aria-valuetext={label}
      />
      <Typography.Text aria-live="polite">{t('ui.strength.value', { strength: label })}</Typography.Text>
    </div>
  );
}
