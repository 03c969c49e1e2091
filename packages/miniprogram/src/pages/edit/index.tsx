import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { errorMessage } from '../../api/client';
import { invalidateListing, listingKeys, useListing } from '../../api/listing-queries';
import { PublishForm } from '../../components/PublishForm';
import { formFromListing } from '../../components/publish-form-model';
import { backOr } from '../../lib/navigation';
import { useCatalog } from '../../hooks/useCatalog';
import './index.css';

/** 编辑: the publish form filled from the listing, photos included (kept, reordered, removed or added). */
export default function Edit() {
  const id = useRouter().params.id ?? '';
  const { catalog } = useCatalog();
  const client = useQueryClient();
  const listing = useListing(id);
  // Bumped on 重新加载 so the form starts again from the fresh listing.
  const [formKey, setFormKey] = useState(0);

  const reload = async () => {
    await listing.refetch();
    setFormKey((k) => k + 1);
  };

  if (listing.error)
    return (
      <View className="empty" onClick={() => void reload()}>
        {errorMessage(listing.error)}（点击重试）
      </View>
    );
  if (!catalog || !listing.data) return <View className="empty">加载中…</View>;
  const l = listing.data;
  if (!l.isMine) return <View className="empty">只能编辑自己发布的商品</View>;

  return (
    <View className="page">
      <PublishForm
        key={formKey}
        catalog={catalog}
        initial={formFromListing(l)}
        kindLocked
        submitLabel="保存修改"
        bannerExtra={(errors) =>
          errors._conflict ? (
            <Button
              className="btn-plain edit-reload"
              size="mini"
              onClick={() =>
                void Taro.showModal({ title: '重新加载', content: '重新加载会丢掉你刚才的修改，确定吗？' }).then(
                  (r) => r.confirm && void reload(),
                )
              }
            >
              重新加载
            </Button>
          ) : null
        }
        onSubmit={async (body) => {
          // The kind never changes; the photos go as they are now, in this order (an empty list removes them all).
          const { kind: _kind, ...changes } = body;
          const saved = await api.updateListing(l.id, { ...changes, photos: changes.photos ?? [], version: l.version });
          client.setQueryData(listingKeys.detail(l.id), saved);
          void invalidateListing(client, l.id);
          void Taro.showToast({ title: '已保存', icon: 'success' });
          backOr(`/pages/detail/index?id=${encodeURIComponent(l.id)}`);
        }}
      />
    </View>
  );
}
