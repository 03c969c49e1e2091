import { Text } from '@tarojs/components';
import type { HighlightRun } from '../api/types';

interface Props {
  runs: HighlightRun[];
  className?: string;
}

/** The API's highlighted runs as text: matched runs are emphasised, nothing is parsed as markup. */
export function Highlighted({ runs, className }: Props) {
  return (
    <Text className={className}>
      {runs.map((r, i) =>
        r.match ? (
          <Text key={i} className="hl" data-testid="hl">
            {r.text}
          </Text>
        ) : (
          <Text key={i}>{r.text}</Text>
        ),
      )}
    </Text>
  );
}
