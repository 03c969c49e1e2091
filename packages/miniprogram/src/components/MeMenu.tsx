import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ContactSupport } from './ContactSupport';

const ENTRIES: { label: string; url: string; testId: string }[] = [
  { label: '我的订阅', url: '/pages/saved-searches/index', testId: 'menu-saved-searches' },
  { label: '通知设置', url: '/pages/settings/index', testId: 'menu-settings' },
  { label: '意见反馈', url: '/pages/feedback/index', testId: 'menu-feedback' },
  { label: '交易规则', url: '/pages/rules/index', testId: 'menu-rules' },
  { label: '关于闲置', url: '/pages/about/index', testId: 'menu-about' },
];

/** The rarely used corners of 我的: saved searches, settings, feedback, support, rules and about. */
export function MeMenu({ campusId }: { campusId: string | null }) {
  return (
    <View className="section me-menu" data-testid="me-menu">
      {ENTRIES.map((e) => (
        <View
          key={e.url}
          className="me-menu-item"
          data-testid={e.testId}
          onClick={() => void Taro.navigateTo({ url: e.url })}
        >
          <Text>{e.label}</Text>
          <Text className="muted">›</Text>
        </View>
      ))}
      <ContactSupport campusId={campusId} />
    </View>
  );
}
