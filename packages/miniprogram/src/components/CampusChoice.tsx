import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { chooseCampus } from '../api/campus';
import { errorMessage } from '../api/client';
import { useCampuses, type CampusState } from '../api/queries';
import './CampusChoice.css';

interface Props {
  /** The campus browsed now, marked in the list. */
  current?: string | null;
  onChosen?: (campusId: string) => void;
}

/** The campuses this server serves (`GET /v1/campuses`); a tap remembers the choice on this phone. */
export function CampusChoice({ current = null, onChosen }: Props) {
  const campuses = useCampuses();
  if (campuses.isPending) return <View className="empty">学校列表加载中…</View>;
  if (campuses.error) {
    return (
      <View className="banner-error" onClick={() => void campuses.refetch()}>
        {errorMessage(campuses.error)}（点击重试）
      </View>
    );
  }
  if (campuses.data.items.length === 0) return <View className="empty">还没有开通的学校</View>;
  return (
    <View className="campus-choice" data-testid="campus-choice">
      {campuses.data.items.map((c) => (
        <View
          key={c.id}
          className={`campus-option ${c.id === current ? 'campus-option-on' : ''}`}
          data-testid="campus-option"
          onClick={() => {
            chooseCampus(c.id);
            onChosen?.(c.id);
          }}
        >
          <Text className="campus-option-name">{c.name}</Text>
          {c.id === current && <Text className="campus-option-mark">当前</Text>}
        </View>
      ))}
    </View>
  );
}

/**
 * Shows its children once the campus is known; a visitor on a server with several campuses picks one
 * here first (once: the choice is remembered on the phone).
 */
export function CampusGate({ campus, children }: { campus: CampusState; children: ReactNode }) {
  if (campus.status === 'loading') return <View className="empty">加载中…</View>;
  if (campus.status === 'choose') {
    return (
      <View className="campus-gate">
        <View className="campus-gate-title">选择你的学校</View>
        <View className="muted campus-gate-hint">之后会记住你的选择，可在首页随时切换</View>
        <CampusChoice />
      </View>
    );
  }
  return <>{children}</>;
}
