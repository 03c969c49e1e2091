import { Text, View } from '@tarojs/components';
import './index.css';

interface Rule {
  title: string;
  items: string[];
}

/** 交易规则, in the words a student reads before the first trade. */
export const RULES: Rule[] = [
  {
    title: '可以发布什么',
    items: [
      '自己拥有、可以合法转让的闲置物品：教材书籍、数码产品、生活用品、运动器材、衣物等。',
      '求购帖：写清想要什么、预算和成色要求。',
      '照片须为实物照片，标题、价格和描述如实填写；已经卖出请及时标记「已售出」。',
    ],
  },
  {
    title: '禁止发布',
    items: [
      '违法违禁物品：管制刀具、药品与处方药、烟草电子烟、酒类、易燃易爆及危险化学品、活体动物。',
      '代考、代课、论文代写、刷单、账号及证件买卖、校园卡或学生证转让。',
      '盗版、仿冒品，以及来路不明的物品。',
      '广告引流、重复刷屏、与交易无关的内容；辱骂、骚扰或泄露他人隐私。',
      '违反规则的商品会被下架，多次违规的账号会被封禁。',
    ],
  },
  {
    title: '安全见面交易',
    items: [
      '尽量在校内人多、有监控的公共场所见面，例如图书馆门口、食堂、快递站。',
      '当面验货、确认无误后再付款；电子产品当场开机检查。',
      '不要把学号密码、验证码或银行卡信息告诉任何人。',
      '遇到要求提前转账、加价代付或扫陌生二维码的，请停止交易并举报。',
    ],
  },
  {
    title: '付款由双方自行完成',
    items: [
      '闲置只提供信息发布与联系，不经手任何款项，也不提供担保交易。',
      '请当面或通过你信任的方式付款；平台不会以任何名义向你收款。',
      '交易纠纷可通过「举报」或「意见反馈」告诉管理员，管理员会协助处理违规内容。',
    ],
  },
];

export default function Rules() {
  return (
    <View className="page rules">
      {RULES.map((r) => (
        <View key={r.title} className="section" data-testid="rule">
          <View className="section-title">{r.title}</View>
          {r.items.map((item) => (
            <View key={item} className="rules-item">
              <Text className="rules-dot">•</Text>
              <Text className="rules-text">{item}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
