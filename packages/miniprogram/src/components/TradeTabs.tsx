import { View } from '@tarojs/components';
import type { TradeRole } from '../api/trade-types';
import './Trades.css';

interface Props<S extends string> {
  role: TradeRole;
  roleLabels: Record<TradeRole, string>;
  onRole: (role: TradeRole) => void;
  status: S | null;
  statuses: readonly { value: S | null; label: string }[];
  onStatus: (status: S | null) => void;
}

/** The two sides (as buyer, as seller) and a state filter over a list of offers or trades. */
export function TradeTabs<S extends string>({ role, roleLabels, onRole, status, statuses, onStatus }: Props<S>) {
  return (
    <View>
      <View className="trade-tabs">
        {(['buyer', 'seller'] as const).map((r) => (
          <View
            key={r}
            className={`trade-tab ${role === r ? 'trade-tab-active' : ''}`}
            data-testid={`tab-${r}`}
            onClick={() => onRole(r)}
          >
            {roleLabels[r]}
          </View>
        ))}
      </View>
      <View className="chips trade-chips">
        {statuses.map((s) => (
          <View
            key={s.label}
            className={`chip ${status === s.value ? 'chip-active' : ''}`}
            onClick={() => onStatus(s.value)}
          >
            {s.label}
          </View>
        ))}
      </View>
    </View>
  );
}
