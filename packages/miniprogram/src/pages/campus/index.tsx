import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCampus } from '../../api/queries';
import { CampusChoice } from '../../components/CampusChoice';
import './index.css';

/** 切换学校: a visitor's campus, remembered on this phone. A signed-in student browses their own campus. */
export default function CampusPage() {
  const campus = useCampus();
  if (campus.source === 'profile') {
    return (
      <View className="page">
        <View className="section">
          <View className="section-title">你正在浏览自己学校的闲置</View>
          <View className="muted">登录后看到的是账号所在学校的商品；想看其他学校，请先在「我的」退出登录。</View>
        </View>
      </View>
    );
  }
  return (
    <View className="page campus-page">
      <View className="section-title campus-page-title">选择学校</View>
      <CampusChoice
        current={campus.campusId}
        onChosen={() => void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/home/index' }))}
      />
    </View>
  );
}
