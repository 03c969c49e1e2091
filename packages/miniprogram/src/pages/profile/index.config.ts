export default definePageConfig({
  navigationBarTitleText: '卖家主页',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
