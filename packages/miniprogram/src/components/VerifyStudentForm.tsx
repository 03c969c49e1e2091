import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { api } from '../api/endpoints';
import type { CampusLogin, Me } from '../api/types';
import './VerifyStudentForm.css';

interface Props {
  campusId: string;
  onVerified: (me: Me) => void;
}

/**
 * 验证学生身份: a student number and password for campuses whose portal is relayed (and the demo
 * campus); for CAS campuses the campus's own login page, which only the QQ app can open in a web-view.
 * The password lives in this form's state until the request is sent, and nowhere else.
 */
export function VerifyStudentForm({ campusId, onVerified }: Props) {
  const [login, setLogin] = useState<CampusLogin | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.campusLogin(campusId).then(setLogin, (e) => setError(errorMessage(e)));
  }, [campusId]);

  const submit = async () => {
    if (!username.trim() || !password) {
      setError('请填写学号和密码');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await api.verifyStudent({ method: 'password', username: username.trim(), password });
      setPassword('');
      void Taro.showToast({ title: '验证成功', icon: 'none' });
      onVerified(me);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="section verify-form">
      <View className="section-title">验证学生身份</View>
      <View className="muted">验证后才能发布、留言和联系卖家。我们只保存学号的加密摘要，不保存密码。</View>
      {error && (
        <View className="banner-error" data-testid="verify-error">
          {error}
        </View>
      )}
      {login?.method === 'password' && (
        <View className="verify-fields">
          {login.hint && <View className="muted verify-hint">{login.hint}</View>}
          <Input
            className="verify-input"
            placeholder="学号"
            value={username}
            maxlength={64}
            onInput={(e) => setUsername(e.detail.value)}
          />
          <Input
            className="verify-input"
            placeholder="教务系统密码"
            password
            value={password}
            maxlength={128}
            onInput={(e) => setPassword(e.detail.value)}
          />
          <Button className="btn-primary verify-submit" loading={busy} disabled={busy} onClick={() => void submit()}>
            验证
          </Button>
        </View>
      )}
      {login?.method === 'cas' && login.loginUrl && Taro.getEnv() === Taro.ENV_TYPE.QQ && (
        <Button
          className="btn-primary verify-submit"
          onClick={() =>
            void Taro.navigateTo({ url: `/pages/campus-login/index?url=${encodeURIComponent(login.loginUrl!)}` })
          }
        >
          前往学校统一身份认证
        </Button>
      )}
      {login?.method === 'cas' && Taro.getEnv() !== Taro.ENV_TYPE.QQ && (
        <View className="muted verify-hint">
          <Text>本校使用统一身份认证：请在 QQ 小程序中打开学校登录页完成验证，网页版暂不支持。</Text>
        </View>
      )}
      {login?.method === 'none' && <View className="muted verify-hint">本校暂未开通学生身份验证，请联系管理员。</View>}
    </View>
  );
}
