export default definePageConfig({
  navigationBarTitleText: '我的交易',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
