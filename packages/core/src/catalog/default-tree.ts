/** The tree a new campus starts with; admins can rename, reorder, disable and extend it. */
export const DEFAULT_CATEGORY_TREE: ReadonlyArray<{
  name: string;
  code: string;
  children: ReadonlyArray<{ name: string; code: string }>;
}> = [
  {
    name: '旧书',
    code: 'books',
    children: [
      { name: '教材', code: 'books-textbook' },
      { name: '考研考公', code: 'books-exam' },
      { name: '外语', code: 'books-language' },
      { name: '文学小说', code: 'books-fiction' },
      { name: '计算机', code: 'books-computer' },
      { name: '其他书籍', code: 'books-other' },
    ],
  },
  {
    name: '电子产品',
    code: 'digital',
    children: [
      { name: '手机', code: 'digital-phone' },
      { name: '电脑', code: 'digital-computer' },
      { name: '平板', code: 'digital-tablet' },
      { name: '耳机音箱', code: 'digital-audio' },
      { name: '相机', code: 'digital-camera' },
      { name: '数码配件', code: 'digital-accessory' },
    ],
  },
  {
    name: '生活用品',
    code: 'daily',
    children: [
      { name: '宿舍神器', code: 'daily-dorm' },
      { name: '小家电', code: 'daily-appliance' },
      { name: '洗护美妆', code: 'daily-care' },
      { name: '厨具餐具', code: 'daily-kitchen' },
      { name: '床上用品', code: 'daily-bedding' },
    ],
  },
  {
    name: '文体用品',
    code: 'sports',
    children: [
      { name: '运动器材', code: 'sports-equipment' },
      { name: '乐器', code: 'sports-instrument' },
      { name: '文具', code: 'sports-stationery' },
      { name: '桌游', code: 'sports-boardgame' },
    ],
  },
  {
    name: '交通出行',
    code: 'transport',
    children: [
      { name: '自行车', code: 'transport-bike' },
      { name: '电动车', code: 'transport-ebike' },
      { name: '滑板车', code: 'transport-scooter' },
    ],
  },
  {
    name: '服饰鞋包',
    code: 'fashion',
    children: [
      { name: '衣服', code: 'fashion-clothes' },
      { name: '鞋子', code: 'fashion-shoes' },
      { name: '包', code: 'fashion-bags' },
    ],
  },
  {
    name: '其他',
    code: 'other',
    children: [
      { name: '票券卡券', code: 'other-tickets' },
      { name: '其他闲置', code: 'other-misc' },
    ],
  },
];
