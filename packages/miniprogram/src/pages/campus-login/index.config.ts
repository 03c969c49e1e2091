export default definePageConfig({
  navigationBarTitleText: '学校统一身份认证',
});
