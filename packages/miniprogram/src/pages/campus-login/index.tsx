import { View, WebView } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import './index.css';

/**
 * The campus CAS page in a web-view (QQ only). `?url=` opens the campus login; the campus sends the
 * student to our callback page, which comes back here with `?campusId=&ticket=` so the ticket is
 * validated by the API and the student lands on 我的 verified.
 */
export default function CampusLogin() {
  const { url, ticket, campusId } = useRouter().params;
  const [message, setMessage] = useState('正在验证…');

  useEffect(() => {
    if (!ticket || !campusId) return;
    void (async () => {
      try {
        const login = await api.campusLogin(campusId);
        if (login.method !== 'cas' || !login.service) throw new Error('本校不使用统一身份认证');
        await api.verifyStudent({ method: 'cas', ticket, service: login.service });
        void Taro.showToast({ title: '验证成功', icon: 'none' });
        void Taro.switchTab({ url: '/pages/me/index' });
      } catch (e) {
        setMessage(errorMessage(e));
      }
    })();
  }, [ticket, campusId]);

  const target = url ? decodeURIComponent(url) : '';
  if (!ticket && /^https?:\/\//.test(target)) return <WebView src={target} />;
  return <View className="campus-login">{ticket ? message : '登录地址无效'}</View>;
}
