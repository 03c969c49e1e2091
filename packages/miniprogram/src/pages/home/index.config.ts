export default definePageConfig({
  navigationBarTitleText: '闲置 · 校园二手',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
