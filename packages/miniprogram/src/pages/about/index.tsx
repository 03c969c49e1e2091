import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './index.css';

const go = (url: string) => () => void Taro.navigateTo({ url });

/** 关于闲置: what the app is, what it is not, and where to go next. */
export default function About() {
  return (
    <View className="page about">
      <View className="section about-head">
        <Text className="about-name">闲置</Text>
        <Text className="muted">校园二手交易小程序</Text>
      </View>
      <View className="section about-body">
        <View>闲置帮同校同学转让用不着的东西、找到想要的二手物品：发布、搜索、留言，看中了加 QQ 好友当面交易。</View>
        <View className="about-p">
          发布和联系卖家需要先验证学生身份，同学之间更放心。闲置不经手任何款项，请当面验货、自行付款。
        </View>
        <View className="about-p">网页版可以浏览商品和主页；登录、发布和联系卖家请在 QQ 中打开「闲置」小程序。</View>
      </View>
      <View className="section about-links">
        <View className="about-link" data-testid="about-rules" onClick={go('/pages/rules/index')}>
          <Text>交易规则</Text>
          <Text className="muted">›</Text>
        </View>
        <View className="about-link" data-testid="about-feedback" onClick={go('/pages/feedback/index')}>
          <Text>意见反馈</Text>
          <Text className="muted">›</Text>
        </View>
      </View>
    </View>
  );
}
