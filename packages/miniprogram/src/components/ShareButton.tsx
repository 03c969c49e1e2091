import { Button, Text, View } from '@tarojs/components';
import { shareOnWeb, type ShareContent } from '../lib/share';

/**
 * 分享: in QQ, the share button that opens QQ's share sheet (the card is the page's useShare); on the
 * web page, the phone's share sheet or a copied link.
 */
export function ShareButton({ content, label = '分享' }: { content: ShareContent; label?: string }) {
  if (process.env.TARO_ENV === 'qq') {
    return (
      <Button className="share-btn" openType="share" size="mini" data-testid="share-button">
        {label}
      </Button>
    );
  }
  return (
    <View className="share-btn" data-testid="share-button" onClick={() => void shareOnWeb(content)}>
      <Text>{label}</Text>
    </View>
  );
}
