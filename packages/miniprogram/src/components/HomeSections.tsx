import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import { errorMessage } from '../api/client';
import { useBanners, useNotices } from '../api/queries';
import type { CatalogCategory } from '../api/types';
import { openBannerTarget, openCategory, openNotice } from '../lib/navigation';
import './HomeSections.css';

/**
 * The campus's live banners as a carousel. Banners are decoration: while they load, when there are
 * none, or when they fail, the page simply starts with what comes next.
 */
export function BannerCarousel({ campusId }: { campusId: string | null }) {
  const banners = useBanners(campusId);
  const items = banners.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Swiper
      className="home-banners"
      data-testid="home-banners"
      indicatorDots={items.length > 1}
      indicatorActiveColor="#ff6a00"
      autoplay={items.length > 1}
      interval={4000}
      circular
    >
      {items.map((b) => (
        <SwiperItem key={b.id}>
          <View className="home-banner" data-testid="home-banner" onClick={() => openBannerTarget(b.target)}>
            <Image className="home-banner-img" src={b.imageUrl} mode="aspectFill" />
            <Text className="home-banner-title">{b.title}</Text>
          </View>
        </SwiperItem>
      ))}
    </Swiper>
  );
}

/** The current notices (pinned first), one line each; a tap opens the full text. */
export function NoticeBar({ campusId }: { campusId: string | null }) {
  const notices = useNotices(campusId);
  if (notices.isError) {
    return (
      <View className="home-notices home-notices-error" onClick={() => void notices.refetch()}>
        <Text className="muted">通知加载失败：{errorMessage(notices.error)}（点击重试）</Text>
      </View>
    );
  }
  const items = (notices.data?.items ?? []).slice(0, 3);
  if (items.length === 0) return null;
  return (
    <View className="home-notices" data-testid="home-notices">
      {items.map((n) => (
        <View key={n.id} className="home-notice" data-testid="home-notice" onClick={() => openNotice(n.id)}>
          <Text className="home-notice-tag">{n.pinned ? '置顶' : '通知'}</Text>
          <Text className="home-notice-title">{n.title}</Text>
          <Text className="home-notice-more">›</Text>
        </View>
      ))}
    </View>
  );
}

const GLYPH_COLORS = ['#ff8a3d', '#3d9bff', '#2fbf71', '#a66bff', '#ff5c7a', '#f5b400', '#1fb5ad', '#8a8f99'];

/** 一级标签: the first-level categories, each opening 分类 on it. */
export function CategoryGrid({ categories, error }: { categories: CatalogCategory[] | null; error: string | null }) {
  if (!categories) {
    return <View className="home-categories muted home-categories-wait">{error ? '分类加载失败' : '分类加载中…'}</View>;
  }
  if (categories.length === 0) return null;
  return (
    <View className="home-categories" data-testid="home-categories">
      {categories.map((c, i) => (
        <View key={c.id} className="home-category" data-testid="home-category" onClick={() => openCategory(c.id)}>
          <View className="home-category-glyph" style={{ background: GLYPH_COLORS[i % GLYPH_COLORS.length] }}>
            <Text>{c.name.slice(0, 1)}</Text>
          </View>
          <Text className="home-category-name">{c.name}</Text>
        </View>
      ))}
    </View>
  );
}
