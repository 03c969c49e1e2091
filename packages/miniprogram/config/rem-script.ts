import { createHash } from 'node:crypto';
import type { Compiler } from 'webpack';

/** The parts of webpack-chain and webpack this needs (Taro hands both to `webpackChain`). */
interface Chain {
  plugin(name: string): {
    tap(f: (args: Record<string, unknown>[]) => Record<string, unknown>[]): unknown;
    use(plugin: new () => { apply(compiler: Compiler): void }): unknown;
  };
}

/**
 * Taro's H5 build puts its rem sizing script inline in index.html; our Content-Security-Policy allows no
 * inline script. This takes the script out of the page into `js/rem.<hash>.js`, which the template loads
 * (deferred, ahead of the app's deferred scripts, so it runs before the app renders) under `script-src 'self'`.
 */
export function remScriptAsFile(chain: Chain, publicPath: string): void {
  let script = '';
  let file = '';
  chain.plugin('htmlWebpackPlugin').tap(([options, ...rest]) => {
    script = typeof options?.['script'] === 'string' ? options['script'] : '';
    file = script ? `js/rem.${createHash('sha256').update(script).digest('hex').slice(0, 8)}.js` : '';
    return [{ ...options, script: '', remScript: file ? `${publicPath}${file}` : '' }, ...rest];
  });
  chain.plugin('xzRemScriptFile').use(
    class {
      apply(compiler: Compiler) {
        const { Compilation, sources } = compiler.webpack;
        compiler.hooks.thisCompilation.tap('xz-rem-script', (compilation) => {
          compilation.hooks.processAssets.tap(
            { name: 'xz-rem-script', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
            () => {
              if (file) compilation.emitAsset(file, new sources.RawSource(script));
            },
          );
        });
      }
    },
  );
}
