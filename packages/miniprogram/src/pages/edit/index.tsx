import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { errorMessage } from '../../api/client';
import type { ListingDetail } from '../../api/types';
import { PublishForm } from '../../components/PublishForm';
import { formFromListing } from '../../components/publish-form-model';
import { useCatalog } from '../../hooks/useCatalog';
import './index.css';

export default function Edit() {
  const id = useRouter().params.id ?? '';
  const { catalog } = useCatalog();
  const [listing, setListing] = useState<ListingDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  const load = useCallback(async () => {
    setError(null);
    try {
      setListing(await api.listing(id));
      setFormKey((k) => k + 1);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error)
    return (
      <View className="empty" onClick={() => void load()}>
        {error}（点击重试）
      </View>
    );
  if (!catalog || !listing) return <View className="empty">加载中…</View>;
  if (!listing.isMine) return <View className="empty">只能编辑自己发布的商品</View>;

  return (
    <View className="page">
      <PublishForm
        key={formKey}
        catalog={catalog}
        initial={formFromListing(listing)}
        kindLocked
        submitLabel="保存修改"
        bannerExtra={(errors) =>
          errors._conflict ? (
            <Button
              className="btn-plain edit-reload"
              size="mini"
              onClick={() =>
                void Taro.showModal({ title: '重新加载', content: '重新加载会丢掉你刚才的修改，确定吗？' }).then(
                  (r) => r.confirm && void load(),
                )
              }
            >
              重新加载
            </Button>
          ) : null
        }
        onSubmit={async (body) => {
          const { kind: _kind, photos: _photos, ...changes } = body;
          await api.updateListing(listing.id, { ...changes, version: listing.version });
          void Taro.showToast({ title: '已保存', icon: 'success' });
          void Taro.navigateBack();
        }}
      />
    </View>
  );
}
