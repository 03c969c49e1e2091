// Tab pages and the pages most visits reach (a listing, a search, a seller) sit in the main package;
// pages opened rarely are subpackages, loaded by QQ on first use, to keep the main package small
// (scripts/check-qq-output.mjs fails the build above 1.5 MB). A subpackage's root is the page's own
// folder, so every page keeps its path (`pages/notice/index`) on QQ and H5 alike.
export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/category/index',
    'pages/publish/index',
    'pages/notifications/index',
    'pages/me/index',
    'pages/detail/index',
    'pages/search/index',
    'pages/profile/index',
  ],
  subPackages: [
    { root: 'pages/edit', pages: ['index'] },
    { root: 'pages/campus-login', pages: ['index'] },
    { root: 'pages/campus', pages: ['index'] },
    { root: 'pages/notice', pages: ['index'] },
    { root: 'pages/feedback', pages: ['index'] },
    { root: 'pages/saved-searches', pages: ['index'] },
    { root: 'pages/settings', pages: ['index'] },
    { root: 'pages/about', pages: ['index'] },
    { root: 'pages/rules', pages: ['index'] },
    { root: 'pages/offers', pages: ['index'] },
    { root: 'pages/trades', pages: ['index'] },
    { root: 'pages/trade', pages: ['index'] },
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
    // Mini-programs only take PNG/JPG tab icons: the PNGs are 81×81 renders of the SVGs beside them
    // (scripts/render-tab-icons.mjs).
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/category/index',
        text: '分类',
        iconPath: 'assets/tab/category.png',
        selectedIconPath: 'assets/tab/category-active.png',
      },
      {
        pagePath: 'pages/publish/index',
        text: '发布',
        iconPath: 'assets/tab/publish.png',
        selectedIconPath: 'assets/tab/publish-active.png',
      },
      {
        pagePath: 'pages/notifications/index',
        text: '消息',
        iconPath: 'assets/tab/messages.png',
        selectedIconPath: 'assets/tab/messages-active.png',
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
