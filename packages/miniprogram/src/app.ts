import { createElement, type PropsWithChildren } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient, followSession } from './api/query';
import { cancelJavascriptLinks } from './lib/csp';
import './app.css';

const queryClient = createQueryClient();
followSession(queryClient);
if (process.env.TARO_ENV === 'h5') cancelJavascriptLinks(document);

function App({ children }: PropsWithChildren) {
  return createElement(QueryClientProvider, { client: queryClient }, children);
}

export default App;
