import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ListingDetail } from '../api/types';

/**
 * The listing's photos in order, swiped; a tap opens the full-screen viewer (pinch to zoom, swipe
 * between them) on the large variant.
 */
export function ListingGallery({ listing }: { listing: ListingDetail }) {
  const [current, setCurrent] = useState(0);
  const photos = listing.photos;
  if (photos.length === 0) {
    return (
      <View className={`detail-photos detail-placeholder card-cover-${listing.kind}`}>
        <Text className="muted">{listing.kind === 'wanted' ? '求购帖' : '卖家暂未上传照片'}</Text>
      </View>
    );
  }
  const large = photos.map((p) => p.urls.large);
  return (
    <View className="detail-gallery" data-testid="gallery">
      <Swiper className="detail-photos" onChange={(e) => setCurrent(e.detail.current)}>
        {photos.map((p, i) => (
          <SwiperItem key={p.id}>
            <Image
              className="detail-photo"
              data-testid="gallery-photo"
              data-photo-id={p.id}
              src={p.url}
              mode="aspectFit"
              onClick={() => void Taro.previewImage({ current: large[i]!, urls: large })}
            />
          </SwiperItem>
        ))}
      </Swiper>
      {photos.length > 1 && (
        <Text className="detail-gallery-count" data-testid="gallery-count">
          {current + 1}/{photos.length}
        </Text>
      )}
    </View>
  );
}
