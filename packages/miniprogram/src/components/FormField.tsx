import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** One labelled control of the publish form, with its required mark and its error under it. */
export function Field({
  label,
  required,
  error,
  children,
}: {
  label: string;
  required?: boolean;
  error?: string;
  children: ReactNode;
}) {
  return (
    <View className="pf-field">
      <View className="pf-label">
        <Text>{label}</Text>
        {required && <Text className="pf-required">*</Text>}
      </View>
      <View className="pf-control">{children}</View>
      {error ? <Text className="error-text pf-error">{error}</Text> : null}
    </View>
  );
}
