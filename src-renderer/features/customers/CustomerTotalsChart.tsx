import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Locale } from '../../../src-shared/i18n/translate.ts';
import { formatMoney } from '../../i18n/formatMoney.ts';
import type { YearTotal } from './customerHistory.ts';

/** One currency's signed totals by year as bars; the values in the tooltip are formatted from minor units, never rounded floats. */
export function CustomerTotalsChart({ currency, series, locale, label }: { currency: string; series: YearTotal[]; locale: Locale; label: string }) {
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  return (
    <figure className="totals-chart" aria-label={label}>
      <figcaption className="totals-chart-caption">{label}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={series} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="year" />
          <YAxis tickFormatter={(v: number) => compact.format(v / 100)} width={56} />
          <Tooltip formatter={(value) => formatMoney({ minor: Number(value), currency }, locale)} />
          <Bar dataKey="minor" name={currency} fill="#0958d9" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      {/* The figures as text too: a chart alone says nothing to a screen reader. */}
      <ul className="sr-only">
        {series.map((point) => <li key={point.year}>{`${point.year}: ${formatMoney({ minor: point.minor, currency }, locale)}`}</li>)}
      </ul>
    </figure>
  );
}
