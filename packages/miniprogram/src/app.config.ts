export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/publish/index',
    'pages/me/index',
    'pages/detail/index',
    'pages/edit/index',
    'pages/campus-login/index',
    'pages/search/index',
    'pages/notifications/index',
    // Rarely opened: candidates for a subpackage.
    'pages/feedback/index',
    'pages/settings/index',
    'pages/about/index',
    'pages/rules/index',
  ],
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
    // Mini-programs only take PNG/JPG tab icons: the PNGs are 81×81 renders of the SVGs beside them.
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/publish/index',
        text: '发布',
        iconPath: 'assets/tab/publish.png',
        selectedIconPath: 'assets/tab/publish-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
});
