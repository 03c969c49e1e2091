export default defineAppConfig({
  pages: ['pages/home/index', 'pages/publish/index', 'pages/me/index', 'pages/detail/index', 'pages/edit/index'],
  window: {
    navigationBarTitleText: '闲置',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#ff6a00',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/publish/index', text: '发布' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
})
