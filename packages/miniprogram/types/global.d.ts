/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

/** Injected by config/index.ts (defineConstants) from env XZ_API_BASE. */
declare const XZ_API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'quickapp' | 'qq' | 'jd';
    XZ_API_BASE?: string;
  }
}
