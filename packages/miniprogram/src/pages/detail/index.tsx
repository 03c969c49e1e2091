import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { errorMessage, getToken } from '../../api/client';
import { invalidateListing, listingKeys, useListing } from '../../api/listing-queries';
import type { ListingDetail } from '../../api/types';
import { Comments } from '../../components/Comments';
import { ListingGallery } from '../../components/ListingGallery';
import { ReportSheet } from '../../components/ReportSheet';
import { SellerCard } from '../../components/SellerCard';
import { SimilarListings } from '../../components/SimilarListings';
import { BuyerOffer, tradeBlocker } from '../../components/BuyerOffer';
import { SellerTrade } from '../../components/SellerTrade';
import { WantButton } from '../../components/WantButton';
import { areaName, useCatalog } from '../../hooks/useCatalog';
import { conditionLabel, formatDate, KIND_LABEL, STATUS_LABEL, TRADE_METHOD_LABEL } from '../../lib/labels';
import { formatFen } from '../../lib/money';
import { askForSubscription, primeSubscriptionTemplates } from '../../lib/notifications';
import { lastPriceDrop } from '../../lib/price';
import { useShare } from '../../lib/share';
import './index.css';

export default function Detail() {
  const id = useRouter().params.id ?? '';
  const { catalog } = useCatalog();
  const client = useQueryClient();
  const query = useListing(id);
  const me = useQuery({ queryKey: ['me'], queryFn: () => api.me(), enabled: Boolean(getToken()) });
  const [reporting, setReporting] = useState(false);

  useEffect(() => {
    if (getToken()) void primeSubscriptionTemplates();
  }, []);

  const listing = query.data;
  useShare({
    title: listing ? `${formatFen(listing.price)} ${listing.title}` : '闲置 · 校园二手',
    path: `/pages/detail/index?id=${encodeURIComponent(id)}`,
    imageUrl: listing?.photos[0]?.url,
  });

  const favorite = useMutation({
    mutationFn: (l: ListingDetail) => (l.favoritedByMe ? api.unfavorite(l.id) : api.favorite(l.id)),
    onSuccess: (res, l) => {
      client.setQueryData<ListingDetail>(listingKeys.detail(l.id), (old) =>
        old ? { ...old, favoritedByMe: res.favorited, favoriteCount: res.favoriteCount } : old,
      );
      void client.invalidateQueries({ queryKey: listingKeys.favorites });
    },
    onError: (e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }),
  });

  const toggleFavorite = () => {
    if (!listing || favorite.isPending) return;
    if (!getToken()) {
      void Taro.showToast({ title: '请先在「我的」页登录', icon: 'none' });
      return;
    }
    // A favorite is how a price drop reaches the student: offer the QQ reminder within this tap.
    if (!listing.favoritedByMe) void askForSubscription(['price_drop']);
    favorite.mutate(listing);
  };

  const copyLink = () => {
    const url = typeof window !== 'undefined' ? window.location.href : '';
    void Taro.setClipboardData({ data: url }).then(
      () => Taro.showToast({ title: '链接已复制', icon: 'none' }),
      () => Taro.showModal({ title: '复制这个链接分享', content: url, showCancel: false }),
    );
  };

  if (query.error) {
    return (
      <View className="page">
        <View className="empty" onClick={() => void invalidateListing(client, id)}>
          {errorMessage(query.error)}（点击重试）
        </View>
      </View>
    );
  }
  if (!listing) return <View className="page empty">加载中…</View>;

  const area = areaName(catalog, listing.areaId);
  const category = listing.category.parentName
    ? `${listing.category.parentName} / ${listing.category.name}`
    : listing.category.name;
  const drop = lastPriceDrop(listing);
  const signedIn = Boolean(getToken());
  const verified = me.data ? me.data.verified : null;
  // 求购 posts look for a seller: nobody offers on them or wants them.
  const tradable = listing.kind !== 'wanted';
  const wantCount = listing.wantCount;

  return (
    <View className="page detail">
      <ListingGallery listing={listing} />

      <View className="section">
        <View className="detail-price-row">
          <Text className="price detail-price">{formatFen(listing.price)}</Text>
          {listing.originalPrice !== null && <Text className="price-original">{formatFen(listing.originalPrice)}</Text>}
          {drop && (
            <Text className="badge badge-drop" data-testid="price-drop">
              降价 {formatFen(drop.from - drop.to)}
            </Text>
          )}
          {listing.status !== 'active' && (
            <Text className={`badge badge-${listing.status} detail-status`}>{STATUS_LABEL[listing.status]}</Text>
          )}
        </View>
        <View className="detail-title">{listing.title}</View>
        <View className="detail-tags">
          <Text className="badge">{KIND_LABEL[listing.kind]}</Text>
          {listing.condition && <Text className="badge">{conditionLabel(listing.condition)}</Text>}
          <Text className="badge">{category}</Text>
        </View>
        <View className="muted detail-stats">
          {formatDate(listing.listedAt)} 发布 · {listing.viewCount} 次浏览 · {listing.favoriteCount} 人收藏
          {wantCount > 0 ? ` · ${wantCount} 人想要` : ''}
        </View>
      </View>

      {listing.status === 'hidden' && (
        <View className="banner-error">这件商品被多名同学举报，正在等待管理员审核，暂时只有你能看到。</View>
      )}

      {listing.removalReason && <View className="banner-error">该商品已被管理员下架：{listing.removalReason}</View>}

      <View className="section">
        <View className="section-title">描述</View>
        <Text className="detail-desc" userSelect>
          {listing.description || '卖家没有写描述'}
        </Text>
      </View>

      <View className="section detail-facts">
        {listing.condition && <Fact label="成色" value={conditionLabel(listing.condition)} />}
        {area && <Fact label="交易地点" value={area} />}
        {listing.tradeMethods.length > 0 && (
          <Fact label="交易方式" value={listing.tradeMethods.map((m) => TRADE_METHOD_LABEL[m] ?? m).join('、')} />
        )}
        {listing.book && (
          <>
            <Fact label="ISBN" value={listing.book.isbn} />
            {listing.book.author && <Fact label="作者" value={listing.book.author} />}
            {listing.book.publisher && <Fact label="出版社" value={listing.book.publisher} />}
            {listing.book.course && <Fact label="对应课程" value={listing.book.course} />}
          </>
        )}
        {listing.expiresAt && <Fact label="有效期至" value={formatDate(listing.expiresAt)} />}
      </View>

      <SellerCard listing={listing} />

      {tradable &&
        (listing.isMine ? (
          <SellerTrade listing={listing} />
        ) : (
          <BuyerOffer listing={listing} signedIn={signedIn} verified={verified} />
        ))}

      <Comments listingId={listing.id} myId={me.data?.id ?? null} />

      <SimilarListings listingId={listing.id} />

      <View className="detail-bar">
        <View className="detail-bar-item" data-testid="favorite" onClick={toggleFavorite}>
          <Text className={listing.favoritedByMe ? 'fav-on' : ''}>{listing.favoritedByMe ? '★' : '☆'}</Text>
          <Text className="detail-bar-label">{listing.favoritedByMe ? '已收藏' : '收藏'}</Text>
        </View>
        {tradable && <WantButton listing={listing} blocker={tradeBlocker(listing, signedIn, verified)} />}
        {process.env.TARO_ENV === 'qq' ? (
          <Button className="detail-bar-item detail-share" openType="share">
            <Text>⇪</Text>
            <Text className="detail-bar-label">分享</Text>
          </Button>
        ) : (
          <View className="detail-bar-item" onClick={copyLink}>
            <Text>⇪</Text>
            <Text className="detail-bar-label">复制链接</Text>
          </View>
        )}
        {!listing.isMine && (
          <View className="detail-bar-item" data-testid="report" onClick={() => setReporting(true)}>
            <Text>⚑</Text>
            <Text className="detail-bar-label">举报</Text>
          </View>
        )}
        {listing.isMine && (
          <Button
            className="btn-plain detail-edit"
            size="mini"
            onClick={() => void Taro.navigateTo({ url: `/pages/edit/index?id=${encodeURIComponent(listing.id)}` })}
          >
            编辑
          </Button>
        )}
      </View>
      {reporting && <ReportSheet targetType="listing" targetId={listing.id} onClose={() => setReporting(false)} />}
    </View>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className="fact">
      <Text className="muted fact-label">{label}</Text>
      <Text className="fact-value">{value}</Text>
    </View>
  );
}
