import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { contactFor, contactLines, useCampuses } from '../api/support';

/** QQ's own customer-service chat (`<button open-type="contact">`) is only in the QQ mini-program. */
const HAS_QQ_CONTACT = process.env.TARO_ENV === 'qq';

/**
 * 联系客服: QQ's customer-service chat where QQ offers it, and always the campus's own contact from
 * its configuration (shown on tap; the QQ number can be copied).
 */
export function ContactSupport({ campusId }: { campusId: string | null }) {
  const campuses = useCampuses();
  const contact = contactFor(campuses.data, campusId);
  const lines = contactLines(contact);

  const show = () => {
    if (campuses.isPending) {
      void Taro.showToast({ title: '客服信息加载中…', icon: 'none' });
      return;
    }
    if (campuses.error || lines.length === 0) {
      void Taro.showModal({
        title: '联系客服',
        content: campuses.error
          ? '暂时取不到客服信息，请稍后再试，或在「意见反馈」里留言。'
          : '本校还没有设置客服联系方式，请在「意见反馈」里留言，管理员会回复你。',
        showCancel: false,
      });
      return;
    }
    void Taro.showModal({
      title: '联系客服',
      content: lines.join('\n'),
      showCancel: Boolean(contact?.qq),
      cancelText: '关闭',
      confirmText: contact?.qq ? '复制QQ号' : '知道了',
    }).then((r) => {
      if (r.confirm && contact?.qq) void Taro.setClipboardData({ data: contact.qq });
    });
  };

  return (
    <View data-testid="contact-support">
      {HAS_QQ_CONTACT && (
        <Button className="me-menu-item me-contact-btn" openType="contact" data-testid="qq-contact">
          <Text>在线客服（QQ）</Text>
          <Text className="muted">›</Text>
        </Button>
      )}
      <View className="me-menu-item" data-testid="campus-contact" onClick={show}>
        <Text>{HAS_QQ_CONTACT ? '校园客服联系方式' : '联系客服'}</Text>
        <Text className="muted">{lines[0] ?? '›'}</Text>
      </View>
    </View>
  );
}
