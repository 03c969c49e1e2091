// babel-preset-taro options: framework + compiler must match config/index.ts.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', useBuiltIns: false }]],
};
