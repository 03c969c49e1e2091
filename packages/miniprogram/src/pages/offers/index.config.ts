export default definePageConfig({
  navigationBarTitleText: '我的出价',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
