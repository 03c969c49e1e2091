import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { remScriptAsFile } from './rem-script';

// Where the app finds the API. On H5 the API server also serves this build under /h5/, so the
// default is same-origin ('' → requests go to /v1/...). A mini-program has no origin of its own
// and QQ only talks to HTTPS domains registered in the QQ console, so the QQ default is a
// placeholder to be replaced by the real campus deployment's domain at build time.
function apiBase(): string {
  const fromEnv = process.env.XZ_API_BASE;
  if (fromEnv !== undefined) return fromEnv.replace(/\/+$/, '');
  return process.env.TARO_ENV === 'h5' ? '' : 'https://api.example.edu.cn';
}

// TanStack Query ships modern syntax (private class fields `#x`) that Taro does not compile in node_modules:
// the H5 minifier's quote_keys turns `#e` into a syntax error, and QQ's runtime (es6: false) may not parse it.
// Compile it through babel like our own code, for the phones the browserslist names. Webpack matches real
// paths (pnpm's store), and Taro's config check takes only strings here.
function tanstackDirs(): string[] {
  const reactQuery = realpathSync(join(process.cwd(), 'node_modules', '@tanstack', 'react-query'));
  return [reactQuery, realpathSync(join(reactQuery, '..', 'query-core'))];
}
const compileDeps = { include: tanstackDirs() };

/** The API serves the H5 build under /h5/ (and Nginx does in production). */
const H5_PUBLIC_PATH = '/h5/';

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'xianzhi-miniprogram',
    date: '2026-11-24',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist-${process.env.TARO_ENV ?? 'qq'}`,
    plugins: ['@tarojs/plugin-platform-qq'],
    defineConstants: {
      XZ_API_BASE: JSON.stringify(apiBase()),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // Taro's H5 default quotes every key (terser quote_keys), which also quotes class private names
    // (`#"e"`): a syntax error in TanStack Query's classes that left the whole H5 app blank.
    terser: { enable: true, config: { output: { quote_keys: false } } },
    logger: { quiet: true, stats: false },
    mini: {
      compile: compileDeps,
      // Pages share component styles in different orders; each component's classes are its own, so order is moot.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      // Served by the API under /h5/. With hash routing the server path never reaches the router,
      // so only assets need the prefix: a router basename would double it (/h5/#/h5/pages/...).
      publicPath: H5_PUBLIC_PATH,
      compile: compileDeps,
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // Page chunks are ~300 KB before gzip because each carries Taro's component runtime;
        // webpack's generic 244 KB hint only adds noise to the build log.
        chain.performance.hints(false);
        remScriptAsFile(chain, H5_PUBLIC_PATH);
      },
    },
  };
  return config;
});
