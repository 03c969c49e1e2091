export default definePageConfig({ navigationBarTitleText: '选择学校' });
