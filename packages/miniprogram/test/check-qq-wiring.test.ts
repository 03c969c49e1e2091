import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without type declarations
import { checkQqWiring } from '../scripts/check-qq-output.mjs';

const dirs: string[] = [];
function build(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'xz-qq-wiring-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const base = '<template name="tmpl_0_button"><button open-type="{{i.p18}}" open-id="{{i.p17}}"></button></template>';
const detail =
  'b="setting.addFriend";(0,N.jsx)(i.$n,{openType:"addFriend",openId:n,children:"\\u52a0QQ\\u597d\\u53cb"})';
const me = '(0,j.jsxs)(l.$n,{className:"me-menu-item",openType:"contact",children:[]})';

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('check-qq-output: the add-friend and contact wiring', () => {
  it('passes a build with both buttons and a template that passes their attributes', () => {
    const dir = build({ 'base.qml': base, 'pages/detail/index.js': detail, 'pages/me/index.js': me });
    expect(checkQqWiring(dir)).toEqual({
      problems: [],
      addFriend: ['pages/detail/index.js'],
      contact: ['pages/me/index.js'],
    });
  });

  it('reports a build without them', () => {
    const dir = build({ 'base.qml': '<button></button>', 'pages/detail/index.js': 'openType:"share"' });
    expect(checkQqWiring(dir).problems).toEqual([
      'no add-friend button (openType "addFriend") in the compiled pages',
      'no setting.addFriend authorisation before the add-friend button',
      'no customer-service button (openType "contact") in the compiled pages',
      'base.qml: the button template does not pass open-type=',
      'base.qml: the button template does not pass open-id=',
    ]);
  });

  it('reports an add-friend button without the openid', () => {
    const dir = build({
      'base.qml': base,
      'pages/detail/index.js': 'x="setting.addFriend";{openType:"addFriend"}',
      'pages/me/index.js': me,
    });
    expect(checkQqWiring(dir).problems).toEqual(['the add-friend button passes no openId (pages/detail/index.js)']);
  });
});
